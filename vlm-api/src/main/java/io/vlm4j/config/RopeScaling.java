package io.vlm4j.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A language model's {@code rope_scaling}, as HF 4.46's {@code rope_config_validation} checks it and the
 * {@code ROPE_INIT_FUNCTIONS} read it.
 *
 * <p>The type is {@code type} when the dict has it (Llama/Qwen2 copy it over {@code rope_type}), else
 * {@code rope_type}; {@code null}, and the type {@code default}, mean no scaling ({@link #fromJson} gives empty).
 * For {@code linear} scaling HF divides the default inverse frequencies by {@link #factor()}
 * ({@code _compute_linear_scaling_rope_parameters}). The keys each type requires must be there, as HF raises a
 * {@code KeyError} otherwise; the other keys of a type ({@code beta_fast}, {@code short_factor}, …) stay in
 * {@link #json()}.
 *
 * <p>Immutable.
 *
 * @param ropeType one of {@link #ROPE_TYPES}
 * @param factor the scaling factor ({@code linear}, {@code dynamic}, {@code yarn}, {@code llama3}; optional for
 *     {@code longrope})
 * @param originalMaxPositionEmbeddings {@code original_max_position_embeddings} ({@code llama3}; optional for
 *     {@code dynamic} and {@code longrope})
 * @param lowFreqFactor {@code low_freq_factor} ({@code llama3})
 * @param highFreqFactor {@code high_freq_factor} ({@code llama3})
 * @param json the {@code rope_scaling} object
 */
public record RopeScaling(String ropeType, OptionalDouble factor, OptionalInt originalMaxPositionEmbeddings,
        OptionalDouble lowFreqFactor, OptionalDouble highFreqFactor, ConfigNode json) {
    /** The scaling types HF 4.46 implements, {@code default} (no scaling) aside. */
    public static final List<String> ROPE_TYPES = List.of("linear", "dynamic", "yarn", "longrope", "llama3");

    private static final Map<String, List<String>> REQUIRED = Map.of(
            "linear", List.of("factor"),
            "dynamic", List.of("factor"),
            "yarn", List.of("factor"),
            "longrope", List.of("short_factor", "long_factor"),
            "llama3", List.of("factor", "original_max_position_embeddings", "low_freq_factor", "high_freq_factor"));

    public RopeScaling {
        Objects.requireNonNull(ropeType, "ropeType");
        Objects.requireNonNull(factor, "factor");
        Objects.requireNonNull(originalMaxPositionEmbeddings, "originalMaxPositionEmbeddings");
        Objects.requireNonNull(lowFreqFactor, "lowFreqFactor");
        Objects.requireNonNull(highFreqFactor, "highFreqFactor");
        Objects.requireNonNull(json, "json");
        ConfigValues.oneOf(ropeType, ROPE_TYPES, json, json.has("type") ? "type" : "rope_type");
        for (String key : REQUIRED.get(ropeType)) {
            ConfigValues.check(key.equals("factor") ? factor.isPresent() : json.has(key), json, key,
                    "a value: rope_type '" + ropeType + "' requires " + String.join(", ", REQUIRED.get(ropeType)),
                    null);
        }
        if (factor.isPresent()) {
            ConfigValues.check(factor.getAsDouble() > 0 && Double.isFinite(factor.getAsDouble()), json, "factor",
                    "a number > 0", factor.getAsDouble());
        }
        if (originalMaxPositionEmbeddings.isPresent()) {
            ConfigValues.positive(originalMaxPositionEmbeddings.getAsInt(), json, "original_max_position_embeddings");
        }
    }

    /**
     * Reads {@code rope_scaling}: empty when absent, {@code null} or of type {@code default}.
     *
     * @throws io.vlm4j.ConfigException if it is not an object, names an unknown type, lacks a key its type
     *     requires, or has a bad value; the message names the JSON path
     */
    public static Optional<RopeScaling> fromJson(ConfigNode ropeScaling) {
        if (ropeScaling.isAbsent()) {
            return Optional.empty();
        }
        if (!ropeScaling.isObject()) {
            throw ropeScaling.error("an object such as {\"rope_type\": \"linear\", \"factor\": 2.0}, or null");
        }
        ConfigNode typeNode = ropeScaling.has("type") ? ropeScaling.get("type") : ropeScaling.get("rope_type");
        if (!typeNode.isString()) {
            throw typeNode.error("a string naming the RoPE type (rope_type): default or one of " + ROPE_TYPES);
        }
        String type = typeNode.asString();
        if (type.equals("default")) {
            return Optional.empty();
        }
        return Optional.of(new RopeScaling(type, number(ropeScaling, "factor"),
                ropeScaling.optInt("original_max_position_embeddings"), number(ropeScaling, "low_freq_factor"),
                number(ropeScaling, "high_freq_factor"), ropeScaling));
    }

    private static OptionalDouble number(ConfigNode obj, String key) {
        ConfigNode node = obj.get(key);
        if (node.isAbsent()) {
            return OptionalDouble.empty();
        }
        if (!node.isNumber()) {
            throw node.error("a number > 0");
        }
        return OptionalDouble.of(node.asDouble());
    }
}

package io.vlm4j.generation;

import io.vlm4j.ConfigException;
import io.vlm4j.ErrorCode;
import io.vlm4j.VlmException;
import io.vlm4j.config.ConfigNode;
import io.vlm4j.config.ModelConfig;
import io.vlm4j.config.MultimodalConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * How to generate: the subset of HF 4.46's {@code GenerationConfig} the decode loop implements.
 *
 * <p>Defaults are HF's ({@code GenerationConfig()}): greedy, temperature 1.0, top-k 50, top-p 1.0, repetition
 * penalty 1.0, {@code max_length} 20, no special tokens. Length: HF's {@code generate()} (at the 4.46 branch
 * point, {@code _prepare_generated_length}) turns {@code max_new_tokens}, when set, into
 * {@code max_length = max_new_tokens + prompt length}, and otherwise adds the prompt length to
 * {@code max_length}; either way the number of new tokens is {@code max_new_tokens} if set, else
 * {@code max_length}, which is what {@link #maxNewTokens()} holds.
 *
 * <p>Temperature, top-k and top-p act only when sampling, as HF builds its warpers only then: they are checked only
 * then ({@code temperature > 0}, {@code 0 < top_p <= 1}, {@code top_k >= 0}; top-k 0 and top-p 1 switch the
 * filter off, and so does JSON {@code null}). The repetition penalty (> 0; 1.0 is none) acts in greedy search too.
 * A config built in code that breaks a rule is a {@link VlmException} of kind usage; one read from JSON is a
 * {@link ConfigException} naming the key.
 *
 * <p>Special tokens: generation stops at any of {@link #eosTokenIds()}. HF fills a caller's config's missing
 * bos/eos/pad from the model's own generation config ({@link #withSpecialTokensFrom}); the model's generation
 * config is {@code generation_config.json} if the checkpoint has one ({@link #fromJson}), else derived from
 * {@code config.json} ({@link #fromModelConfig}). When no pad token is set, HF pads with the first eos token.
 *
 * <p>Immutable.
 *
 * @param maxNewTokens the most tokens to generate (>= 1)
 * @param doSample sample from the distribution (true) or take the most likely token (false)
 * @param temperature divides the logits before sampling (> 0)
 * @param topK keep the k most likely tokens when sampling; 0 keeps all
 * @param topP keep the smallest set of tokens whose probability reaches p when sampling; 1.0 keeps all
 * @param repetitionPenalty HF's {@code RepetitionPenaltyLogitsProcessor} factor; 1.0 is none
 * @param eosTokenIds the tokens that end generation; empty for none
 * @param bosTokenId the beginning-of-sequence token, if any
 * @param padTokenId the padding token, if any
 * @param seed the seed of the sampler, if fixed
 * @param stopStrings texts that end generation once the decoded output ends with one of them
 */
public record GenerationConfig(int maxNewTokens, boolean doSample, double temperature, int topK, double topP,
        double repetitionPenalty, List<Integer> eosTokenIds, OptionalInt bosTokenId, OptionalInt padTokenId,
        OptionalLong seed, List<String> stopStrings) {
    private static final String MAX_NEW_TOKENS = "max_new_tokens";
    private static final String MAX_LENGTH = "max_length";

    /** {@code PretrainedConfig._get_global_generation_defaults()}: generation keys a model config may hold. */
    private static final Map<String, Object> GLOBAL_GENERATION_DEFAULTS = globalGenerationDefaults();

    /** The keys read here with {@code GenerationConfig()}'s defaults ({@code null}: unset). */
    private static final Map<String, Object> DEFAULTS = defaultsByKey();

    public GenerationConfig {
        eosTokenIds = List.copyOf(eosTokenIds);
        Objects.requireNonNull(bosTokenId, "bosTokenId");
        Objects.requireNonNull(padTokenId, "padTokenId");
        Objects.requireNonNull(seed, "seed");
        stopStrings = List.copyOf(stopStrings);
        validate(maxNewTokens, doSample, temperature, topK, topP, repetitionPenalty,
                (key, name, expected, got) -> new VlmException(ErrorCode.INVALID_ARGUMENT,
                        "GenerationConfig." + name + ": expected " + expected + ", got " + got));
    }

    /** HF's {@code GenerationConfig()}: greedy, 20 new tokens, no special tokens. */
    public static GenerationConfig defaults() {
        return new GenerationConfig(20, false, 1.0, 50, 1.0, 1.0, List.of(), OptionalInt.empty(),
                OptionalInt.empty(), OptionalLong.empty(), List.of());
    }

    /** Greedy search for at most {@code maxNewTokens} tokens; other settings are HF's defaults. */
    public static GenerationConfig greedy(int maxNewTokens) {
        return defaults().withMaxNewTokens(maxNewTokens);
    }

    /** Sampling with a fixed seed, so that a run can be repeated; other settings are HF's defaults. */
    public static GenerationConfig sampling(double temperature, double topP, int topK, long seed, int maxNewTokens) {
        return new GenerationConfig(maxNewTokens, true, temperature, topK, topP, 1.0, List.of(), OptionalInt.empty(),
                OptionalInt.empty(), OptionalLong.of(seed), List.of());
    }

    public GenerationConfig withMaxNewTokens(int value) {
        return new GenerationConfig(value, doSample, temperature, topK, topP, repetitionPenalty, eosTokenIds,
                bosTokenId, padTokenId, seed, stopStrings);
    }

    public GenerationConfig withDoSample(boolean value) {
        return new GenerationConfig(maxNewTokens, value, temperature, topK, topP, repetitionPenalty, eosTokenIds,
                bosTokenId, padTokenId, seed, stopStrings);
    }

    public GenerationConfig withTemperature(double value) {
        return new GenerationConfig(maxNewTokens, doSample, value, topK, topP, repetitionPenalty, eosTokenIds,
                bosTokenId, padTokenId, seed, stopStrings);
    }

    public GenerationConfig withTopK(int value) {
        return new GenerationConfig(maxNewTokens, doSample, temperature, value, topP, repetitionPenalty, eosTokenIds,
                bosTokenId, padTokenId, seed, stopStrings);
    }

    public GenerationConfig withTopP(double value) {
        return new GenerationConfig(maxNewTokens, doSample, temperature, topK, value, repetitionPenalty, eosTokenIds,
                bosTokenId, padTokenId, seed, stopStrings);
    }

    public GenerationConfig withRepetitionPenalty(double value) {
        return new GenerationConfig(maxNewTokens, doSample, temperature, topK, topP, value, eosTokenIds, bosTokenId,
                padTokenId, seed, stopStrings);
    }

    public GenerationConfig withEosTokenIds(List<Integer> value) {
        return new GenerationConfig(maxNewTokens, doSample, temperature, topK, topP, repetitionPenalty, value,
                bosTokenId, padTokenId, seed, stopStrings);
    }

    public GenerationConfig withBosTokenId(OptionalInt value) {
        return new GenerationConfig(maxNewTokens, doSample, temperature, topK, topP, repetitionPenalty, eosTokenIds,
                value, padTokenId, seed, stopStrings);
    }

    public GenerationConfig withPadTokenId(OptionalInt value) {
        return new GenerationConfig(maxNewTokens, doSample, temperature, topK, topP, repetitionPenalty, eosTokenIds,
                bosTokenId, value, seed, stopStrings);
    }

    public GenerationConfig withSeed(OptionalLong value) {
        return new GenerationConfig(maxNewTokens, doSample, temperature, topK, topP, repetitionPenalty, eosTokenIds,
                bosTokenId, padTokenId, value, stopStrings);
    }

    public GenerationConfig withStopStrings(List<String> value) {
        return new GenerationConfig(maxNewTokens, doSample, temperature, topK, topP, repetitionPenalty, eosTokenIds,
                bosTokenId, padTokenId, seed, value);
    }

    /**
     * This config with its unset bos, eos and pad tokens taken from {@code modelDefaults}, the model's own
     * generation config: what HF's {@code _prepare_generation_config} does with a config the caller passes.
     */
    public GenerationConfig withSpecialTokensFrom(GenerationConfig modelDefaults) {
        return new GenerationConfig(maxNewTokens, doSample, temperature, topK, topP, repetitionPenalty,
                eosTokenIds.isEmpty() ? modelDefaults.eosTokenIds : eosTokenIds,
                bosTokenId.isPresent() ? bosTokenId : modelDefaults.bosTokenId,
                padTokenId.isPresent() ? padTokenId : modelDefaults.padTokenId, seed, stopStrings);
    }

    /**
     * Reads a checkpoint's {@code generation_config.json} as HF's {@code GenerationConfig.from_pretrained} does:
     * its keys over HF's defaults, nothing taken from the model config. One exception, as in HF's
     * {@code generate()}: a file marked {@code "_from_model_config": true} gives way to
     * {@link #fromModelConfig}{@code (modelConfig)} when the model config's top level holds non-default
     * generation parameters.
     *
     * @throws ConfigException naming the key of a bad value
     */
    public static GenerationConfig fromJson(ConfigNode generationConfigJson, ModelConfig modelConfig) {
        ConfigNode json = generationConfigJson;
        if (!json.isObject()) {
            throw json.error("a JSON object");
        }
        if (json.getBoolean("_from_model_config", false) && hasNonDefaultGenerationParameters(modelConfig.json())) {
            return fromModelConfig(modelConfig);
        }
        return parse(json);
    }

    /**
     * The generation config HF derives from {@code config.json} when a checkpoint has no
     * {@code generation_config.json} ({@code GenerationConfig.from_model_config}): the top level's generation
     * keys and special tokens (those set, over HF's defaults), then, for a composite config (a
     * {@link MultimodalConfig}), each value still at its default taken from the language model's config
     * ({@code text_config}), whose class defaults count (a Llama {@code text_config} brings bos 1 and eos 2).
     *
     * @throws ConfigException naming the key of a bad value
     */
    public static GenerationConfig fromModelConfig(ModelConfig modelConfig) {
        Map<String, Object> values = new LinkedHashMap<>(DEFAULTS);
        toDict(modelConfig).forEach((key, value) -> {
            if (value != null) {
                values.put(key, value);
            }
        });
        if (modelConfig instanceof MultimodalConfig) {
            Map<String, Object> decoder = toDict(((MultimodalConfig) modelConfig).textConfig());
            for (Map.Entry<String, Object> e : values.entrySet()) {
                if (pythonEquals(e.getValue(), DEFAULTS.get(e.getKey())) && decoder.containsKey(e.getKey())) {
                    e.setValue(decoder.get(e.getKey()));
                }
            }
        }
        return parse(ConfigNode.of(values, modelConfig.json().source() + " (as a generation config)"));
    }

    private static GenerationConfig parse(ConfigNode json) {
        ConfigNode maxNewTokensNode = json.get(MAX_NEW_TOKENS);
        String lengthKey = maxNewTokensNode.isAbsent() ? MAX_LENGTH : MAX_NEW_TOKENS;
        int maxNewTokens = json.getInt(lengthKey, 20);
        boolean doSample = json.getBoolean("do_sample", false);
        double temperature = json.getDouble("temperature", 1.0);
        // null switches a filter off, as HF skips a warper whose setting is None
        int topK = json.get("top_k").isNull() ? 0 : json.getInt("top_k", 50);
        double topP = json.getDouble("top_p", 1.0);
        double repetitionPenalty = json.getDouble("repetition_penalty", 1.0);
        validate(maxNewTokens, doSample, temperature, topK, topP, repetitionPenalty, (key, name, expected, got) -> {
            ConfigNode node = json.get(key.equals(MAX_NEW_TOKENS) ? lengthKey : key);
            return node.isAbsent()
                    ? new ConfigException(node.location() + ": expected " + expected + ", got " + got)
                    : node.error(expected);
        });
        return new GenerationConfig(maxNewTokens, doSample, temperature, topK, topP, repetitionPenalty,
                tokenIds(json.get("eos_token_id")), tokenId(json.get("bos_token_id")),
                tokenId(json.get("pad_token_id")), OptionalLong.empty(), stopStrings(json.get("stop_strings")));
    }

    private interface Failure {
        RuntimeException of(String key, String name, String expected, Object got);
    }

    private static void validate(int maxNewTokens, boolean doSample, double temperature, int topK, double topP,
            double repetitionPenalty, Failure failure) {
        if (maxNewTokens < 1) {
            throw failure.of(MAX_NEW_TOKENS, "maxNewTokens", "an integer >= 1", maxNewTokens);
        }
        if (!(repetitionPenalty > 0) || Double.isInfinite(repetitionPenalty)) {
            throw failure.of("repetition_penalty", "repetitionPenalty", "a finite number > 0 (1.0 is none)",
                    repetitionPenalty);
        }
        if (!doSample) {
            return;
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw failure.of("temperature", "temperature", "a finite number > 0 when sampling", temperature);
        }
        if (topK < 0) {
            throw failure.of("top_k", "topK", "an integer >= 0 when sampling (0 keeps all tokens)", topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw failure.of("top_p", "topP", "a number in (0, 1] when sampling (1.0 keeps all tokens)", topP);
        }
    }

    /** The generation keys of a config as Python's {@code to_dict()} has them ({@code null}: None). */
    private static Map<String, Object> toDict(ModelConfig config) {
        ConfigNode json = config.json();
        Map<String, Object> dict = new LinkedHashMap<>();
        for (String key : DEFAULTS.keySet()) {
            ConfigNode node = json.get(key);
            if (!node.isMissing()) {
                dict.put(key, checkedJava(node));
            } else if (GLOBAL_GENERATION_DEFAULTS.containsKey(key)) {
                dict.put(key, GLOBAL_GENERATION_DEFAULTS.get(key));
            }
        }
        // every PretrainedConfig has these, with its class's defaults (a Llama's bos 1 and eos 2)
        dict.put("bos_token_id", config.bosTokenId().isPresent() ? config.bosTokenId().getAsInt() : null);
        dict.put("eos_token_id", config.eosTokenId().isEmpty() ? null : config.eosTokenId());
        dict.put("pad_token_id", config.padTokenId().isPresent() ? config.padTokenId().getAsInt() : null);
        return dict;
    }

    /** A value as plain Java, checked for the type its key needs so that a bad one names its own path. */
    private static Object checkedJava(ConfigNode node) {
        String key = node.path().substring(node.path().lastIndexOf('.') + 1);
        if (!node.isNull()) {
            switch (key) {
                case "do_sample":
                    node.asBoolean();
                    break;
                case "temperature":
                case "top_p":
                case "repetition_penalty":
                    node.asDouble();
                    break;
                case MAX_LENGTH:
                case MAX_NEW_TOKENS:
                case "top_k":
                    node.asInt();
                    break;
                case "stop_strings":
                    stopStrings(node);
                    break;
                default:
                    break;
            }
        }
        return node.toJava();
    }

    private static boolean hasNonDefaultGenerationParameters(ConfigNode modelConfigJson) {
        for (Map.Entry<String, Object> e : GLOBAL_GENERATION_DEFAULTS.entrySet()) {
            ConfigNode node = modelConfigJson.get(e.getKey());
            if (!node.isAbsent() && !pythonEquals(node.toJava(), e.getValue())) {
                return true;
            }
        }
        return false;
    }

    /** Python's {@code ==} on JSON values as far as it matters here: numbers compare by value. */
    private static boolean pythonEquals(Object a, Object b) {
        if (a instanceof Number && b instanceof Number) {
            return ((Number) a).doubleValue() == ((Number) b).doubleValue();
        }
        return Objects.equals(a, b);
    }

    private static OptionalInt tokenId(ConfigNode node) {
        if (node.isAbsent()) {
            return OptionalInt.empty();
        }
        if (!node.isIntegral()) {
            throw node.error("a token id (an integer) or null");
        }
        return OptionalInt.of(node.asInt());
    }

    private static List<Integer> tokenIds(ConfigNode node) {
        if (node.isAbsent()) {
            return List.of();
        }
        if (node.isIntegral()) {
            return List.of(node.asInt());
        }
        if (!node.isArray()) {
            throw node.error("a token id or a list of token ids");
        }
        List<Integer> out = new ArrayList<>();
        for (ConfigNode element : node.elements()) {
            out.add(tokenId(element).getAsInt());
        }
        return out;
    }

    private static List<String> stopStrings(ConfigNode node) {
        if (node.isAbsent()) {
            return List.of();
        }
        if (node.isString()) {
            return List.of(node.asString());
        }
        if (!node.isArray()) {
            throw node.error("a string or a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (ConfigNode element : node.elements()) {
            out.add(element.asString());
        }
        return out;
    }

    private static Map<String, Object> defaultsByKey() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put(MAX_LENGTH, 20L);
        d.put(MAX_NEW_TOKENS, null);
        d.put("do_sample", false);
        d.put("temperature", 1.0);
        d.put("top_k", 50L);
        d.put("top_p", 1.0);
        d.put("repetition_penalty", 1.0);
        d.put("stop_strings", null);
        d.put("bos_token_id", null);
        d.put("eos_token_id", null);
        d.put("pad_token_id", null);
        return Collections.unmodifiableMap(d);
    }

    private static Map<String, Object> globalGenerationDefaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put(MAX_LENGTH, 20L);
        d.put("min_length", 0L);
        d.put("do_sample", false);
        d.put("early_stopping", false);
        d.put("num_beams", 1L);
        d.put("num_beam_groups", 1L);
        d.put("diversity_penalty", 0.0);
        d.put("temperature", 1.0);
        d.put("top_k", 50L);
        d.put("top_p", 1.0);
        d.put("typical_p", 1.0);
        d.put("repetition_penalty", 1.0);
        d.put("length_penalty", 1.0);
        d.put("no_repeat_ngram_size", 0L);
        d.put("encoder_no_repeat_ngram_size", 0L);
        d.put("bad_words_ids", null);
        d.put("num_return_sequences", 1L);
        d.put("output_scores", false);
        d.put("return_dict_in_generate", false);
        d.put("forced_bos_token_id", null);
        d.put("forced_eos_token_id", null);
        d.put("remove_invalid_values", false);
        d.put("exponential_decay_length_penalty", null);
        d.put("suppress_tokens", null);
        d.put("begin_suppress_tokens", null);
        return Collections.unmodifiableMap(d);
    }
}

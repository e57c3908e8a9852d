package io.vlm4j.config;

import io.vlm4j.ConfigException;
import io.vlm4j.processing.ImageSize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The readers and rules the config records share: typed reads with HF's defaults, and checks whose failures name
 * the JSON path of the value. Stateless.
 */
final class ConfigValues {
    /** HF's two ways of picking vision features: drop the CLS token ({@code default}) or keep all ({@code full}). */
    static final List<String> SELECT_STRATEGIES = List.of("default", "full");

    private ConfigValues() {}

    /**
     * Fails unless {@code ok}, naming the path of {@code key} in {@code json}: the JSON value when the key is
     * there, else {@code value} (a default, or a value given in code).
     */
    static void check(boolean ok, ConfigNode json, String key, String expected, Object value) {
        if (ok) {
            return;
        }
        ConfigNode node = json.get(key);
        if (!node.isAbsent() || value == null) {
            throw node.error(expected);
        }
        throw new ConfigException(node.location() + ": expected " + expected + ", got " + shown(value));
    }

    static void positive(int value, ConfigNode json, String key) {
        check(value > 0, json, key, "an integer > 0", value);
    }

    static void nonNegative(int value, ConfigNode json, String key) {
        check(value >= 0, json, key, "an integer >= 0", value);
    }

    static void positive(double value, ConfigNode json, String key) {
        check(value > 0 && Double.isFinite(value), json, key, "a finite number > 0", value);
    }

    static void oneOf(String value, List<String> allowed, ConfigNode json, String key) {
        check(allowed.contains(value), json, key, "one of " + quoted(allowed), value);
    }

    /** HF's composite configs accept only these two strategies ({@code ValueError} otherwise). */
    static void selectStrategy(String value, ConfigNode json) {
        oneOf(value, SELECT_STRATEGIES, json, "vision_feature_select_strategy");
    }

    /** The vision layers must index {@code hidden_states}, which has {@code num_hidden_layers + 1} entries. */
    static void featureLayers(List<Integer> layers, VisionConfig vision, ConfigNode json) {
        int count = vision.numHiddenLayers() + 1;
        check(!layers.isEmpty(), json, "vision_feature_layer", "an integer or a non-empty list of integers", layers);
        for (int layer : layers) {
            check(layer >= -count && layer < count, json, "vision_feature_layer",
                    "layer indices within -" + count + ".." + (count - 1) + " (the vision tower's "
                            + count + " hidden states)", layers);
        }
    }

    static void heads(int numAttentionHeads, int numKeyValueHeads, ConfigNode json) {
        positive(numAttentionHeads, json, "num_attention_heads");
        positive(numKeyValueHeads, json, "num_key_value_heads");
        check(numAttentionHeads % numKeyValueHeads == 0, json, "num_key_value_heads",
                "a divisor of num_attention_heads (" + numAttentionHeads + ")", numKeyValueHeads);
    }

    /** The rules Llama and Qwen2 share. */
    static void decoder(int vocabSize, int hiddenSize, int intermediateSize, int numHiddenLayers,
            int numAttentionHeads, int numKeyValueHeads, int maxPositionEmbeddings, double rmsNormEps,
            double ropeTheta, ConfigNode json) {
        positive(vocabSize, json, "vocab_size");
        positive(hiddenSize, json, "hidden_size");
        positive(intermediateSize, json, "intermediate_size");
        nonNegative(numHiddenLayers, json, "num_hidden_layers");
        heads(numAttentionHeads, numKeyValueHeads, json);
        positive(maxPositionEmbeddings, json, "max_position_embeddings");
        positive(rmsNormEps, json, "rms_norm_eps");
        positive(ropeTheta, json, "rope_theta");
    }

    /** A token id: an integer, or absent / {@code null} for none. */
    static OptionalInt tokenId(ConfigNode obj, String key) {
        ConfigNode node = obj.get(key);
        if (node.isAbsent()) {
            return OptionalInt.empty();
        }
        if (!node.isIntegral()) {
            throw node.error("a token id (an integer) or null");
        }
        return OptionalInt.of(node.asInt());
    }

    /** A token id with a default for an absent key; JSON {@code null} is none, as in HF. */
    static OptionalInt tokenId(ConfigNode obj, String key, int defaultValue) {
        ConfigNode node = obj.get(key);
        return node.isMissing() ? OptionalInt.of(defaultValue) : tokenId(obj, key);
    }

    /** Token ids given as one integer or a list of integers; empty when absent or {@code null}. */
    static List<Integer> tokenIds(ConfigNode obj, String key) {
        return intOrList(obj, key, List.of(), "a token id or a list of token ids");
    }

    /** Token ids with a default for an absent key; JSON {@code null} is none, as in HF. */
    static List<Integer> tokenIds(ConfigNode obj, String key, int defaultValue) {
        return obj.get(key).isMissing() ? List.of(defaultValue) : tokenIds(obj, key);
    }

    /** One integer (a one-element list) or a list of integers; {@code defaultValue} when absent or null. */
    static List<Integer> intOrList(ConfigNode obj, String key, List<Integer> defaultValue, String expected) {
        ConfigNode node = obj.get(key);
        if (node.isAbsent()) {
            return defaultValue;
        }
        if (node.isIntegral()) {
            return List.of(node.asInt());
        }
        if (!node.isArray()) {
            throw node.error(expected);
        }
        List<Integer> out = new ArrayList<>(node.size());
        for (ConfigNode element : node.elements()) {
            if (!element.isIntegral()) {
                throw element.error("an integer");
            }
            out.add(element.asInt());
        }
        return List.copyOf(out);
    }

    /** {@code image_grid_pinpoints}: a list of {@code [height, width]} pairs; {@code defaultValue} when absent. */
    static List<ImageSize> pinpoints(ConfigNode obj, String key, List<ImageSize> defaultValue) {
        ConfigNode node = obj.get(key);
        if (node.isAbsent()) {
            return defaultValue;
        }
        if (!node.isArray() || node.size() == 0) {
            throw node.error("a non-empty list of [height, width] pairs");
        }
        List<ImageSize> out = new ArrayList<>(node.size());
        for (ConfigNode pair : node.elements()) {
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isIntegral() || !pair.get(1).isIntegral()
                    || pair.get(0).asLong() < 1 || pair.get(1).asLong() < 1) {
                throw pair.error("a [height, width] pair of integers > 0");
            }
            out.add(new ImageSize(pair.get(0).asInt(), pair.get(1).asInt()));
        }
        return List.copyOf(out);
    }

    /** Pinpoints written as HF writes its defaults: {@code {h0, w0, h1, w1, ...}}. */
    static List<ImageSize> pinpoints(int... heightWidth) {
        List<ImageSize> out = new ArrayList<>();
        for (int i = 0; i < heightWidth.length; i += 2) {
            out.add(new ImageSize(heightWidth[i], heightWidth[i + 1]));
        }
        return List.copyOf(out);
    }

    /**
     * The vision sub-config: {@code vision_config} dispatched on its own {@code model_type} ({@code defaultType}
     * when it has none), or, when absent, the sub-config HF builds from {@code defaultKwargs}.
     */
    static VisionConfig visionConfig(ConfigNode root, String defaultType, Map<String, Object> defaultKwargs) {
        ConfigNode node = subConfig(root, "vision_config", defaultType, defaultKwargs);
        return ModelConfigs.parseVision(node, node.getString("model_type", defaultType));
    }

    /** The text sub-config: {@code text_config} dispatched on its own {@code model_type}, or HF's default. */
    static TextConfig textConfig(ConfigNode root, String defaultType) {
        ConfigNode node = subConfig(root, "text_config", defaultType, Map.of());
        return ModelConfigs.parseText(node, node.getString("model_type", defaultType));
    }

    private static ConfigNode subConfig(ConfigNode root, String key, String defaultType,
            Map<String, Object> defaultKwargs) {
        ConfigNode node = root.get(key);
        if (node.isAbsent()) {
            Map<String, Object> kwargs = new LinkedHashMap<>(defaultKwargs);
            kwargs.put("model_type", defaultType);
            return ConfigNode.synthetic(kwargs, root.source(), node.path());
        }
        if (!node.isObject()) {
            throw node.error("an object (a sub-config)");
        }
        ConfigNode type = node.get("model_type");
        if (!type.isMissing() && !type.isString()) {
            throw type.error("a string naming the model type");
        }
        return node;
    }

    static String shown(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }

    private static String quoted(List<String> values) {
        StringBuilder out = new StringBuilder();
        for (String v : values) {
            out.append(out.length() == 0 ? "" : ", ").append('\'').append(v).append('\'');
        }
        return out.toString();
    }
}

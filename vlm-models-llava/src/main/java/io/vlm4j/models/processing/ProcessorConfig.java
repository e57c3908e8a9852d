package io.vlm4j.models.processing;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.spi.ProcessorContext;
import java.util.Map;

/**
 * A checkpoint's {@code processor_config.json}: the keyword arguments HF 4.46's {@code ProcessorMixin.from_pretrained}
 * passes to a processor's constructor ({@code patch_size}, {@code vision_feature_select_strategy},
 * {@code num_image_tokens}, {@code image_token}, {@code video_token}, …). A checkpoint without the file reads as
 * empty, as HF falls back to an empty dict.
 *
 * <p>Immutable.
 */
public final class ProcessorConfig {
    /** {@code processor_config.json}. */
    public static final String FILE = "processor_config.json";
    /** The strategy that drops the CLS feature: its processors count one token less per image. */
    public static final String DEFAULT_STRATEGY = "default";
    /** The strategy that keeps every feature. */
    public static final String FULL_STRATEGY = "full";

    private final ConfigNode json;

    private ProcessorConfig(ConfigNode json) {
        this.json = json;
    }

    /**
     * Reads the checkpoint's {@code processor_config.json}, or an empty config if it has none.
     *
     * @throws io.vlm4j.ConfigException if the file is not a JSON object
     */
    public static ProcessorConfig read(ProcessorContext context) {
        ConfigNode node = context.json(FILE).orElseGet(() -> ConfigNode.of(Map.of(), FILE));
        if (!node.isObject()) {
            throw node.error("a JSON object");
        }
        return new ProcessorConfig(node);
    }

    /** The config of these JSON values (for tests and programmatic use). */
    public static ProcessorConfig of(ConfigNode json) {
        if (!json.isObject()) {
            throw json.error("a JSON object");
        }
        return new ProcessorConfig(json);
    }

    /** The JSON. */
    public ConfigNode json() {
        return json;
    }

    /**
     * A positive integer the processor needs to expand its placeholders ({@code patch_size},
     * {@code num_image_tokens}).
     *
     * @throws io.vlm4j.ConfigException naming the key if it is absent or not a positive integer: HF 4.46 then
     *     leaves the placeholders unexpanded (deprecated; an error from 4.47), which vlm4j does not support
     */
    public int requirePositiveInt(String key) {
        ConfigNode node = json.get(key);
        if (!node.isIntegral() || node.asLong() < 1 || node.asLong() > Integer.MAX_VALUE) {
            throw node.error("a positive integer (HF expands each media placeholder to the model's feature count"
                    + " only when " + FILE + " gives it)");
        }
        return node.asInt();
    }

    /**
     * {@code vision_feature_select_strategy}: {@value #DEFAULT_STRATEGY} or {@value #FULL_STRATEGY}.
     *
     * @throws io.vlm4j.ConfigException if absent or another value
     */
    public String visionFeatureSelectStrategy() {
        ConfigNode node = json.get("vision_feature_select_strategy");
        if (!node.isString() || !(node.asString().equals(DEFAULT_STRATEGY)
                || node.asString().equals(FULL_STRATEGY))) {
            throw node.error("\"default\" or \"full\" (HF expands each media placeholder to the model's feature"
                    + " count only when " + FILE + " gives it)");
        }
        return node.asString();
    }

    /** {@code image_token}, HF's default {@code <image>}. */
    public String imageToken() {
        return token("image_token", "<image>");
    }

    /** {@code video_token}, HF's default {@code <video>}. */
    public String videoToken() {
        return token("video_token", "<video>");
    }

    private String token(String key, String defaultValue) {
        ConfigNode node = json.get(key);
        if (node.isAbsent()) {
            return defaultValue;
        }
        if (!node.isString() || node.asString().isEmpty()) {
            throw node.error("a non-empty string");
        }
        return node.asString();
    }
}

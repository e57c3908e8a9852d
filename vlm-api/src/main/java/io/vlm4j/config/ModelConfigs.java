package io.vlm4j.config;

import io.vlm4j.UnsupportedModelException;
import java.util.List;

/**
 * Parses the built-in config types, dispatching on {@code model_type} as HF's {@code CONFIG_MAPPING} does: the
 * four LLaVA families at the top level, their language models ({@code llama}, {@code qwen2}) and vision towers
 * ({@code clip_vision_model}, {@code siglip_vision_model}) in their sub-configs. A family that ships in a plugin
 * parses its own config ({@code ModelFamily.parseConfig}), using these records for its parts.
 *
 * <p>Stateless and thread-safe.
 */
public final class ModelConfigs {
    /** The {@code model_type}s of checkpoints {@link #parse} reads, the language models included. */
    public static final List<String> MODEL_TYPES = List.of(LlavaConfig.MODEL_TYPE, LlavaOnevisionConfig.MODEL_TYPE,
            LlavaNextVideoConfig.MODEL_TYPE, VideoLlavaConfig.MODEL_TYPE, LlamaConfig.MODEL_TYPE,
            Qwen2Config.MODEL_TYPE);
    /** The {@code model_type}s a {@code text_config} may have. */
    public static final List<String> TEXT_MODEL_TYPES = List.of(LlamaConfig.MODEL_TYPE, Qwen2Config.MODEL_TYPE);
    /** The {@code model_type}s a {@code vision_config} may have. */
    public static final List<String> VISION_MODEL_TYPES = List.of(ClipVisionConfig.MODEL_TYPE,
            SiglipVisionConfig.MODEL_TYPE);

    private ModelConfigs() {}

    /**
     * The {@code model_type} of a checkpoint's {@code config.json}.
     *
     * @throws io.vlm4j.ConfigException if it is absent or not a string (HF cannot resolve such a config either)
     */
    public static String modelType(ConfigNode root) {
        ConfigNode type = root.get("model_type");
        if (!type.isString()) {
            throw type.error("a string naming the model type (one of " + String.join(", ", MODEL_TYPES) + ")");
        }
        return type.asString();
    }

    /**
     * Parses a checkpoint's {@code config.json} into the record of its {@code model_type}.
     *
     * @throws io.vlm4j.ConfigException naming the JSON path of a bad value
     * @throws UnsupportedModelException if the {@code model_type} (or a sub-config's) is not one of these
     */
    public static ModelConfig parse(ConfigNode root) {
        if (!root.isObject()) {
            throw root.error("a JSON object");
        }
        String type = modelType(root);
        switch (type) {
            case LlavaConfig.MODEL_TYPE:
                return LlavaConfig.fromJson(root);
            case LlavaOnevisionConfig.MODEL_TYPE:
                return LlavaOnevisionConfig.fromJson(root);
            case LlavaNextVideoConfig.MODEL_TYPE:
                return LlavaNextVideoConfig.fromJson(root);
            case VideoLlavaConfig.MODEL_TYPE:
                return VideoLlavaConfig.fromJson(root);
            case LlamaConfig.MODEL_TYPE:
                return LlamaConfig.fromJson(root);
            case Qwen2Config.MODEL_TYPE:
                return Qwen2Config.fromJson(root);
            default:
                throw unsupported(root, "model_type", type, MODEL_TYPES);
        }
    }

    /**
     * Parses a language model's config ({@code text_config}, or a text model's root) as {@code modelType}.
     *
     * @throws UnsupportedModelException if {@code modelType} is not one of {@link #TEXT_MODEL_TYPES}
     */
    public static TextConfig parseText(ConfigNode json, String modelType) {
        switch (modelType) {
            case LlamaConfig.MODEL_TYPE:
                return LlamaConfig.fromJson(json);
            case Qwen2Config.MODEL_TYPE:
                return Qwen2Config.fromJson(json);
            default:
                throw unsupported(json, "model_type", modelType, TEXT_MODEL_TYPES);
        }
    }

    /**
     * Parses a vision tower's config ({@code vision_config}) as {@code modelType}.
     *
     * @throws UnsupportedModelException if {@code modelType} is not one of {@link #VISION_MODEL_TYPES}
     */
    public static VisionConfig parseVision(ConfigNode json, String modelType) {
        switch (modelType) {
            case ClipVisionConfig.MODEL_TYPE:
                return ClipVisionConfig.fromJson(json);
            case SiglipVisionConfig.MODEL_TYPE:
                return SiglipVisionConfig.fromJson(json);
            default:
                throw unsupported(json, "model_type", modelType, VISION_MODEL_TYPES);
        }
    }

    private static UnsupportedModelException unsupported(ConfigNode json, String key, String type,
            List<String> known) {
        return new UnsupportedModelException(json.get(key).location() + ": model_type '" + type
                + "' is not supported here; known: " + String.join(", ", known));
    }
}

package io.vlm4j.config;

import java.util.Objects;

/**
 * The config of a CLIP vision tower ({@code model_type} {@code clip_vision_model}), read as HF 4.46's
 * {@code CLIPVisionConfig} reads it: absent keys take its defaults (ViT-B/32: hidden 768, intermediate 3072,
 * 12 layers and heads, 224-pixel images in 32-pixel patches, quick_gelu, layer_norm_eps 1e-5).
 *
 * <p>Immutable.
 *
 * @param hiddenSize {@code hidden_size} (768)
 * @param intermediateSize {@code intermediate_size} (3072)
 * @param projectionDim {@code projection_dim} (512); unused by the LLaVA families, which take hidden states
 * @param numHiddenLayers {@code num_hidden_layers} (12)
 * @param numAttentionHeads {@code num_attention_heads} (12)
 * @param numChannels {@code num_channels} (3)
 * @param imageSize {@code image_size} (224)
 * @param patchSize {@code patch_size} (32)
 * @param hiddenAct {@code hidden_act} ("quick_gelu")
 * @param layerNormEps {@code layer_norm_eps} (1e-5)
 * @param json the JSON this was read from
 */
public record ClipVisionConfig(int hiddenSize, int intermediateSize, int projectionDim, int numHiddenLayers,
        int numAttentionHeads, int numChannels, int imageSize, int patchSize, String hiddenAct, double layerNormEps,
        ConfigNode json) implements VisionConfig {
    /** The {@code model_type}. */
    public static final String MODEL_TYPE = "clip_vision_model";

    public ClipVisionConfig {
        Objects.requireNonNull(hiddenAct, "hiddenAct");
        Objects.requireNonNull(json, "json");
        checkTower(hiddenSize, intermediateSize, numHiddenLayers, numAttentionHeads, numChannels, imageSize,
                patchSize, layerNormEps, json);
        ConfigValues.positive(projectionDim, json, "projection_dim");
    }

    /**
     * Reads a CLIP vision config (a {@code vision_config}).
     *
     * @throws io.vlm4j.ConfigException naming the JSON path of a bad value
     */
    public static ClipVisionConfig fromJson(ConfigNode json) {
        return new ClipVisionConfig(
                json.getInt("hidden_size", 768),
                json.getInt("intermediate_size", 3072),
                json.getInt("projection_dim", 512),
                json.getInt("num_hidden_layers", 12),
                json.getInt("num_attention_heads", 12),
                json.getInt("num_channels", 3),
                json.getInt("image_size", 224),
                json.getInt("patch_size", 32),
                json.getString("hidden_act", "quick_gelu"),
                json.getDouble("layer_norm_eps", 1e-5),
                json);
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    /** The rules CLIP and SigLIP towers share (HF's attention raises unless the heads divide the width). */
    static void checkTower(int hiddenSize, int intermediateSize, int numHiddenLayers, int numAttentionHeads,
            int numChannels, int imageSize, int patchSize, double layerNormEps, ConfigNode json) {
        ConfigValues.positive(hiddenSize, json, "hidden_size");
        ConfigValues.positive(intermediateSize, json, "intermediate_size");
        ConfigValues.nonNegative(numHiddenLayers, json, "num_hidden_layers");
        ConfigValues.positive(numAttentionHeads, json, "num_attention_heads");
        ConfigValues.check(hiddenSize % numAttentionHeads == 0, json, "num_attention_heads",
                "a divisor of hidden_size (" + hiddenSize + ")", numAttentionHeads);
        ConfigValues.positive(numChannels, json, "num_channels");
        ConfigValues.positive(imageSize, json, "image_size");
        ConfigValues.positive(patchSize, json, "patch_size");
        ConfigValues.check(patchSize <= imageSize, json, "patch_size",
                "a patch no larger than image_size (" + imageSize + ")", patchSize);
        ConfigValues.positive(layerNormEps, json, "layer_norm_eps");
    }
}

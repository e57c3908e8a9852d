package io.vlm4j.config;

import java.util.Objects;

/**
 * The config of a SigLIP vision tower ({@code model_type} {@code siglip_vision_model}), read as HF 4.46's
 * {@code SiglipVisionConfig} reads it: absent keys take its defaults (hidden 768, intermediate 3072, 12 layers and
 * heads, 224-pixel images in 16-pixel patches, gelu_pytorch_tanh, layer_norm_eps 1e-6).
 *
 * <p>Immutable.
 *
 * @param hiddenSize {@code hidden_size} (768)
 * @param intermediateSize {@code intermediate_size} (3072)
 * @param numHiddenLayers {@code num_hidden_layers} (12)
 * @param numAttentionHeads {@code num_attention_heads} (12)
 * @param numChannels {@code num_channels} (3)
 * @param imageSize {@code image_size} (224)
 * @param patchSize {@code patch_size} (16)
 * @param hiddenAct {@code hidden_act} ("gelu_pytorch_tanh")
 * @param layerNormEps {@code layer_norm_eps} (1e-6)
 * @param visionUseHead {@code vision_use_head} (true): not a parameter of the config class, but
 *     {@code SiglipVisionTransformer} builds its attention-pooling head unless the key is there and false (or {@code null})
 * @param json the JSON this was read from
 */
public record SiglipVisionConfig(int hiddenSize, int intermediateSize, int numHiddenLayers, int numAttentionHeads,
        int numChannels, int imageSize, int patchSize, String hiddenAct, double layerNormEps, boolean visionUseHead,
        ConfigNode json) implements VisionConfig {
    /** The {@code model_type}. */
    public static final String MODEL_TYPE = "siglip_vision_model";

    public SiglipVisionConfig {
        Objects.requireNonNull(hiddenAct, "hiddenAct");
        Objects.requireNonNull(json, "json");
        ClipVisionConfig.checkTower(hiddenSize, intermediateSize, numHiddenLayers, numAttentionHeads, numChannels,
                imageSize, patchSize, layerNormEps, json);
    }

    /**
     * Reads a SigLIP vision config (a {@code vision_config}).
     *
     * @throws io.vlm4j.ConfigException naming the JSON path of a bad value
     */
    public static SiglipVisionConfig fromJson(ConfigNode json) {
        return new SiglipVisionConfig(
                json.getInt("hidden_size", 768),
                json.getInt("intermediate_size", 3072),
                json.getInt("num_hidden_layers", 12),
                json.getInt("num_attention_heads", 12),
                json.getInt("num_channels", 3),
                json.getInt("image_size", 224),
                json.getInt("patch_size", 16),
                json.getString("hidden_act", "gelu_pytorch_tanh"),
                json.getDouble("layer_norm_eps", 1e-6),
                !json.get("vision_use_head").isNull() && json.getBoolean("vision_use_head", true),
                json);
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }
}

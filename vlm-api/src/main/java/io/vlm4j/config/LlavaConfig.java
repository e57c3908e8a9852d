package io.vlm4j.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The config of a LLaVA model ({@code model_type} {@code llava}: LLaVA-1.5, LLaVA-Interleave), read as HF 4.46's
 * {@code LlavaConfig} reads it.
 *
 * <p>An absent {@code vision_config} is the CLIP ViT-L/14 tower at 336 pixels that HF builds (hidden 1024,
 * intermediate 4096, 24 layers, 16 heads, patch 14, projection 768);
 * one without {@code model_type} is {@code clip_vision_model}. An absent {@code text_config} is a default Llama;
 * one without {@code model_type} is {@code llama}. {@code tie_word_embeddings} is not a parameter of this class,
 * so the top level takes {@code PretrainedConfig}'s default, true; the weights are tied by
 * {@code textConfig().tieWordEmbeddings()} (see {@link MultimodalConfig#tieWordEmbeddings()}).
 *
 * <p>Immutable.
 *
 * @param visionConfig {@code vision_config}
 * @param textConfig {@code text_config}
 * @param ignoreIndex {@code ignore_index} (-100)
 * @param imageTokenIndex {@code image_token_index} (32000)
 * @param projectorHiddenAct {@code projector_hidden_act} ("gelu")
 * @param visionFeatureSelectStrategy {@code vision_feature_select_strategy} ("default")
 * @param visionFeatureLayer {@code vision_feature_layer} ([-2])
 * @param imageSeqLength {@code image_seq_length} (576): placeholder tokens per image
 * @param tieWordEmbeddings the top-level {@code tie_word_embeddings} (true)
 * @param padTokenId the top-level {@code pad_token_id} (none); HF's legacy merge path pads with it
 * @param json the JSON this was read from
 */
public record LlavaConfig(VisionConfig visionConfig, TextConfig textConfig, int ignoreIndex, int imageTokenIndex,
        String projectorHiddenAct, String visionFeatureSelectStrategy, List<Integer> visionFeatureLayer,
        int imageSeqLength, boolean tieWordEmbeddings, OptionalInt padTokenId, ConfigNode json)
        implements MultimodalConfig {
    /** The {@code model_type}. */
    public static final String MODEL_TYPE = "llava";

    /** The vision config HF builds when {@code vision_config} is absent (the CLIP tower of llava-1.5). */
    static final Map<String, Object> DEFAULT_VISION_CONFIG = clipLarge(336);

    public LlavaConfig {
        Objects.requireNonNull(visionConfig, "visionConfig");
        Objects.requireNonNull(textConfig, "textConfig");
        Objects.requireNonNull(projectorHiddenAct, "projectorHiddenAct");
        Objects.requireNonNull(visionFeatureSelectStrategy, "visionFeatureSelectStrategy");
        visionFeatureLayer = List.copyOf(visionFeatureLayer);
        Objects.requireNonNull(padTokenId, "padTokenId");
        Objects.requireNonNull(json, "json");
        ConfigValues.selectStrategy(visionFeatureSelectStrategy, json);
        ConfigValues.featureLayers(visionFeatureLayer, visionConfig, json);
        ConfigValues.nonNegative(imageSeqLength, json, "image_seq_length");
    }

    /**
     * Reads a LLaVA config (a checkpoint's root).
     *
     * @throws io.vlm4j.ConfigException naming the JSON path of a bad value
     * @throws io.vlm4j.UnsupportedModelException if a sub-config names an unknown {@code model_type}
     */
    public static LlavaConfig fromJson(ConfigNode json) {
        return new LlavaConfig(
                ConfigValues.visionConfig(json, ClipVisionConfig.MODEL_TYPE, DEFAULT_VISION_CONFIG),
                ConfigValues.textConfig(json, LlamaConfig.MODEL_TYPE),
                json.getInt("ignore_index", -100),
                json.getInt("image_token_index", 32000),
                json.getString("projector_hidden_act", "gelu"),
                json.getString("vision_feature_select_strategy", "default"),
                ConfigValues.intOrList(json, "vision_feature_layer", List.of(-2),
                        "an integer or a list of integers"),
                json.getInt("image_seq_length", 576),
                json.getBoolean("tie_word_embeddings", true),
                ConfigValues.tokenId(json, "pad_token_id"),
                json);
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    /** The CLIP ViT-L/14 tower the LLaVA configs default to, at {@code imageSize} pixels. */
    static Map<String, Object> clipLarge(int imageSize) {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("intermediate_size", 4096);
        kwargs.put("hidden_size", 1024);
        kwargs.put("patch_size", 14);
        kwargs.put("image_size", imageSize);
        kwargs.put("num_hidden_layers", 24);
        kwargs.put("num_attention_heads", 16);
        kwargs.put("vocab_size", 32000);
        kwargs.put("projection_dim", 768);
        return Collections.unmodifiableMap(kwargs);
    }
}

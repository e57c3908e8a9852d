package io.vlm4j.config;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The config of a Video-LLaVA model ({@code model_type} {@code video_llava}), read as HF 4.46's
 * {@code VideoLlavaConfig} reads it.
 *
 * <p>An absent {@code vision_config} is the CLIP ViT-L/14 tower at 224 pixels that HF builds (one config for both
 * the image and the video tower); one without {@code model_type} is {@code clip_vision_model}. An absent
 * {@code text_config} is a default Llama; one without {@code model_type} is {@code llama}. HF's config class does
 * not check {@code vision_feature_select_strategy}, but its model raises on anything but {@code default} and
 * {@code full}, so this record refuses other values as the other families do. {@code tie_word_embeddings} is not
 * a parameter of this class: the top level takes {@code PretrainedConfig}'s default, true.
 *
 * <p>Immutable.
 *
 * @param visionConfig {@code vision_config}
 * @param textConfig {@code text_config}
 * @param ignoreIndex {@code ignore_index} (-100)
 * @param imageTokenIndex {@code image_token_index} (32000)
 * @param videoTokenIndex {@code video_token_index} (32001)
 * @param projectorHiddenAct {@code projector_hidden_act} ("gelu")
 * @param visionFeatureSelectStrategy {@code vision_feature_select_strategy} ("default")
 * @param visionFeatureLayer {@code vision_feature_layer} ([-2])
 * @param imageSeqLength {@code image_seq_length} (256)
 * @param videoSeqLength {@code video_seq_length} (2056)
 * @param tieWordEmbeddings the top-level {@code tie_word_embeddings} (true)
 * @param padTokenId the top-level {@code pad_token_id} (none)
 * @param json the JSON this was read from
 */
public record VideoLlavaConfig(VisionConfig visionConfig, TextConfig textConfig, int ignoreIndex,
        int imageTokenIndex, int videoTokenIndex, String projectorHiddenAct, String visionFeatureSelectStrategy,
        List<Integer> visionFeatureLayer, int imageSeqLength, int videoSeqLength, boolean tieWordEmbeddings,
        OptionalInt padTokenId, ConfigNode json) implements MultimodalConfig {
    /** The {@code model_type}. */
    public static final String MODEL_TYPE = "video_llava";

    public VideoLlavaConfig {
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
        ConfigValues.nonNegative(videoSeqLength, json, "video_seq_length");
    }

    /**
     * Reads a Video-LLaVA config (a checkpoint's root).
     *
     * @throws io.vlm4j.ConfigException naming the JSON path of a bad value
     * @throws io.vlm4j.UnsupportedModelException if a sub-config names an unknown {@code model_type}
     */
    public static VideoLlavaConfig fromJson(ConfigNode json) {
        return new VideoLlavaConfig(
                ConfigValues.visionConfig(json, ClipVisionConfig.MODEL_TYPE, LlavaConfig.clipLarge(224)),
                ConfigValues.textConfig(json, LlamaConfig.MODEL_TYPE),
                json.getInt("ignore_index", -100),
                json.getInt("image_token_index", 32000),
                json.getInt("video_token_index", 32001),
                json.getString("projector_hidden_act", "gelu"),
                json.getString("vision_feature_select_strategy", "default"),
                ConfigValues.intOrList(json, "vision_feature_layer", List.of(-2),
                        "an integer or a list of integers"),
                json.getInt("image_seq_length", 256),
                json.getInt("video_seq_length", 2056),
                json.getBoolean("tie_word_embeddings", true),
                ConfigValues.tokenId(json, "pad_token_id"),
                json);
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }
}

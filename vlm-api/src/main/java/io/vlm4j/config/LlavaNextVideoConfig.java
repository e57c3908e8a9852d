package io.vlm4j.config;

import io.vlm4j.processing.ImageSize;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The config of a LLaVA-NeXT-Video model ({@code model_type} {@code llava_next_video}), read as HF 4.46's
 * {@code LlavaNextVideoConfig} reads it.
 *
 * <p>An absent {@code vision_config} is the CLIP ViT-L/14 tower at 336 pixels that HF builds; one without
 * {@code model_type} is {@code clip_vision_model}. An absent {@code text_config} is a default Llama; one without
 * {@code model_type} is {@code llama}. The default {@code image_grid_pinpoints} are
 * {@code [[336, 672], [672, 336], [672, 672], [1008, 336], [336, 1008]]}.
 *
 * <p>Immutable.
 *
 * @param visionConfig {@code vision_config}
 * @param textConfig {@code text_config}
 * @param ignoreIndex {@code ignore_index} (-100)
 * @param imageTokenIndex {@code image_token_index} (32001)
 * @param projectorHiddenAct {@code projector_hidden_act} ("gelu")
 * @param visionFeatureSelectStrategy {@code vision_feature_select_strategy} ("default")
 * @param visionFeatureLayer {@code vision_feature_layer} ([-2])
 * @param imageGridPinpoints {@code image_grid_pinpoints}, each {@code [height, width]}
 * @param tieWordEmbeddings the top-level {@code tie_word_embeddings} (false)
 * @param videoTokenIndex {@code video_token_index} (32000)
 * @param spatialPoolMode {@code spatial_pool_mode} ("average"; or "max", "conv")
 * @param spatialPoolStride {@code spatial_pool_stride} (2)
 * @param spatialPoolOutChannels {@code spatial_pool_out_channels}: not a parameter of the config class, but the
 *     {@code conv} pooler reads it, defaulting to the vision tower's {@code hidden_size}
 * @param imageSeqLength {@code image_seq_length} (576)
 * @param videoSeqLength {@code video_seq_length} (288)
 * @param padTokenId the top-level {@code pad_token_id} (none)
 * @param json the JSON this was read from
 */
public record LlavaNextVideoConfig(VisionConfig visionConfig, TextConfig textConfig, int ignoreIndex,
        int imageTokenIndex, String projectorHiddenAct, String visionFeatureSelectStrategy,
        List<Integer> visionFeatureLayer, List<ImageSize> imageGridPinpoints, boolean tieWordEmbeddings,
        int videoTokenIndex, String spatialPoolMode, int spatialPoolStride, int spatialPoolOutChannels,
        int imageSeqLength, int videoSeqLength, OptionalInt padTokenId, ConfigNode json)
        implements MultimodalConfig {
    /** The {@code model_type}. */
    public static final String MODEL_TYPE = "llava_next_video";

    /** The pooling modes of HF's {@code LlavaNextVideoPooler}. */
    public static final List<String> SPATIAL_POOL_MODES = List.of("average", "max", "conv");

    static final List<ImageSize> DEFAULT_IMAGE_GRID_PINPOINTS =
            ConfigValues.pinpoints(336, 672, 672, 336, 672, 672, 1008, 336, 336, 1008);

    public LlavaNextVideoConfig {
        Objects.requireNonNull(visionConfig, "visionConfig");
        Objects.requireNonNull(textConfig, "textConfig");
        Objects.requireNonNull(projectorHiddenAct, "projectorHiddenAct");
        Objects.requireNonNull(visionFeatureSelectStrategy, "visionFeatureSelectStrategy");
        visionFeatureLayer = List.copyOf(visionFeatureLayer);
        imageGridPinpoints = List.copyOf(imageGridPinpoints);
        Objects.requireNonNull(spatialPoolMode, "spatialPoolMode");
        Objects.requireNonNull(padTokenId, "padTokenId");
        Objects.requireNonNull(json, "json");
        ConfigValues.selectStrategy(visionFeatureSelectStrategy, json);
        ConfigValues.featureLayers(visionFeatureLayer, visionConfig, json);
        ConfigValues.check(!imageGridPinpoints.isEmpty(), json, "image_grid_pinpoints",
                "a non-empty list of [height, width] pairs", imageGridPinpoints);
        ConfigValues.oneOf(spatialPoolMode, SPATIAL_POOL_MODES, json, "spatial_pool_mode");
        ConfigValues.positive(spatialPoolStride, json, "spatial_pool_stride");
        ConfigValues.positive(spatialPoolOutChannels, json, "spatial_pool_out_channels");
        ConfigValues.nonNegative(imageSeqLength, json, "image_seq_length");
        ConfigValues.nonNegative(videoSeqLength, json, "video_seq_length");
    }

    /**
     * Reads a LLaVA-NeXT-Video config (a checkpoint's root).
     *
     * @throws io.vlm4j.ConfigException naming the JSON path of a bad value
     * @throws io.vlm4j.UnsupportedModelException if a sub-config names an unknown {@code model_type}
     */
    public static LlavaNextVideoConfig fromJson(ConfigNode json) {
        VisionConfig vision = ConfigValues.visionConfig(json, ClipVisionConfig.MODEL_TYPE, LlavaConfig.clipLarge(336));
        return new LlavaNextVideoConfig(
                vision,
                ConfigValues.textConfig(json, LlamaConfig.MODEL_TYPE),
                json.getInt("ignore_index", -100),
                json.getInt("image_token_index", 32001),
                json.getString("projector_hidden_act", "gelu"),
                json.getString("vision_feature_select_strategy", "default"),
                ConfigValues.intOrList(json, "vision_feature_layer", List.of(-2),
                        "an integer or a list of integers"),
                ConfigValues.pinpoints(json, "image_grid_pinpoints", DEFAULT_IMAGE_GRID_PINPOINTS),
                json.getBoolean("tie_word_embeddings", false),
                json.getInt("video_token_index", 32000),
                json.getString("spatial_pool_mode", "average"),
                json.getInt("spatial_pool_stride", 2),
                json.getInt("spatial_pool_out_channels", vision.hiddenSize()),
                json.getInt("image_seq_length", 576),
                json.getInt("video_seq_length", 288),
                ConfigValues.tokenId(json, "pad_token_id"),
                json);
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }
}

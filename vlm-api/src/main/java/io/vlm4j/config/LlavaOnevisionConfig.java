package io.vlm4j.config;

import io.vlm4j.processing.ImageSize;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The config of a LLaVA-OneVision model ({@code model_type} {@code llava_onevision}), read as HF 4.46's
 * {@code LlavaOnevisionConfig} reads it.
 *
 * <p>An absent {@code vision_config} is the SigLIP so400m tower HF builds (hidden 1152, intermediate 4304,
 * 26 layers, 14 heads, 384-pixel images in 14-pixel patches, no head: 14 heads do not divide 1152, so HF's
 * {@code SiglipAttention} cannot build it, and parsing it fails here naming that key); one without {@code model_type} is
 * {@code siglip_vision_model}. An absent {@code text_config} is a default Qwen2; one without {@code model_type} is
 * {@code qwen2}. The default {@code image_grid_pinpoints} are the 36 grids of 1 to 6 × 1 to 6 tiles of 384.
 *
 * <p>Immutable.
 *
 * @param visionConfig {@code vision_config}
 * @param textConfig {@code text_config}
 * @param imageTokenIndex {@code image_token_index} (151646)
 * @param videoTokenIndex {@code video_token_index} (151647)
 * @param projectorHiddenAct {@code projector_hidden_act} ("gelu")
 * @param visionFeatureSelectStrategy {@code vision_feature_select_strategy} ("full")
 * @param visionFeatureLayer {@code vision_feature_layer} ([-1])
 * @param visionAspectRatio {@code vision_aspect_ratio} ("anyres_max_9")
 * @param imageGridPinpoints {@code image_grid_pinpoints}, each {@code [height, width]}
 * @param tieWordEmbeddings the top-level {@code tie_word_embeddings} (false)
 * @param json the JSON this was read from
 */
public record LlavaOnevisionConfig(VisionConfig visionConfig, TextConfig textConfig, int imageTokenIndex,
        int videoTokenIndex, String projectorHiddenAct, String visionFeatureSelectStrategy,
        List<Integer> visionFeatureLayer, String visionAspectRatio, List<ImageSize> imageGridPinpoints,
        boolean tieWordEmbeddings, ConfigNode json) implements MultimodalConfig {
    /** The {@code model_type}. */
    public static final String MODEL_TYPE = "llava_onevision";

    static final Map<String, Object> DEFAULT_VISION_CONFIG = siglipSo400m();

    static final List<ImageSize> DEFAULT_IMAGE_GRID_PINPOINTS = tiles(384, 6);

    public LlavaOnevisionConfig {
        Objects.requireNonNull(visionConfig, "visionConfig");
        Objects.requireNonNull(textConfig, "textConfig");
        Objects.requireNonNull(projectorHiddenAct, "projectorHiddenAct");
        Objects.requireNonNull(visionFeatureSelectStrategy, "visionFeatureSelectStrategy");
        visionFeatureLayer = List.copyOf(visionFeatureLayer);
        Objects.requireNonNull(visionAspectRatio, "visionAspectRatio");
        imageGridPinpoints = List.copyOf(imageGridPinpoints);
        Objects.requireNonNull(json, "json");
        ConfigValues.selectStrategy(visionFeatureSelectStrategy, json);
        ConfigValues.featureLayers(visionFeatureLayer, visionConfig, json);
        ConfigValues.check(maxNumPatches(visionAspectRatio).isPresent(), json, "vision_aspect_ratio",
                "\"anyres_max_N\" with N an integer > 0", visionAspectRatio);
        ConfigValues.check(!imageGridPinpoints.isEmpty(), json, "image_grid_pinpoints",
                "a non-empty list of [height, width] pairs", imageGridPinpoints);
    }

    /**
     * Reads a LLaVA-OneVision config (a checkpoint's root).
     *
     * @throws io.vlm4j.ConfigException naming the JSON path of a bad value
     * @throws io.vlm4j.UnsupportedModelException if a sub-config names an unknown {@code model_type}
     */
    public static LlavaOnevisionConfig fromJson(ConfigNode json) {
        return new LlavaOnevisionConfig(
                ConfigValues.visionConfig(json, SiglipVisionConfig.MODEL_TYPE, DEFAULT_VISION_CONFIG),
                ConfigValues.textConfig(json, Qwen2Config.MODEL_TYPE),
                json.getInt("image_token_index", 151646),
                json.getInt("video_token_index", 151647),
                json.getString("projector_hidden_act", "gelu"),
                json.getString("vision_feature_select_strategy", "full"),
                ConfigValues.intOrList(json, "vision_feature_layer", List.of(-1),
                        "an integer or a list of integers"),
                json.getString("vision_aspect_ratio", "anyres_max_9"),
                ConfigValues.pinpoints(json, "image_grid_pinpoints", DEFAULT_IMAGE_GRID_PINPOINTS),
                json.getBoolean("tie_word_embeddings", false),
                json);
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    /**
     * The most patches an anyres image keeps before HF's {@code pack_image_features} shrinks it: the N of
     * {@code anyres_max_N}, read as HF does ({@code int(vision_aspect_ratio.strip("anyres_max_"))}).
     */
    public int visionAspectRatioMaxNumPatches() {
        return maxNumPatches(visionAspectRatio).getAsInt();
    }

    /** Python's {@code str.strip(chars)} strips any of those characters from both ends, then {@code int()}. */
    private static OptionalInt maxNumPatches(String visionAspectRatio) {
        String chars = "anyres_max_";
        int begin = 0;
        int end = visionAspectRatio.length();
        while (begin < end && chars.indexOf(visionAspectRatio.charAt(begin)) >= 0) {
            begin++;
        }
        while (end > begin && chars.indexOf(visionAspectRatio.charAt(end - 1)) >= 0) {
            end--;
        }
        try {
            int n = Integer.parseInt(visionAspectRatio.substring(begin, end).strip());
            return n > 0 ? OptionalInt.of(n) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static Map<String, Object> siglipSo400m() {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("hidden_size", 1152);
        kwargs.put("intermediate_size", 4304);
        kwargs.put("patch_size", 14);
        kwargs.put("image_size", 384);
        kwargs.put("num_hidden_layers", 26);
        kwargs.put("num_attention_heads", 14);
        kwargs.put("vision_use_head", false);
        return Collections.unmodifiableMap(kwargs);
    }

    /** HF's default pinpoints: every grid of 1..{@code max} × 1..{@code max} tiles of {@code side}, rows first. */
    private static List<ImageSize> tiles(int side, int max) {
        int[] hw = new int[2 * max * max];
        int i = 0;
        for (int h = 1; h <= max; h++) {
            for (int w = 1; w <= max; w++) {
                hw[i++] = h * side;
                hw[i++] = w * side;
            }
        }
        return ConfigValues.pinpoints(hw);
    }
}

package io.vlm4j.testkit.checkpoint;

import io.vlm4j.testkit.GoldenData;
import io.vlm4j.testkit.checkpoint.Parameter.Init;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A whole vision-language checkpoint of one of the LLaVA families: its composite config (the language model's
 * {@link DecoderSpec} as {@code text_config}, the tower's {@link VisionSpec} as {@code vision_config}, and the
 * family's own keys), the parameters such a checkpoint holds under HF's names (the decoder under
 * {@code language_model.}, the tower under {@code vision_tower.} — Video-LLaVA's two under {@code image_tower.} and
 * {@code video_tower.} — {@code multi_modal_projector.linear_1/2}, {@code image_newline} for the anyres families,
 * {@code vision_resampler.pool} for NeXT-Video's {@code conv} pooling), and a folder whose tokenizer files, chat
 * template and processor configs go with it.
 *
 * <p>Immutable.
 *
 * @param modelType {@code llava}, {@code llava_onevision}, {@code llava_next_video} or {@code video_llava}
 * @param text the language model
 * @param vision the vision tower (both towers for Video-LLaVA)
 * @param config the family's own top-level keys ({@code image_token_index}, {@code vision_feature_layer},
 *     {@code vision_feature_select_strategy}, {@code image_grid_pinpoints}, {@code spatial_pool_mode}, …)
 * @param filesFrom a checkpoint folder whose tokenizer files ({@code vocab.json} + {@code merges.txt},
 *     {@code tokenizer.model}, {@code tokenizer_config.json}, …), {@code chat_template.json} and, unless given here,
 *     {@code preprocessor_config.json} and {@code processor_config.json} are copied
 * @param preprocessorConfig {@code preprocessor_config.json}, or null to copy it from {@code filesFrom}
 * @param processorConfig {@code processor_config.json}, or null to copy it from {@code filesFrom}
 */
public record VlmSpec(String modelType, DecoderSpec text, VisionSpec vision, Map<String, Object> config,
        Path filesFrom, Map<String, Object> preprocessorConfig, Map<String, Object> processorConfig) {
    /** The model types of the four families. */
    public static final List<String> MODEL_TYPES = List.of("llava", "llava_onevision", "llava_next_video",
            "video_llava");

    public VlmSpec {
        if (!MODEL_TYPES.contains(modelType)) {
            throw new IllegalArgumentException("model_type must be one of " + MODEL_TYPES + ", got " + modelType);
        }
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(vision, "vision");
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
        Objects.requireNonNull(filesFrom, "filesFrom");
        preprocessorConfig = preprocessorConfig == null ? null
                : Collections.unmodifiableMap(new LinkedHashMap<>(preprocessorConfig));
        processorConfig = processorConfig == null ? null
                : Collections.unmodifiableMap(new LinkedHashMap<>(processorConfig));
    }

    /**
     * llava-hf/llava-onevision-qwen2-0.5b-ov-hf at its real dimensions (Qwen2-0.5B text model, SigLIP so400m-384
     * tower: 894 M parameters) with its real processor settings and vocabulary, from the golden-processor folder
     * ({@code GoldenData.goldenProcessor()/llava_onevision/model}).
     */
    public static VlmSpec llavaOnevision05b() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("image_token_index", 151646);
        config.put("video_token_index", 151647);
        config.put("projector_hidden_act", "gelu");
        config.put("vision_aspect_ratio", "anyres_max_9");
        config.put("vision_feature_layer", -1);
        config.put("vision_feature_select_strategy", "full");
        config.put("tie_word_embeddings", true);
        return new VlmSpec("llava_onevision", DecoderSpec.llavaOnevision05b(), VisionSpec.siglipSo400m384(), config,
                GoldenData.goldenProcessor().resolve("llava_onevision/model"), null, null);
    }

    /** config.json: {@code model_type}, {@code text_config}, {@code vision_config}, then the family's keys. */
    public Map<String, Object> configJson() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("architectures", List.of(architecture()));
        c.put("model_type", modelType);
        c.put("text_config", text.config());
        c.put("vision_config", vision.config());
        c.putAll(config);
        return c;
    }

    private String architecture() {
        switch (modelType) {
            case "llava":
                return "LlavaForConditionalGeneration";
            case "llava_onevision":
                return "LlavaOnevisionForConditionalGeneration";
            case "llava_next_video":
                return "LlavaNextVideoForConditionalGeneration";
            default:
                return "VideoLlavaForConditionalGeneration";
        }
    }

    /** The vision hidden states the projector takes side by side: the length of a {@code vision_feature_layer} list. */
    public int featureLayers() {
        Object layers = config.get("vision_feature_layer");
        return layers instanceof List ? ((List<?>) layers).size() : 1;
    }

    /** Every parameter of the checkpoint, under its HF name. */
    public List<Parameter> parameters() {
        List<Parameter> p = new ArrayList<>(text.parameters("language_model."));
        if (modelType.equals("video_llava")) {
            p.addAll(vision.parameters("image_tower."));
            p.addAll(vision.parameters("video_tower."));
        } else {
            p.addAll(vision.parameters("vision_tower."));
        }
        VisionSpec.linear(p, "multi_modal_projector.linear_1", vision.hiddenSize() * featureLayers(),
                text.hiddenSize());
        VisionSpec.linear(p, "multi_modal_projector.linear_2", text.hiddenSize(), text.hiddenSize());
        if (modelType.equals("llava_onevision") || modelType.equals("llava_next_video")) {
            p.add(new Parameter("image_newline", new int[] {text.hiddenSize()}, Init.RANDOM));
        }
        if (modelType.equals("llava_next_video") && "conv".equals(config.get("spatial_pool_mode"))) {
            int stride = ((Number) config.getOrDefault("spatial_pool_stride", 2)).intValue();
            int out = ((Number) config.getOrDefault("spatial_pool_out_channels", vision.hiddenSize())).intValue();
            p.add(new Parameter("vision_resampler.pool.weight", new int[] {out, vision.hiddenSize(), stride, stride},
                    Init.RANDOM));
            p.add(new Parameter("vision_resampler.pool.bias", new int[] {out}, Init.RANDOM));
        }
        return p;
    }

    /** The number of parameters. */
    public long parameterCount() {
        return parameters().stream().mapToLong(Parameter::numel).sum();
    }
}

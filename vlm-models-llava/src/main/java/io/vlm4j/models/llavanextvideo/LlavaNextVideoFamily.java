package io.vlm4j.models.llavanextvideo;

import io.vlm4j.config.LlavaNextVideoConfig;
import io.vlm4j.models.llava.MultimodalFamily;

/**
 * The {@code llava_next_video} family (LLaVA-NeXT-Video on Llama or Qwen2): its config
 * ({@link LlavaNextVideoConfig}), its processor ({@link LlavaNextVideoProcessor}) and its model
 * ({@link LlavaNextVideoForConditionalGeneration}).
 *
 * <p>Thread-safe; discovery only constructs it.
 */
public final class LlavaNextVideoFamily
        extends MultimodalFamily<LlavaNextVideoConfig, LlavaNextVideoForConditionalGeneration> {
    public LlavaNextVideoFamily() {
        super(LlavaNextVideoConfig.MODEL_TYPE, LlavaNextVideoConfig::fromJson, LlavaNextVideoProcessor::fromPretrained,
                LlavaNextVideoForConditionalGeneration::load);
    }
}

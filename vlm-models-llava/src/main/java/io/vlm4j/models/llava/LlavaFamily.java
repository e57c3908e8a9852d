package io.vlm4j.models.llava;

import io.vlm4j.config.LlavaConfig;

/**
 * The {@code llava} family (LLaVA-1.5, LLaVA-Interleave): its config ({@link LlavaConfig}), its processor
 * ({@link LlavaProcessor}) and its model ({@link LlavaForConditionalGeneration}). Videos are accepted as
 * LLaVA-Interleave takes them: their frames as images.
 *
 * <p>Thread-safe; discovery only constructs it.
 */
public final class LlavaFamily extends MultimodalFamily<LlavaConfig, LlavaForConditionalGeneration> {
    public LlavaFamily() {
        super(LlavaConfig.MODEL_TYPE, LlavaConfig::fromJson, LlavaProcessor::fromPretrained,
                LlavaForConditionalGeneration::load);
    }
}

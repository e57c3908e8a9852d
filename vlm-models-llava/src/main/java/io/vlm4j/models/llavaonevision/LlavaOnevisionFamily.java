package io.vlm4j.models.llavaonevision;

import io.vlm4j.config.LlavaOnevisionConfig;
import io.vlm4j.models.llava.MultimodalFamily;

/**
 * The {@code llava_onevision} family (LLaVA-OneVision): its config ({@link LlavaOnevisionConfig}), its
 * processor ({@link LlavaOnevisionProcessor}) and its model ({@link LlavaOnevisionForConditionalGeneration}).
 *
 * <p>Thread-safe; discovery only constructs it.
 */
public final class LlavaOnevisionFamily
        extends MultimodalFamily<LlavaOnevisionConfig, LlavaOnevisionForConditionalGeneration> {
    public LlavaOnevisionFamily() {
        super(LlavaOnevisionConfig.MODEL_TYPE, LlavaOnevisionConfig::fromJson, LlavaOnevisionProcessor::fromPretrained,
                LlavaOnevisionForConditionalGeneration::load);
    }
}

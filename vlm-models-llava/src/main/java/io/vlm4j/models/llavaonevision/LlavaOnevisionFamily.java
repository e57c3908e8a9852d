package io.vlm4j.models.llavaonevision;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.config.LlavaOnevisionConfig;
import io.vlm4j.processing.Processor;
import io.vlm4j.spi.ModelContext;
import io.vlm4j.spi.ModelFamily;
import io.vlm4j.spi.ProcessorContext;
import java.util.EnumSet;
import java.util.Set;

/**
 * The {@code llava_onevision} family (LLaVA-OneVision): its config ({@link LlavaOnevisionConfig}), its
 * processor ({@link LlavaOnevisionProcessor}) and its model ({@link LlavaOnevisionForConditionalGeneration}).
 *
 * <p>Thread-safe; discovery only constructs it.
 */
public final class LlavaOnevisionFamily implements ModelFamily {
    @Override
    public Set<String> ids() {
        return Set.of(LlavaOnevisionConfig.MODEL_TYPE);
    }

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.IMAGES, Capability.VIDEOS, Capability.MULTIPLE_MEDIA, Capability.BATCHES);
    }

    @Override
    public LlavaOnevisionConfig parseConfig(ConfigNode config) {
        return LlavaOnevisionConfig.fromJson(config);
    }

    @Override
    public Processor createProcessor(ProcessorContext context) {
        return LlavaOnevisionProcessor.fromPretrained(context);
    }

    @Override
    public LlavaOnevisionForConditionalGeneration createModel(ModelContext context) {
        return LlavaOnevisionForConditionalGeneration.load(context);
    }
}

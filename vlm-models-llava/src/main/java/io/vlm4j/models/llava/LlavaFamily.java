package io.vlm4j.models.llava;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.config.LlavaConfig;
import io.vlm4j.processing.Processor;
import io.vlm4j.spi.ModelContext;
import io.vlm4j.spi.ModelFamily;
import io.vlm4j.spi.ProcessorContext;
import java.util.EnumSet;
import java.util.Set;

/**
 * The {@code llava} family (LLaVA-1.5, LLaVA-Interleave): its config ({@link LlavaConfig}), its processor
 * ({@link LlavaProcessor}) and its model ({@link LlavaForConditionalGeneration}). Videos are accepted as
 * LLaVA-Interleave takes them: their frames as images.
 *
 * <p>Thread-safe; discovery only constructs it.
 */
public final class LlavaFamily implements ModelFamily {
    @Override
    public Set<String> ids() {
        return Set.of(LlavaConfig.MODEL_TYPE);
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
    public LlavaConfig parseConfig(ConfigNode config) {
        return LlavaConfig.fromJson(config);
    }

    @Override
    public Processor createProcessor(ProcessorContext context) {
        return LlavaProcessor.fromPretrained(context);
    }

    @Override
    public LlavaForConditionalGeneration createModel(ModelContext context) {
        return LlavaForConditionalGeneration.load(context);
    }
}

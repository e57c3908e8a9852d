package io.vlm4j.models.llavanextvideo;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.config.LlavaNextVideoConfig;
import io.vlm4j.processing.Processor;
import io.vlm4j.spi.ModelContext;
import io.vlm4j.spi.ModelFamily;
import io.vlm4j.spi.ProcessorContext;
import java.util.EnumSet;
import java.util.Set;

/**
 * The {@code llava_next_video} family (LLaVA-NeXT-Video on Llama or Qwen2): its config
 * ({@link LlavaNextVideoConfig}), its processor ({@link LlavaNextVideoProcessor}) and its model
 * ({@link LlavaNextVideoForConditionalGeneration}).
 *
 * <p>Thread-safe; discovery only constructs it.
 */
public final class LlavaNextVideoFamily implements ModelFamily {
    @Override
    public Set<String> ids() {
        return Set.of(LlavaNextVideoConfig.MODEL_TYPE);
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
    public LlavaNextVideoConfig parseConfig(ConfigNode config) {
        return LlavaNextVideoConfig.fromJson(config);
    }

    @Override
    public Processor createProcessor(ProcessorContext context) {
        return LlavaNextVideoProcessor.fromPretrained(context);
    }

    @Override
    public LlavaNextVideoForConditionalGeneration createModel(ModelContext context) {
        return LlavaNextVideoForConditionalGeneration.load(context);
    }
}

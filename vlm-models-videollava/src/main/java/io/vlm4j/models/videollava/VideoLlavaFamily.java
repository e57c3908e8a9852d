package io.vlm4j.models.videollava;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.config.VideoLlavaConfig;
import io.vlm4j.processing.Processor;
import io.vlm4j.spi.ModelContext;
import io.vlm4j.spi.ModelFamily;
import io.vlm4j.spi.ProcessorContext;
import java.util.EnumSet;
import java.util.Set;

/**
 * The {@code video_llava} family (Video-LLaVA): its config ({@link VideoLlavaConfig}), its processor
 * ({@link VideoLlavaProcessor}) and its model ({@link VideoLlavaForConditionalGeneration}).
 *
 * <p>Thread-safe; discovery only constructs it.
 */
public final class VideoLlavaFamily implements ModelFamily {
    @Override
    public Set<String> ids() {
        return Set.of(VideoLlavaConfig.MODEL_TYPE);
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
    public VideoLlavaConfig parseConfig(ConfigNode config) {
        return VideoLlavaConfig.fromJson(config);
    }

    @Override
    public Processor createProcessor(ProcessorContext context) {
        return VideoLlavaProcessor.fromPretrained(context);
    }

    @Override
    public VideoLlavaForConditionalGeneration createModel(ModelContext context) {
        return VideoLlavaForConditionalGeneration.load(context);
    }
}

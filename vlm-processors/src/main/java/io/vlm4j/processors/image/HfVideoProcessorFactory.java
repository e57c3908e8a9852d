package io.vlm4j.processors.image;

import io.vlm4j.ConfigException;
import io.vlm4j.config.ConfigNode;
import io.vlm4j.processing.VideoProcessor;
import io.vlm4j.spi.VideoProcessorFactory;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The video processors of this package under their HF class names: {@code LlavaOnevisionVideoProcessor},
 * {@code LlavaNextVideoImageProcessor} and {@code VideoLlavaImageProcessor} (its video side), each
 * {@link Capability#HF_EXACT}. (LLaVA-Interleave has none: its videos are images for
 * {@link SiglipImageProcessor}.)
 *
 * <p>Give {@code create} the checkpoint's {@code preprocessor_config.json}, not its
 * {@code video_preprocessor_config.json}: HF 4.46 builds both video processors from the former
 * ({@code LlavaOnevisionVideoProcessor.from_pretrained} only looks for a {@code video_processor/} subfolder), see
 * the golden-processor README. On the llava-hf checkpoints both files agree where they overlap. Thread-safe;
 * discovery does nothing but construct it.
 */
public final class HfVideoProcessorFactory implements VideoProcessorFactory {
    private static final Set<String> IDS = Set.of("LlavaOnevisionVideoProcessor", "LlavaNextVideoImageProcessor",
            "VideoLlavaImageProcessor");

    @Override
    public Set<String> ids() {
        return IDS;
    }

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.HF_EXACT);
    }

    /**
     * Builds the video processor {@code className} from {@code config} with HF's class defaults for absent keys.
     *
     * @throws ConfigException if {@code className} is not one of {@link #ids()} (the message names it and them),
     *     or naming the JSON path of a bad value
     */
    @Override
    public VideoProcessor create(String className, ConfigNode config) {
        switch (className) {
            case "LlavaOnevisionVideoProcessor":
                return LlavaOnevisionVideoProcessor.fromConfig(config);
            case "LlavaNextVideoImageProcessor":
                return LlavaNextVideoImageProcessor.fromConfig(config);
            case "VideoLlavaImageProcessor":
                return VideoLlavaImageProcessor.fromConfig(config).videoProcessor();
            default:
                throw new ConfigException(config.source() + ": unknown video processor class \"" + className
                        + "\"; known: " + new TreeSet<>(IDS));
        }
    }
}

package io.vlm4j.processors.image;

import io.vlm4j.ConfigException;
import io.vlm4j.config.ConfigNode;
import io.vlm4j.processing.ImageProcessor;
import io.vlm4j.spi.ImageProcessorFactory;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The image processors of this package under their HF class names: {@code SiglipImageProcessor},
 * {@code CLIPImageProcessor}, {@code VideoLlavaImageProcessor}, {@code LlavaNextImageProcessor},
 * {@code LlavaOnevisionImageProcessor}, each {@link Capability#HF_EXACT}.
 *
 * <p>Give {@code create} the checkpoint's {@code preprocessor_config.json}, as HF 4.46's {@code from_pretrained}
 * reads it. Thread-safe; discovery does nothing but construct it.
 */
public final class HfImageProcessorFactory implements ImageProcessorFactory {
    private static final Set<String> IDS = Set.of("SiglipImageProcessor", "CLIPImageProcessor",
            "VideoLlavaImageProcessor", "LlavaNextImageProcessor", "LlavaOnevisionImageProcessor");

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
     * Builds the image processor {@code className} from {@code config} with HF's class defaults for absent keys.
     *
     * @throws ConfigException if {@code className} is not one of {@link #ids()} (the message names it and them),
     *     or naming the JSON path of a bad value
     */
    @Override
    public ImageProcessor create(String className, ConfigNode config) {
        switch (className) {
            case "SiglipImageProcessor":
                return SiglipImageProcessor.fromConfig(config);
            case "CLIPImageProcessor":
                return CLIPImageProcessor.fromConfig(config);
            case "VideoLlavaImageProcessor":
                return VideoLlavaImageProcessor.fromConfig(config);
            case "LlavaNextImageProcessor":
                return LlavaNextImageProcessor.fromConfig(config);
            case "LlavaOnevisionImageProcessor":
                return LlavaOnevisionImageProcessor.fromConfig(config);
            default:
                throw new ConfigException(config.source() + ": unknown image processor class \"" + className
                        + "\"; known: " + new TreeSet<>(IDS));
        }
    }

    /**
     * The processor the config's {@code image_processor_type} names.
     *
     * @throws ConfigException naming {@code $.image_processor_type} if it is missing or unknown (with the known
     *     names), or naming the JSON path of a bad value
     */
    public ImageProcessor create(ConfigNode config) {
        ConfigNode type = config.get("image_processor_type");
        if (!type.isString() || !IDS.contains(type.asString())) {
            throw type.error("one of the image processors " + new TreeSet<>(IDS));
        }
        return create(type.asString(), config);
    }
}

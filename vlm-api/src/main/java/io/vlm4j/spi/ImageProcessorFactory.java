package io.vlm4j.spi;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.processing.ImageProcessor;

/**
 * Builds image processors from a checkpoint's preprocessor config.
 *
 * <p>Ids: the HF class names it builds (the config's {@code image_processor_type}, e.g.
 * {@code LlavaOnevisionImageProcessor}). Thread-safe.
 */
public interface ImageProcessorFactory extends Provider<ImageProcessorFactory.Capability> {
    /** The version of this SPI; a provider returns it from {@link #spiVersion()}. */
    int SPI_VERSION = 1;

    /** Features a processor may have. */
    enum Capability {
        /** Output identical to HF's processor (PIL-exact resampling). */
        HF_EXACT
    }

    /**
     * Builds the processor named {@code className} from its config ({@code preprocessor_config.json}, or
     * {@code video_preprocessor_config.json} where the checkpoint has one), HF's defaults for absent keys.
     *
     * @throws io.vlm4j.ConfigException naming the JSON path of a bad value
     */
    ImageProcessor create(String className, ConfigNode config);
}

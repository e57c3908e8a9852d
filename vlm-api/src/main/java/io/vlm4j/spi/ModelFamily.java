package io.vlm4j.spi;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.config.ModelConfig;

/**
 * A family of models: parses its config, builds its processor and its model over a backend.
 *
 * <p>Ids: the HF {@code model_type}s it serves ({@code llava_onevision}). Thread-safe.
 */
public interface ModelFamily extends Provider<ModelFamily.Capability> {
    /** The version of this SPI; a provider returns it from {@link #spiVersion()}. */
    int SPI_VERSION = 1;

    /** What a family's models accept. */
    enum Capability {
        /** Image items. */
        IMAGES,
        /** Video items. */
        VIDEOS,
        /** Several media items in one prompt. */
        MULTIPLE_MEDIA,
        /** Several prompts in one batch. */
        BATCHES
    }

    /**
     * Parses a checkpoint's {@code config.json} (its root node) into this family's config record.
     *
     * @throws io.vlm4j.ConfigException naming the JSON path of a bad value
     */
    ModelConfig parseConfig(ConfigNode config);
}

package io.vlm4j.runtime;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.config.ModelConfig;
import io.vlm4j.spi.ModelFamily;
import java.util.EnumSet;
import java.util.Set;

/**
 * A model family that lives only in the tests: it serves the {@code model_type}s given and parses their configs
 * into a {@link TinyConfig}; it builds no processor and no model unless a test's subclass does.
 */
class TinyFamily implements ModelFamily {
    /** What a {@link TinyFamily} parses a config into. */
    record TinyConfig(String modelType, ConfigNode json) implements ModelConfig {}

    private final Set<String> ids;

    TinyFamily(String... ids) {
        this.ids = Set.of(ids);
    }

    @Override
    public Set<String> ids() {
        return ids;
    }

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.IMAGES);
    }

    @Override
    public ModelConfig parseConfig(ConfigNode config) {
        return new TinyConfig(config.get("model_type").asString(), config);
    }
}

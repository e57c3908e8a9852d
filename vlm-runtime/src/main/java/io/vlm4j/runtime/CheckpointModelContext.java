package io.vlm4j.runtime;

import io.vlm4j.config.ModelConfig;
import io.vlm4j.safetensors.SafeTensors;
import io.vlm4j.spi.ModelContext;
import io.vlm4j.tensor.Backend;
import java.nio.file.Path;
import java.util.Objects;

/** A {@link ModelContext} over a checkpoint folder, its open weights and a backend. Immutable. */
record CheckpointModelContext(Path checkpoint, ModelConfig config, SafeTensors weights, Backend backend)
        implements ModelContext {
    CheckpointModelContext {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(backend, "backend");
    }
}

package io.vlm4j.spi;

import io.vlm4j.config.ModelConfig;
import io.vlm4j.safetensors.SafeTensors;
import io.vlm4j.tensor.Backend;
import java.nio.file.Path;

/**
 * What a {@link ModelFamily} builds its model from: a checkpoint folder, its parsed config, its weights and the
 * backend to put them on. The runtime implements it ({@code AutoModel}).
 *
 * <p>Valid during {@link ModelFamily#createModel} only: the runtime closes {@link #weights()} when it returns, so
 * a model uploads every tensor it needs while it is built. The backend outlives the model.
 */
public interface ModelContext {
    /** The checkpoint folder. */
    Path checkpoint();

    /** The checkpoint's config, as the family's {@link ModelFamily#parseConfig} read it. */
    ModelConfig config();

    /** The checkpoint's safetensors (one file or shards), memory-mapped; closed by the runtime afterwards. */
    SafeTensors weights();

    /** The backend the model computes on; the model makes its scope in it and closes only that scope. */
    Backend backend();
}

package io.vlm4j.runtime;

import io.vlm4j.model.VisionLanguageModel;
import io.vlm4j.tensor.Backend;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A family's model on a backend made for it alone: every call goes to the model; {@link #close()} frees the
 * weights, then the backend. Thread-safe as the model is.
 */
final class BackendOwningModel extends ForwardingVisionLanguageModel {
    private final Backend backend;
    private final AtomicBoolean closed = new AtomicBoolean();

    BackendOwningModel(VisionLanguageModel model, Backend backend) {
        super(model);
        this.backend = backend;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                super.close();
            } finally {
                backend.close();
            }
        }
    }

    @Override
    public String toString() {
        return delegate() + " on " + backend.name() + ":" + backend.device();
    }
}

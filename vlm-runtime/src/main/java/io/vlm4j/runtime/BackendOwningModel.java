package io.vlm4j.runtime;

import io.vlm4j.config.MultimodalConfig;
import io.vlm4j.model.KvCache;
import io.vlm4j.model.VisionLanguageModel;
import io.vlm4j.processing.BatchFeature;
import io.vlm4j.processing.MediaItem;
import io.vlm4j.tensor.Backend;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A family's model on a backend made for it alone: every call goes to the model; {@link #close()} frees the
 * weights, then the backend. Thread-safe as the model is.
 */
final class BackendOwningModel implements VisionLanguageModel {
    private final VisionLanguageModel model;
    private final Backend backend;
    private final AtomicBoolean closed = new AtomicBoolean();

    BackendOwningModel(VisionLanguageModel model, Backend backend) {
        this.model = model;
        this.backend = backend;
    }

    @Override
    public MultimodalConfig config() {
        return model.config();
    }

    @Override
    public List<Tensor> mediaFeatures(Scope scope, BatchFeature batch, List<MediaItem> items) {
        return model.mediaFeatures(scope, batch, items);
    }

    @Override
    public Tensor inputsEmbeds(Scope scope, BatchFeature batch, List<Tensor> mediaFeatures) {
        return model.inputsEmbeds(scope, batch, mediaFeatures);
    }

    @Override
    public int vocabSize() {
        return model.vocabSize();
    }

    @Override
    public int hiddenSize() {
        return model.hiddenSize();
    }

    @Override
    public int maxPositionEmbeddings() {
        return model.maxPositionEmbeddings();
    }

    @Override
    public Scope newScope() {
        return model.newScope();
    }

    @Override
    public Tensor embedTokens(Scope scope, Tensor inputIds) {
        return model.embedTokens(scope, inputIds);
    }

    @Override
    public KvCache newCache(Scope scope, int batchSize, int maxLength) {
        return model.newCache(scope, batchSize, maxLength);
    }

    @Override
    public Tensor forward(Scope scope, Tensor inputsEmbeds, Tensor attentionMask, Tensor positionIds,
            KvCache pastKeyValues, int numLogitsToKeep) {
        return model.forward(scope, inputsEmbeds, attentionMask, positionIds, pastKeyValues, numLogitsToKeep);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                model.close();
            } finally {
                backend.close();
            }
        }
    }

    @Override
    public String toString() {
        return model + " on " + backend.name() + ":" + backend.device();
    }
}

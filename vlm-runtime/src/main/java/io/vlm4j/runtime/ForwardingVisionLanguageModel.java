package io.vlm4j.runtime;

import io.vlm4j.config.MultimodalConfig;
import io.vlm4j.model.KvCache;
import io.vlm4j.model.VisionLanguageModel;
import io.vlm4j.processing.BatchFeature;
import io.vlm4j.processing.MediaItem;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import java.util.List;
import java.util.Objects;

/**
 * A model that hands every call to another: the base of wrappers that add one thing (owning the backend,
 * recording the prefill's logits, counting calls) and override only what they change. {@link #close()} closes
 * the model it wraps; a wrapper that does not own it overrides that. Thread-safe as the wrapped model is.
 */
public abstract class ForwardingVisionLanguageModel implements VisionLanguageModel {
    private final VisionLanguageModel model;

    /** A wrapper around {@code model}. */
    protected ForwardingVisionLanguageModel(VisionLanguageModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    /** The model every call goes to. */
    protected final VisionLanguageModel delegate() {
        return model;
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

    /** Closes the wrapped model. */
    @Override
    public void close() {
        model.close();
    }

    @Override
    public String toString() {
        return model.toString();
    }
}

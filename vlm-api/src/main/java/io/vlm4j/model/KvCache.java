package io.vlm4j.model;

import io.vlm4j.tensor.DType;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import java.util.Objects;

/**
 * A preallocated key/value cache (HF's {@code StaticCache}): per layer, keys and values
 * {@code [batch, num_key_value_heads, max_length, head_dim]}, filled up to {@link #seqLength()}. Each step writes
 * its states in place ({@link Scope#kvCacheUpdate}), so decoding never re-concatenates the past.
 *
 * <p>The tensors live in the scope the cache was made in (one generation's). One per generation: not
 * thread-safe.
 */
public final class KvCache {
    private final Tensor[] keys;
    private final Tensor[] values;
    private final int batchSize;
    private final int maxLength;
    private int seqLength;

    private KvCache(Tensor[] keys, Tensor[] values, int batchSize, int maxLength) {
        this.keys = keys;
        this.values = values;
        this.batchSize = batchSize;
        this.maxLength = maxLength;
    }

    /**
     * Allocates zeroed keys and values for every layer in {@code scope}.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public static KvCache allocate(Scope scope, int numLayers, int batchSize, int numKeyValueHeads, int maxLength,
            int headDim) {
        Objects.requireNonNull(scope, "scope");
        if (numLayers <= 0 || batchSize <= 0 || numKeyValueHeads <= 0 || maxLength <= 0 || headDim <= 0) {
            throw new IllegalArgumentException("a KV cache needs positive sizes, got " + numLayers + " layers, batch "
                    + batchSize + ", " + numKeyValueHeads + " KV heads, max length " + maxLength + ", head_dim "
                    + headDim);
        }
        Tensor[] k = new Tensor[numLayers];
        Tensor[] v = new Tensor[numLayers];
        for (int i = 0; i < numLayers; i++) {
            k[i] = scope.zeros(DType.F32, batchSize, numKeyValueHeads, maxLength, headDim);
            v[i] = scope.zeros(DType.F32, batchSize, numKeyValueHeads, maxLength, headDim);
        }
        return new KvCache(k, v, batchSize, maxLength);
    }

    /** The keys and values of one layer up to the current step. */
    public record KeyValue(Tensor keyStates, Tensor valueStates) {}

    /**
     * HF's {@code Cache.update}: writes this step's {@code keyStates}/{@code valueStates}
     * {@code [batch, num_key_value_heads, q_len, head_dim]} of layer {@code layerIdx} after the
     * {@link #seqLength()} tokens already cached and returns the filled views {@code [..., seqLength + q_len, ...]}
     * (made in {@code scope}). {@link #advance} commits the step once every layer has written.
     *
     * @throws IllegalArgumentException if the step does not fit in {@link #maxLength()}
     */
    public KeyValue update(Scope scope, int layerIdx, Tensor keyStates, Tensor valueStates) {
        int qLen = keyStates.dim(2);
        if (seqLength + qLen > maxLength) {
            throw new IllegalArgumentException("KV cache full: " + seqLength + " + " + qLen + " tokens exceed its "
                    + maxLength);
        }
        Tensor k = scope.kvCacheUpdate(keys[layerIdx], keyStates, seqLength);
        Tensor v = scope.kvCacheUpdate(values[layerIdx], valueStates, seqLength);
        return new KeyValue(k, v);
    }

    /** Commits a step of {@code tokens} positions, written to every layer by {@link #update}. */
    public void advance(int tokens) {
        if (tokens < 0 || seqLength + tokens > maxLength) {
            throw new IllegalArgumentException("cannot advance a KV cache of " + seqLength + "/" + maxLength
                    + " tokens by " + tokens);
        }
        seqLength += tokens;
    }

    /**
     * HF's {@code DynamicCache.crop}: forgets every token after the first {@code maxLength} (their slots are
     * overwritten by the next steps). A no-op if fewer are cached.
     */
    public void crop(int maxLength) {
        if (maxLength < 0) {
            throw new IllegalArgumentException("cannot crop a KV cache to " + maxLength + " tokens");
        }
        seqLength = Math.min(seqLength, maxLength);
    }

    /** Tokens cached so far (HF's {@code get_seq_length()}): the {@code past} of the next step. */
    public int seqLength() {
        return seqLength;
    }

    /** The capacity in tokens. */
    public int maxLength() {
        return maxLength;
    }

    /** Sequences cached. */
    public int batchSize() {
        return batchSize;
    }

    /** Layers cached. */
    public int numLayers() {
        return keys.length;
    }
}

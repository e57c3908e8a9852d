package io.vlm4j.tensor;

import java.util.Objects;

/**
 * The cosines and sines of rotary position embeddings, each {@code [batch, seq_len, head_dim]}: what HF's
 * {@code LlamaRotaryEmbedding.forward} returns as {@code position_embeddings}, shared by every decoder layer.
 *
 * @param cos {@code emb.cos()}
 * @param sin {@code emb.sin()}
 */
public record RotaryCosSin(Tensor cos, Tensor sin) {
    public RotaryCosSin {
        Objects.requireNonNull(cos, "cos");
        Objects.requireNonNull(sin, "sin");
    }
}

package io.vlm4j.models.llama;

import io.vlm4j.UnsupportedModelException;
import io.vlm4j.config.RopeScaling;
import io.vlm4j.config.TextConfig;
import io.vlm4j.tensor.RotaryCosSin;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;

/**
 * HF's {@code LlamaRotaryEmbedding}, and {@code Qwen2RotaryEmbedding} ("Copied from … LlamaRotaryEmbedding with
 * Llama->Qwen2"), for the rope types {@code default} and {@code linear} (its {@code inv_freq} divided by
 * {@code rope_scaling.factor}); {@code attention_scaling} is 1 for both.
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/llama/modeling_llama.py">
 * modeling_llama.py</a> and <a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/modeling_rope_utils.py">
 * modeling_rope_utils.py</a> at v4.46.0. Immutable.
 */
public final class LlamaRotaryEmbedding {
    private final Tensor invFreq; // [head_dim / 2]

    /**
     * {@code inv_freq} for {@code dim = head_dim}, in the model's scope.
     *
     * @throws UnsupportedModelException for a rope type other than default and linear
     */
    public LlamaRotaryEmbedding(Scope scope, TextConfig config) {
        double factor = 1;
        if (config.ropeScaling().isPresent()) {
            RopeScaling scaling = config.ropeScaling().get();
            if (!scaling.ropeType().equals("linear")) {
                throw new UnsupportedModelException(scaling.json().location() + ": rope_type '" + scaling.ropeType()
                        + "' is not supported (default and linear are)");
            }
            factor = scaling.factor().getAsDouble();
        }
        this.invFreq = scope.rotaryInvFreq(config.headDim(), config.ropeTheta(), factor);
    }

    /** The cos and sin {@code [batch, seq_len, head_dim]} of I64 {@code positionIds [batch, seq_len]}. */
    public RotaryCosSin forward(Scope scope, Tensor x, Tensor positionIds) {
        return scope.rotaryCosSin(invFreq, positionIds);
    }
}

package io.vlm4j.models.llama;

import io.vlm4j.model.Weights;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;

/**
 * HF's {@code LlamaRMSNorm}, and {@code Qwen2RMSNorm} ("Copied from transformers.models.llama.modeling_llama
 * .LlamaRMSNorm with Llama->Qwen2"): {@code weight * (x * rsqrt(mean(x^2, -1) + eps))}.
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/llama/modeling_llama.py">
 * modeling_llama.py</a>, <a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/qwen2/modeling_qwen2.py">
 * modeling_qwen2.py</a> at v4.46.0. Immutable.
 */
public final class LlamaRMSNorm {
    private final Tensor weight; // [hidden_size]
    private final double varianceEpsilon;

    /** Loads {@code <prefix>.weight}. */
    public LlamaRMSNorm(Weights weights, String prefix, int hiddenSize, double eps) {
        this.weight = weights.get(prefix + ".weight", hiddenSize);
        this.varianceEpsilon = eps;
    }

    /** {@code [..., hidden_size]} → {@code [..., hidden_size]}. */
    public Tensor forward(Scope scope, Tensor hiddenStates) {
        return scope.rmsNorm(hiddenStates, weight, varianceEpsilon);
    }
}

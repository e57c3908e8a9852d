package io.vlm4j.models.llama;

import io.vlm4j.model.Activation;
import io.vlm4j.model.Linear;
import io.vlm4j.model.Weights;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;

/**
 * HF's {@code LlamaMLP} (SwiGLU: {@code down_proj(act_fn(gate_proj(x)) * up_proj(x))}), and {@code Qwen2MLP}
 * ("Copied from … MistralMLP with Mistral->Qwen2": the same without biases), {@code pretraining_tp = 1}.
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/llama/modeling_llama.py">
 * modeling_llama.py</a> at v4.46.0. Immutable.
 */
public final class LlamaMLP {
    private final Linear gateProj;
    private final Linear upProj;
    private final Linear downProj;
    private final Activation actFn;

    /** Loads {@code <prefix>.gate_proj}, {@code up_proj} and {@code down_proj}. */
    public LlamaMLP(Weights weights, String prefix, int hiddenSize, int intermediateSize, boolean mlpBias,
            Activation actFn) {
        this.gateProj = Linear.load(weights, prefix + ".gate_proj", hiddenSize, intermediateSize, mlpBias);
        this.upProj = Linear.load(weights, prefix + ".up_proj", hiddenSize, intermediateSize, mlpBias);
        this.downProj = Linear.load(weights, prefix + ".down_proj", intermediateSize, hiddenSize, mlpBias);
        this.actFn = actFn;
    }

    /** {@code [batch, seq_len, hidden_size]} → {@code [batch, seq_len, hidden_size]}. */
    public Tensor forward(Scope scope, Tensor x) {
        Tensor gate = gateProj.forward(scope, x); // [batch, seq_len, intermediate_size]
        Tensor activated = actFn.apply(scope, gate); // [batch, seq_len, intermediate_size]
        Tensor up = upProj.forward(scope, x); // [batch, seq_len, intermediate_size]
        Tensor product = scope.mul(activated, up); // [batch, seq_len, intermediate_size]
        return downProj.forward(scope, product); // [batch, seq_len, hidden_size]
    }
}

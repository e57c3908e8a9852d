package io.vlm4j.models.clip;

import io.vlm4j.config.VisionConfig;
import io.vlm4j.model.Activation;
import io.vlm4j.model.Linear;
import io.vlm4j.model.Weights;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;

/**
 * HF's {@code CLIPMLP}: {@code fc2(act(fc1(x)))}, the activation {@code hidden_act} ({@code quick_gelu} for CLIP).
 * Also HF's {@code SiglipMLP}, which is the same module ({@code gelu_pytorch_tanh} there).
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/clip/modeling_clip.py">
 * modeling_clip.py</a> at v4.46.0. Immutable.
 */
public final class CLIPMLP {
    private final Activation activationFn;
    private final Linear fc1; // [intermediate_size, hidden_size]
    private final Linear fc2; // [hidden_size, intermediate_size]

    /** Loads {@code <prefix>.fc1} and {@code <prefix>.fc2}. */
    public CLIPMLP(VisionConfig config, Weights weights, String prefix) {
        this.activationFn = Activation.of(config.hiddenAct(), config.json().get("hidden_act").location());
        this.fc1 = Linear.load(weights, prefix + ".fc1", config.hiddenSize(), config.intermediateSize(), true);
        this.fc2 = Linear.load(weights, prefix + ".fc2", config.intermediateSize(), config.hiddenSize(), true);
    }

    /** {@code [batch, seq_len, hidden_size]} → {@code [batch, seq_len, hidden_size]}. */
    public Tensor forward(Scope scope, Tensor hiddenStates) {
        hiddenStates = fc1.forward(scope, hiddenStates); // [batch, seq_len, intermediate_size]
        hiddenStates = activationFn.apply(scope, hiddenStates); // [batch, seq_len, intermediate_size]
        hiddenStates = fc2.forward(scope, hiddenStates); // [batch, seq_len, hidden_size]
        return hiddenStates;
    }
}

package io.vlm4j.models.clip;

import io.vlm4j.config.VisionConfig;
import io.vlm4j.model.Weights;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;

/**
 * HF's {@code CLIPEncoderLayer}: pre-norm self-attention and MLP, each added to its residual. Also HF's
 * {@code SiglipEncoderLayer}, the same layer but for its attention class (HF marks it "Ignore copy" only because
 * SigLIP passes no causal mask), so the attention is given.
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/clip/modeling_clip.py">
 * modeling_clip.py</a> at v4.46.0. Immutable.
 */
public final class CLIPEncoderLayer {
    /** The layer's {@code self_attn}: {@code [batch, seq_len, hidden_size]} in and out. */
    @FunctionalInterface
    public interface SelfAttention {
        /** Attends every position to every position. */
        Tensor forward(Scope scope, Tensor hiddenStates);
    }

    /** Makes a layer's attention from its {@code <prefix>.self_attn} weights. */
    @FunctionalInterface
    public interface AttentionFactory {
        /** The attention under {@code prefix}. */
        SelfAttention create(VisionConfig config, Weights weights, String prefix);
    }

    private final SelfAttention selfAttn;
    private final LayerNorm layerNorm1;
    private final CLIPMLP mlp;
    private final LayerNorm layerNorm2;

    /** Loads {@code <prefix>.self_attn} (with {@code attention}), {@code layer_norm1}, {@code mlp}, {@code layer_norm2}. */
    public CLIPEncoderLayer(VisionConfig config, Weights weights, String prefix, AttentionFactory attention) {
        int embedDim = config.hiddenSize();
        this.selfAttn = attention.create(config, weights, prefix + ".self_attn");
        this.layerNorm1 = LayerNorm.load(weights, prefix + ".layer_norm1", embedDim, config.layerNormEps());
        this.mlp = new CLIPMLP(config, weights, prefix + ".mlp");
        this.layerNorm2 = LayerNorm.load(weights, prefix + ".layer_norm2", embedDim, config.layerNormEps());
    }

    /** {@code [batch, seq_len, hidden_size]} → {@code [batch, seq_len, hidden_size]}. */
    public Tensor forward(Scope scope, Tensor hiddenStates) {
        Tensor residual = hiddenStates; // [batch, seq_len, hidden_size]

        hiddenStates = layerNorm1.forward(scope, hiddenStates); // [batch, seq_len, hidden_size]
        hiddenStates = selfAttn.forward(scope, hiddenStates); // [batch, seq_len, hidden_size]
        hiddenStates = scope.add(residual, hiddenStates); // [batch, seq_len, hidden_size]

        residual = hiddenStates;
        hiddenStates = layerNorm2.forward(scope, hiddenStates); // [batch, seq_len, hidden_size]
        hiddenStates = mlp.forward(scope, hiddenStates); // [batch, seq_len, hidden_size]
        hiddenStates = scope.add(residual, hiddenStates); // [batch, seq_len, hidden_size]
        return hiddenStates;
    }
}

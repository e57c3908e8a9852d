package io.vlm4j.models.llama;

import io.vlm4j.config.TextConfig;
import io.vlm4j.model.Activation;
import io.vlm4j.model.KvCache;
import io.vlm4j.model.Weights;
import io.vlm4j.tensor.RotaryCosSin;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;

/**
 * HF's {@code LlamaDecoderLayer}: pre-norm self-attention and MLP, each with a residual connection.
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/llama/modeling_llama.py">
 * modeling_llama.py</a> at v4.46.0. Immutable; {@code Qwen2DecoderLayer} differs only in its attention.
 */
public class LlamaDecoderLayer {
    private final LlamaAttention selfAttn;
    private final LlamaMLP mlp;
    private final LlamaRMSNorm inputLayernorm;
    private final LlamaRMSNorm postAttentionLayernorm;

    /** Loads layer {@code layerIdx} from {@code <prefix>} ({@code model.layers.N}). */
    public LlamaDecoderLayer(TextConfig config, Weights weights, String prefix, int layerIdx) {
        this(config, weights, prefix, new LlamaAttention(config, weights, prefix + ".self_attn", layerIdx));
    }

    /** Loads the MLP and norms of {@code <prefix>} around a given attention. */
    protected LlamaDecoderLayer(TextConfig config, Weights weights, String prefix, LlamaAttention selfAttn) {
        this.selfAttn = selfAttn;
        this.mlp = new LlamaMLP(weights, prefix + ".mlp", config.hiddenSize(), config.intermediateSize(),
                config.mlpBias(), Activation.of(config.hiddenAct(), config.json().get("hidden_act").location()));
        this.inputLayernorm = new LlamaRMSNorm(weights, prefix + ".input_layernorm", config.hiddenSize(),
                config.rmsNormEps());
        this.postAttentionLayernorm = new LlamaRMSNorm(weights, prefix + ".post_attention_layernorm",
                config.hiddenSize(), config.rmsNormEps());
    }

    /** {@code hiddenStates [batch, seq_len, hidden_size]} → {@code [batch, seq_len, hidden_size]}. */
    public final Tensor forward(Scope scope, Tensor hiddenStates, Tensor attentionMask,
            RotaryCosSin positionEmbeddings, KvCache pastKeyValue) {
        Tensor residual = hiddenStates; // [batch, seq_len, hidden_size]
        hiddenStates = inputLayernorm.forward(scope, hiddenStates); // [batch, seq_len, hidden_size]

        // Self Attention
        hiddenStates = selfAttn.forward(scope, hiddenStates, attentionMask, positionEmbeddings, pastKeyValue); // [batch, seq_len, hidden_size]
        hiddenStates = scope.add(residual, hiddenStates); // [batch, seq_len, hidden_size]

        // Fully Connected
        residual = hiddenStates; // [batch, seq_len, hidden_size]
        hiddenStates = postAttentionLayernorm.forward(scope, hiddenStates); // [batch, seq_len, hidden_size]
        hiddenStates = mlp.forward(scope, hiddenStates); // [batch, seq_len, hidden_size]
        return scope.add(residual, hiddenStates); // [batch, seq_len, hidden_size]
    }
}

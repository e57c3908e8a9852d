package io.vlm4j.models.llama;

import io.vlm4j.config.TextConfig;
import io.vlm4j.model.KvCache;
import io.vlm4j.model.Linear;
import io.vlm4j.model.Weights;
import io.vlm4j.tensor.RotaryCosSin;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;

/**
 * HF's {@code LlamaAttention} (the eager implementation): multi-head attention with grouped KV heads, rotary
 * embeddings and a KV cache; {@code q/k/v/o_proj} with {@code attention_bias}, {@code pretraining_tp = 1}.
 * {@code repeat_kv} happens inside {@link Scope#scaledDotProductAttention}, which reads each KV head for its
 * group of query heads without copying the cache.
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/llama/modeling_llama.py">
 * modeling_llama.py</a> at v4.46.0. Immutable; {@code Qwen2Attention} is this computation under Qwen2's name, its biases and {@code head_dim} come from
 * its config.
 */
public class LlamaAttention {
    private final int layerIdx;
    private final int numHeads;
    private final int headDim;
    private final int numKeyValueHeads;
    private final Linear qProj;
    private final Linear kProj;
    private final Linear vProj;
    private final Linear oProj;

    /**
     * Loads {@code <prefix>.q_proj}, {@code k_proj}, {@code v_proj} and {@code o_proj} of layer {@code layerIdx},
     * with the config's {@code head_dim} and biases (Llama's {@code attention_bias} on all four; Qwen2's on q, k, v).
     */
    public LlamaAttention(TextConfig config, Weights weights, String prefix, int layerIdx) {
        this.layerIdx = layerIdx;
        int hiddenSize = config.hiddenSize();
        this.numHeads = config.numAttentionHeads();
        this.headDim = config.headDim();
        this.numKeyValueHeads = config.numKeyValueHeads();
        boolean qkvBias = config.qkvProjBias();
        this.qProj = Linear.load(weights, prefix + ".q_proj", hiddenSize, numHeads * headDim, qkvBias);
        this.kProj = Linear.load(weights, prefix + ".k_proj", hiddenSize, numKeyValueHeads * headDim, qkvBias);
        this.vProj = Linear.load(weights, prefix + ".v_proj", hiddenSize, numKeyValueHeads * headDim, qkvBias);
        this.oProj = Linear.load(weights, prefix + ".o_proj", numHeads * headDim, hiddenSize, config.oProjBias());
    }

    /**
     * Attends {@code hiddenStates [batch, q_len, hidden_size]} over the cache and itself.
     *
     * @param attentionMask additive {@code [batch, 1, q_len, kv_len]} (the causal mask)
     * @param positionEmbeddings cos and sin {@code [batch, q_len, head_dim]}
     * @param pastKeyValue the cache, or null
     */
    public final Tensor forward(Scope scope, Tensor hiddenStates, Tensor attentionMask,
            RotaryCosSin positionEmbeddings, KvCache pastKeyValue) {
        int bsz = hiddenStates.dim(0);
        int qLen = hiddenStates.dim(1);

        Tensor queryStates = qProj.forward(scope, hiddenStates); // [bsz, q_len, num_heads * head_dim]
        Tensor keyStates = kProj.forward(scope, hiddenStates); // [bsz, q_len, num_key_value_heads * head_dim]
        Tensor valueStates = vProj.forward(scope, hiddenStates); // [bsz, q_len, num_key_value_heads * head_dim]

        queryStates = scope.transpose(scope.reshape(queryStates, bsz, qLen, numHeads, headDim), 1, 2); // [bsz, num_heads, q_len, head_dim]
        keyStates = scope.transpose(scope.reshape(keyStates, bsz, qLen, numKeyValueHeads, headDim), 1, 2); // [bsz, num_key_value_heads, q_len, head_dim]
        valueStates = scope.transpose(scope.reshape(valueStates, bsz, qLen, numKeyValueHeads, headDim), 1, 2); // [bsz, num_key_value_heads, q_len, head_dim]

        queryStates = scope.applyRotaryPosEmb(queryStates, positionEmbeddings); // [bsz, num_heads, q_len, head_dim]
        keyStates = scope.applyRotaryPosEmb(keyStates, positionEmbeddings); // [bsz, num_key_value_heads, q_len, head_dim]

        if (pastKeyValue != null) {
            KvCache.KeyValue cached = pastKeyValue.update(scope, layerIdx, keyStates, valueStates);
            keyStates = cached.keyStates(); // [bsz, num_key_value_heads, kv_len, head_dim]
            valueStates = cached.valueStates(); // [bsz, num_key_value_heads, kv_len, head_dim]
        }

        Tensor attnOutput = scope.scaledDotProductAttention(queryStates, keyStates, valueStates, attentionMask,
                1 / Math.sqrt(headDim)); // [bsz, num_heads, q_len, head_dim]

        attnOutput = scope.transpose(attnOutput, 1, 2); // [bsz, q_len, num_heads, head_dim]
        attnOutput = scope.reshape(attnOutput, bsz, qLen, -1); // [bsz, q_len, num_heads * head_dim]
        return oProj.forward(scope, attnOutput); // [bsz, q_len, hidden_size]
    }
}

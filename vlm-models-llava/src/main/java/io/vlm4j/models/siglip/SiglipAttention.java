package io.vlm4j.models.siglip;

import io.vlm4j.config.VisionConfig;
import io.vlm4j.model.Linear;
import io.vlm4j.model.Weights;
import io.vlm4j.models.clip.CLIPEncoderLayer;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;

/**
 * HF's {@code SiglipAttention} (the eager one, which HF 4.46 runs on torch 1.13): multi-headed self-attention over
 * all positions, no mask. Unlike {@code CLIPAttention} it scales the product of queries and keys by
 * {@code head_dim ** -0.5} ({@code matmul(q, kᵀ) * scale}), not the queries.
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/siglip/modeling_siglip.py">
 * modeling_siglip.py</a> at v4.46.0. Immutable.
 */
public final class SiglipAttention implements CLIPEncoderLayer.SelfAttention {
    private final int embedDim;
    private final int numHeads;
    private final int headDim;
    private final double scale;
    private final Linear kProj; // [embed_dim, embed_dim]
    private final Linear vProj; // [embed_dim, embed_dim]
    private final Linear qProj; // [embed_dim, embed_dim]
    private final Linear outProj; // [embed_dim, embed_dim]

    /** Loads {@code <prefix>.k_proj}, {@code v_proj}, {@code q_proj} and {@code out_proj}, each with a bias. */
    public SiglipAttention(VisionConfig config, Weights weights, String prefix) {
        this.embedDim = config.hiddenSize();
        this.numHeads = config.numAttentionHeads();
        this.headDim = embedDim / numHeads;
        this.scale = Math.pow(headDim, -0.5);
        this.kProj = Linear.load(weights, prefix + ".k_proj", embedDim, embedDim, true);
        this.vProj = Linear.load(weights, prefix + ".v_proj", embedDim, embedDim, true);
        this.qProj = Linear.load(weights, prefix + ".q_proj", embedDim, embedDim, true);
        this.outProj = Linear.load(weights, prefix + ".out_proj", embedDim, embedDim, true);
    }

    @Override
    public Tensor forward(Scope scope, Tensor hiddenStates) {
        int batchSize = hiddenStates.dim(0);
        int qLen = hiddenStates.dim(1);

        Tensor queryStates = qProj.forward(scope, hiddenStates); // [batch, q_len, embed_dim]
        Tensor keyStates = kProj.forward(scope, hiddenStates); // [batch, q_len, embed_dim]
        Tensor valueStates = vProj.forward(scope, hiddenStates); // [batch, q_len, embed_dim]

        queryStates = scope.transpose(scope.reshape(queryStates, batchSize, qLen, numHeads, headDim), 1, 2); // [batch, num_heads, q_len, head_dim]
        keyStates = scope.transpose(scope.reshape(keyStates, batchSize, qLen, numHeads, headDim), 1, 2); // [batch, num_heads, q_len, head_dim]
        valueStates = scope.transpose(scope.reshape(valueStates, batchSize, qLen, numHeads, headDim), 1, 2); // [batch, num_heads, q_len, head_dim]

        // softmax(matmul(q, kᵀ) * scale, dtype=float32) · v
        Tensor attnOutput = scope.scaledDotProductAttention(queryStates, keyStates, valueStates, null, scale); // [batch, num_heads, q_len, head_dim]

        attnOutput = scope.transpose(attnOutput, 1, 2); // [batch, q_len, num_heads, head_dim]
        attnOutput = scope.reshape(attnOutput, batchSize, qLen, embedDim); // [batch, q_len, embed_dim]

        attnOutput = outProj.forward(scope, attnOutput); // [batch, q_len, embed_dim]
        return attnOutput;
    }
}

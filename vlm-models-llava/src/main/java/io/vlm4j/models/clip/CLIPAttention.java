package io.vlm4j.models.clip;

import io.vlm4j.config.VisionConfig;
import io.vlm4j.model.Linear;
import io.vlm4j.model.Weights;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;

/**
 * HF's {@code CLIPAttention} (the eager one, which HF 4.46 runs on torch 1.13): multi-headed self-attention over
 * all positions, no mask. The queries are scaled by {@code head_dim ** -0.5} before the product with the keys, as
 * HF does ({@code SiglipAttention} scales the product instead).
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/clip/modeling_clip.py">
 * modeling_clip.py</a> at v4.46.0. Immutable.
 */
public final class CLIPAttention implements CLIPEncoderLayer.SelfAttention {
    private final int embedDim;
    private final int numHeads;
    private final int headDim;
    private final double scale;
    private final Linear kProj; // [embed_dim, embed_dim]
    private final Linear vProj; // [embed_dim, embed_dim]
    private final Linear qProj; // [embed_dim, embed_dim]
    private final Linear outProj; // [embed_dim, embed_dim]

    /** Loads {@code <prefix>.k_proj}, {@code v_proj}, {@code q_proj} and {@code out_proj}, each with a bias. */
    public CLIPAttention(VisionConfig config, Weights weights, String prefix) {
        this.embedDim = config.hiddenSize();
        this.numHeads = config.numAttentionHeads();
        this.headDim = embedDim / numHeads;
        this.scale = Math.pow(headDim, -0.5);
        this.kProj = Linear.load(weights, prefix + ".k_proj", embedDim, embedDim, true);
        this.vProj = Linear.load(weights, prefix + ".v_proj", embedDim, embedDim, true);
        this.qProj = Linear.load(weights, prefix + ".q_proj", embedDim, embedDim, true);
        this.outProj = Linear.load(weights, prefix + ".out_proj", embedDim, embedDim, true);
    }

    /** {@code tensor.view(bsz, seq_len, num_heads, head_dim).transpose(1, 2)}. */
    private Tensor shape(Scope scope, Tensor tensor, int seqLen, int bsz) {
        return scope.transpose(scope.reshape(tensor, bsz, seqLen, numHeads, headDim), 1, 2);
    }

    @Override
    public Tensor forward(Scope scope, Tensor hiddenStates) {
        int bsz = hiddenStates.dim(0);
        int tgtLen = hiddenStates.dim(1);

        // get query proj
        Tensor queryStates = scope.mul(qProj.forward(scope, hiddenStates), scale); // [bsz, tgt_len, embed_dim]
        Tensor keyStates = shape(scope, kProj.forward(scope, hiddenStates), tgtLen, bsz); // [bsz, num_heads, src_len, head_dim]
        Tensor valueStates = shape(scope, vProj.forward(scope, hiddenStates), tgtLen, bsz); // [bsz, num_heads, src_len, head_dim]
        queryStates = shape(scope, queryStates, tgtLen, bsz); // [bsz, num_heads, tgt_len, head_dim]

        // softmax(q · kᵀ) · v; the scale is already in the queries
        Tensor attnOutput = scope.scaledDotProductAttention(queryStates, keyStates, valueStates, null, 1.0); // [bsz, num_heads, tgt_len, head_dim]
        attnOutput = scope.transpose(attnOutput, 1, 2); // [bsz, tgt_len, num_heads, head_dim]
        attnOutput = scope.reshape(attnOutput, bsz, tgtLen, embedDim); // [bsz, tgt_len, embed_dim]

        attnOutput = outProj.forward(scope, attnOutput); // [bsz, tgt_len, embed_dim]
        return attnOutput;
    }
}

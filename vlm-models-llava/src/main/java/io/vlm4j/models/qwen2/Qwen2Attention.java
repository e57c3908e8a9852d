package io.vlm4j.models.qwen2;

import io.vlm4j.model.Weights;
import io.vlm4j.models.llama.DecoderConfig;
import io.vlm4j.models.llama.LlamaAttention;

/**
 * HF's {@code Qwen2Attention} (eager): {@link LlamaAttention}'s computation with biases on {@code q_proj},
 * {@code k_proj} and {@code v_proj} (none on {@code o_proj}) and {@code head_dim = hidden_size // num_heads}.
 * (Its sliding window acts through the causal mask: {@link Qwen2Model}.)
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/qwen2/modeling_qwen2.py">
 * modeling_qwen2.py</a> at v4.46.0. Immutable.
 */
public final class Qwen2Attention extends LlamaAttention {
    /** Loads {@code <prefix>.q_proj}, {@code k_proj}, {@code v_proj} and {@code o_proj} of layer {@code layerIdx}. */
    public Qwen2Attention(DecoderConfig config, Weights weights, String prefix, int layerIdx) {
        super(config, weights, prefix, layerIdx, headDim(config), true, false);
    }

    static int headDim(DecoderConfig config) {
        if (config.hiddenSize() % config.numAttentionHeads() != 0) {
            throw new IllegalArgumentException("hidden_size must be divisible by num_heads (got hidden_size: "
                    + config.hiddenSize() + " and num_heads: " + config.numAttentionHeads() + ")");
        }
        return config.hiddenSize() / config.numAttentionHeads();
    }
}

package io.vlm4j.models.qwen2;

import io.vlm4j.config.Qwen2Config;
import io.vlm4j.model.Weights;
import io.vlm4j.models.llama.LlamaAttention;

/**
 * HF's {@code Qwen2Attention} (eager): {@link LlamaAttention}'s computation with biases on {@code q_proj},
 * {@code k_proj} and {@code v_proj} (none on {@code o_proj}) and {@code head_dim = hidden_size // num_heads}, both
 * as {@link Qwen2Config} states them. (Its sliding window acts through the causal mask: {@link Qwen2Model}.)
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/qwen2/modeling_qwen2.py">
 * modeling_qwen2.py</a> at v4.46.0. Immutable.
 */
public final class Qwen2Attention extends LlamaAttention {
    /** Loads {@code <prefix>.q_proj}, {@code k_proj}, {@code v_proj} and {@code o_proj} of layer {@code layerIdx}. */
    public Qwen2Attention(Qwen2Config config, Weights weights, String prefix, int layerIdx) {
        super(config, weights, prefix, layerIdx);
    }
}

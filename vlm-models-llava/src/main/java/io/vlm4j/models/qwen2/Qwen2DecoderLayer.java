package io.vlm4j.models.qwen2;

import io.vlm4j.config.Qwen2Config;
import io.vlm4j.model.Weights;
import io.vlm4j.models.llama.LlamaDecoderLayer;

/**
 * HF's {@code Qwen2DecoderLayer}: {@link LlamaDecoderLayer}'s pre-norm blocks around a {@link Qwen2Attention}
 * (its {@code Qwen2MLP} and {@code Qwen2RMSNorm} are HF copies of Llama's).
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/qwen2/modeling_qwen2.py">
 * modeling_qwen2.py</a> at v4.46.0. Immutable.
 */
public final class Qwen2DecoderLayer extends LlamaDecoderLayer {
    /** Loads layer {@code layerIdx} from {@code <prefix>} ({@code model.layers.N}). */
    public Qwen2DecoderLayer(Qwen2Config config, Weights weights, String prefix, int layerIdx) {
        super(config, weights, prefix, new Qwen2Attention(config, weights, prefix + ".self_attn", layerIdx));
    }
}

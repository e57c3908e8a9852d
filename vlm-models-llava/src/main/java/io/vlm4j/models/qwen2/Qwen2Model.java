package io.vlm4j.models.qwen2;

import io.vlm4j.config.Qwen2Config;
import io.vlm4j.model.Weights;
import io.vlm4j.models.llama.LlamaModel;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;

/**
 * HF's {@code Qwen2Model}: {@link LlamaModel} with {@link Qwen2DecoderLayer}s, whose causal mask also hides keys
 * beyond the sliding window when {@code use_sliding_window} ({@code _prepare_4d_causal_attention_mask_with_cache
 * _position}, copied from Mistral).
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/qwen2/modeling_qwen2.py">
 * modeling_qwen2.py</a> at v4.46.0. Immutable.
 */
public final class Qwen2Model extends LlamaModel {
    private final int slidingWindow;

    /** Loads {@code <prefix>.embed_tokens}, {@code <prefix>.layers.N} and {@code <prefix>.norm}. */
    public Qwen2Model(Qwen2Config config, Weights weights, String prefix) {
        super(config, weights, prefix, (c, w, p, layerIdx) -> new Qwen2DecoderLayer(config, w, p, layerIdx));
        this.slidingWindow = config.slidingWindow().orElse(0);
    }

    @Override
    protected Tensor updateCausalMask(Scope scope, Tensor attentionMask, Tensor inputTensor, int pastSeenTokens) {
        return scope.causalMask(attentionMask, inputTensor.dim(1), pastSeenTokens, slidingWindow);
    }
}

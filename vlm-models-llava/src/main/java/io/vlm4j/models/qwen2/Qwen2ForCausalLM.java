package io.vlm4j.models.qwen2;

import io.vlm4j.config.Qwen2Config;
import io.vlm4j.model.Weights;
import io.vlm4j.models.llama.LlamaForCausalLM;

/**
 * HF's {@code Qwen2ForCausalLM}: a {@link Qwen2Model} and the LM head ({@code lm_head}, or {@code embed_tokens}
 * when {@code tie_word_embeddings}, as in the 0.5B checkpoints).
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/qwen2/modeling_qwen2.py">
 * modeling_qwen2.py</a> at v4.46.0. Thread-safe.
 */
public final class Qwen2ForCausalLM extends LlamaForCausalLM {
    private Qwen2ForCausalLM(Qwen2Config config, Weights weights) {
        super(config, weights, new Qwen2Model(config, weights, "model"));
    }

    /**
     * Loads {@code model.*} and {@code lm_head.weight} (unless tied) from {@code weights}, which name them relative
     * to the language model. The model owns the scope of {@code weights} and closes it.
     *
     * @throws io.vlm4j.CheckpointFormatException if a tensor is missing or has another shape
     */
    public static Qwen2ForCausalLM load(Qwen2Config config, Weights weights) {
        return new Qwen2ForCausalLM(config, weights);
    }
}

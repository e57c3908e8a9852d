package io.vlm4j.model;

import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;

/**
 * A decoder-only language model with its LM head, over {@code inputs_embeds} and a {@link KvCache}: what HF's
 * {@code LlamaForCausalLM} / {@code Qwen2ForCausalLM} compute, and what the generation loop drives.
 *
 * <p>A vision-language family wraps one: it merges its media features into {@link #embedTokens} of the prompt
 * (HF's {@code inputs_embeds.masked_scatter}) and hands the result to {@link #forward} for the prefill; every
 * decode step then embeds one token per sequence. The weights are read-only, so one model serves many threads
 * at once: each generation makes its own scope ({@link #newScope}) and cache ({@link #newCache}), and each call
 * takes the scope its results go to.
 *
 * <p>Thread-safe. {@link #close()} frees the weights (and every scope made by {@link #newScope}).
 */
public interface CausalLanguageModel extends AutoCloseable {
    /** {@code vocab_size}: the size of the logits' last dimension. */
    int vocabSize();

    /** {@code hidden_size}: the last dimension of {@code inputs_embeds}. */
    int hiddenSize();

    /** {@code max_position_embeddings} of the config (positions beyond it are not refused: HF does not either). */
    int maxPositionEmbeddings();

    /** A new scope under the model's (one per generation), closed with the model at the latest. Thread-safe. */
    Scope newScope();

    /**
     * {@code model.embed_tokens(input_ids)}: I64 {@code inputIds [batch, seq_len]} → {@code [batch, seq_len,
     * hidden_size]} in {@code scope}.
     */
    Tensor embedTokens(Scope scope, Tensor inputIds);

    /**
     * A preallocated, zeroed cache for {@code batchSize} sequences of up to {@code maxLength} tokens, in
     * {@code scope}: no step re-concatenates it.
     */
    KvCache newCache(Scope scope, int batchSize, int maxLength);

    /**
     * One forward pass, as HF's {@code forward(inputs_embeds=…, attention_mask=…, position_ids=…,
     * past_key_values=…, num_logits_to_keep=…)}; appends this step's keys and values to {@code pastKeyValues}.
     *
     * @param scope where the logits (and intermediates, freed with it) go
     * @param inputsEmbeds F32 {@code [batch, seq_len, hidden_size]}
     * @param attentionMask I64 {@code [batch, past + seq_len]}, 1 for tokens, 0 for padding; null for all ones
     * @param positionIds I64 {@code [batch, seq_len]}; null for {@code past .. past + seq_len - 1}
     * @param pastKeyValues the cache (its {@link KvCache#seqLength()} is {@code past}); null for none
     * @param numLogitsToKeep logits for the last this many positions; 0 for all
     * @return F32 logits {@code [batch, numLogitsToKeep or seq_len, vocab_size]}
     */
    Tensor forward(Scope scope, Tensor inputsEmbeds, Tensor attentionMask, Tensor positionIds, KvCache pastKeyValues,
            int numLogitsToKeep);

    /** Frees the weights. Idempotent. */
    @Override
    void close();
}

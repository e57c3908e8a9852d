package io.vlm4j.models.llama;

import io.vlm4j.config.LlamaConfig;
import io.vlm4j.config.TextConfig;
import io.vlm4j.model.CausalLanguageModel;
import io.vlm4j.model.KvCache;
import io.vlm4j.model.Linear;
import io.vlm4j.model.Weights;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import java.util.Objects;

/**
 * HF's {@code LlamaForCausalLM}: {@link LlamaModel} and the LM head ({@code lm_head}, or {@code embed_tokens}
 * when {@code tie_word_embeddings}), {@code pretraining_tp = 1}.
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/llama/modeling_llama.py">
 * modeling_llama.py</a> at v4.46.0. Thread-safe: the weights are read-only; every call works in the scope given.
 * {@code Qwen2ForCausalLM} differs only in its {@code Qwen2Model}.
 */
public class LlamaForCausalLM implements CausalLanguageModel {
    private final TextConfig config;
    private final Scope scope;
    private final LlamaModel model;
    private final Linear lmHead;

    /**
     * Wraps a loaded model: the LM head is {@code lm_head.weight} from {@code weights}, or the model's
     * {@code embed_tokens} when tied. The model owns the scope of {@code weights} and closes it.
     */
    protected LlamaForCausalLM(TextConfig config, Weights weights, LlamaModel model) {
        this.config = Objects.requireNonNull(config, "config");
        this.scope = weights.scope();
        this.model = model;
        this.lmHead = config.tieWordEmbeddings() ? new Linear(model.embedTokens(), null)
                : Linear.load(weights, "lm_head", config.hiddenSize(), config.vocabSize(), false);
    }

    /**
     * Loads {@code model.*} and {@code lm_head.weight} (unless tied) from {@code weights}, which name them relative
     * to the language model ({@code weights.under("language_model")} in a LLaVA checkpoint). The model owns the
     * scope of {@code weights} and closes it.
     *
     * @throws io.vlm4j.CheckpointFormatException if a tensor is missing or has another shape
     */
    public static LlamaForCausalLM load(LlamaConfig config, Weights weights) {
        return new LlamaForCausalLM(config, weights, new LlamaModel(config, weights, "model"));
    }

    @Override
    public final int vocabSize() {
        return config.vocabSize();
    }

    @Override
    public final int hiddenSize() {
        return config.hiddenSize();
    }

    @Override
    public final int maxPositionEmbeddings() {
        return config.maxPositionEmbeddings();
    }

    @Override
    public final Scope newScope() {
        return scope.newScope();
    }

    @Override
    public final Tensor embedTokens(Scope scope, Tensor inputIds) {
        return model.embedTokens(scope, inputIds);
    }

    @Override
    public final KvCache newCache(Scope scope, int batchSize, int maxLength) {
        return KvCache.allocate(scope, config.numHiddenLayers(), batchSize, config.numKeyValueHeads(), maxLength,
                config.headDim());
    }

    @Override
    public final Tensor forward(Scope scope, Tensor inputsEmbeds, Tensor attentionMask, Tensor positionIds,
            KvCache pastKeyValues, int numLogitsToKeep) {
        Tensor hiddenStates = model.forward(scope, inputsEmbeds, attentionMask, positionIds, pastKeyValues); // [batch, seq_len, hidden_size]
        // Only compute necessary logits
        int seqLen = hiddenStates.dim(1);
        Tensor kept = numLogitsToKeep == 0 ? hiddenStates
                : scope.slice(hiddenStates, 1, seqLen - numLogitsToKeep, seqLen); // [batch, num_logits_to_keep, hidden_size]
        return lmHead.forward(scope, kept); // [batch, num_logits_to_keep, vocab_size]
    }

    @Override
    public final void close() {
        scope.close();
    }
}

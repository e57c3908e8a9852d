package io.vlm4j.models.llama;

import io.vlm4j.config.TextConfig;
import io.vlm4j.model.KvCache;
import io.vlm4j.model.Weights;
import io.vlm4j.tensor.RotaryCosSin;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * HF's {@code LlamaModel}: token embeddings, {@code num_hidden_layers} {@link LlamaDecoderLayer}s sharing one
 * rotary embedding and one causal mask, and the final norm.
 *
 * <p>Each layer runs in a child scope that keeps only its output, so a long prefill holds one layer's
 * intermediates at a time.
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/llama/modeling_llama.py">
 * modeling_llama.py</a> at v4.46.0. Immutable; {@code Qwen2Model} differs in its layers and its mask.
 */
public class LlamaModel {
    private final Tensor embedTokens; // [vocab_size, hidden_size]
    private final List<LlamaDecoderLayer> layers;
    private final LlamaRMSNorm norm;
    private final LlamaRotaryEmbedding rotaryEmb;

    /** Loads {@code <prefix>.embed_tokens}, {@code <prefix>.layers.N} and {@code <prefix>.norm}. */
    public LlamaModel(TextConfig config, Weights weights, String prefix) {
        this(config, weights, prefix, LlamaDecoderLayer::new);
    }

    /** Makes one decoder layer: {@code (config, weights, "<prefix>.layers.N", N)}. */
    @FunctionalInterface
    protected interface LayerFactory {
        LlamaDecoderLayer create(TextConfig config, Weights weights, String prefix, int layerIdx);
    }

    /** Loads the model with layers from {@code layerFactory}. */
    protected LlamaModel(TextConfig config, Weights weights, String prefix, LayerFactory layerFactory) {
        this.embedTokens = weights.get(prefix + ".embed_tokens.weight", config.vocabSize(), config.hiddenSize());
        List<LlamaDecoderLayer> list = new ArrayList<>();
        for (int layerIdx = 0; layerIdx < config.numHiddenLayers(); layerIdx++) {
            list.add(layerFactory.create(config, weights, prefix + ".layers." + layerIdx, layerIdx));
        }
        this.layers = List.copyOf(list);
        this.norm = new LlamaRMSNorm(weights, prefix + ".norm", config.hiddenSize(), config.rmsNormEps());
        this.rotaryEmb = new LlamaRotaryEmbedding(weights.scope(), config);
    }

    /** {@code embed_tokens.weight}, {@code [vocab_size, hidden_size]} (the LM head when tied). */
    public Tensor embedTokens() {
        return embedTokens;
    }

    /** {@code self.embed_tokens(input_ids)}: I64 {@code [batch, seq_len]} → {@code [batch, seq_len, hidden_size]}. */
    public Tensor embedTokens(Scope scope, Tensor inputIds) {
        return scope.embedding(inputIds, embedTokens);
    }

    /**
     * The last hidden states {@code [batch, seq_len, hidden_size]} of {@code inputsEmbeds [batch, seq_len,
     * hidden_size]}; see {@link io.vlm4j.model.CausalLanguageModel#forward} for the arguments.
     */
    public final Tensor forward(Scope scope, Tensor inputsEmbeds, Tensor attentionMask, Tensor positionIds,
            KvCache pastKeyValues) {
        int pastSeenTokens = pastKeyValues != null ? pastKeyValues.seqLength() : 0;
        int sequenceLength = inputsEmbeds.dim(1);
        if (positionIds == null) {
            // position_ids = cache_position.unsqueeze(0)
            positionIds = scope.unsqueeze(scope.arange(pastSeenTokens, pastSeenTokens + sequenceLength), 0); // [1, seq_len]
        }
        Tensor causalMask = updateCausalMask(scope, attentionMask, inputsEmbeds, pastSeenTokens); // [batch or 1, 1, seq_len, past + seq_len]

        Tensor hiddenStates = inputsEmbeds; // [batch, seq_len, hidden_size]
        // create position embeddings to be shared across the decoder layers
        RotaryCosSin positionEmbeddings = rotaryEmb.forward(scope, hiddenStates, positionIds); // [batch or 1, seq_len, head_dim] each

        // decoder layers
        for (LlamaDecoderLayer decoderLayer : layers) {
            Tensor layerInput = hiddenStates; // [batch, seq_len, hidden_size]
            try (Scope layerScope = scope.newScope()) {
                hiddenStates = decoderLayer.forward(layerScope, hiddenStates, causalMask, positionEmbeddings,
                        pastKeyValues).moveTo(scope); // [batch, seq_len, hidden_size]
            }
            if (layerInput != inputsEmbeds) {
                layerInput.close();
            }
        }
        if (pastKeyValues != null) {
            pastKeyValues.advance(sequenceLength);
        }
        return norm.forward(scope, hiddenStates); // [batch, seq_len, hidden_size]
    }

    /** HF's {@code _update_causal_mask} for the eager attention: the 4-D additive mask of a 2-D one. */
    protected Tensor updateCausalMask(Scope scope, Tensor attentionMask, Tensor inputTensor, int pastSeenTokens) {
        return scope.causalMask(attentionMask, inputTensor.dim(1), pastSeenTokens, 0);
    }
}

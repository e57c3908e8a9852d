package io.vlm4j.config;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a decoder-only language model (Llama, Qwen2) needs from its config, whatever its {@code model_type}.
 *
 * <p>Implementations are immutable records.
 */
public interface TextConfig extends ModelConfig {
    /** {@code vocab_size}: rows of {@code embed_tokens} and {@code lm_head}. */
    int vocabSize();

    /** {@code hidden_size}. */
    int hiddenSize();

    /** {@code intermediate_size}: the MLP's inner width. */
    int intermediateSize();

    /** {@code num_hidden_layers}. */
    int numHiddenLayers();

    /** {@code num_attention_heads}. */
    int numAttentionHeads();

    /** {@code num_key_value_heads}, a divisor of {@link #numAttentionHeads()} (grouped-query attention). */
    int numKeyValueHeads();

    /** The width of one attention head, as HF's attention module computes it. */
    int headDim();

    /** {@code hidden_act}: the MLP's activation, an {@code ACT2FN} key ({@code silu}). */
    String hiddenAct();

    /** {@code max_position_embeddings}. */
    int maxPositionEmbeddings();

    /** {@code rms_norm_eps}. */
    double rmsNormEps();

    /** {@code rope_theta}: the RoPE base. */
    double ropeTheta();

    /** {@code rope_scaling}; empty for {@code null} or {@code rope_type} {@code default}. */
    Optional<RopeScaling> ropeScaling();

    /**
     * {@code tie_word_embeddings} of this config: whether {@code lm_head} shares {@code embed_tokens}' weight. In
     * HF 4.46 the LLaVA families' {@code tie_weights()} delegates to the language model, so it is this value, not
     * the composite's top-level one, that ties the weights.
     */
    boolean tieWordEmbeddings();

    /** Whether {@code q_proj}, {@code k_proj} and {@code v_proj} carry a bias. */
    boolean qkvProjBias();

    /** Whether {@code o_proj} carries a bias. */
    boolean oProjBias();

    /** Whether {@code gate_proj}, {@code up_proj} and {@code down_proj} carry a bias. */
    boolean mlpBias();

    @Override
    OptionalInt bosTokenId();

    @Override
    List<Integer> eosTokenId();

    @Override
    OptionalInt padTokenId();
}

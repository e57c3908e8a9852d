package io.vlm4j.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The config of a Llama language model ({@code model_type} {@code llama}), read as HF 4.46's {@code LlamaConfig}
 * reads it: absent keys take its defaults (a 7B Llama: vocab 32000, hidden 4096, 32 layers and heads, bos 1,
 * eos 2, rope_theta 10000, no bias, untied embeddings), {@code num_key_value_heads} absent or {@code null} is
 * {@code num_attention_heads}, and {@code head_dim} absent or {@code null} is
 * {@code hidden_size // num_attention_heads}.
 *
 * <p>Immutable.
 *
 * @param vocabSize {@code vocab_size} (32000)
 * @param hiddenSize {@code hidden_size} (4096)
 * @param intermediateSize {@code intermediate_size} (11008)
 * @param numHiddenLayers {@code num_hidden_layers} (32)
 * @param numAttentionHeads {@code num_attention_heads} (32)
 * @param numKeyValueHeads {@code num_key_value_heads} (= num_attention_heads)
 * @param hiddenAct {@code hidden_act} ("silu")
 * @param maxPositionEmbeddings {@code max_position_embeddings} (2048)
 * @param rmsNormEps {@code rms_norm_eps} (1e-6)
 * @param padTokenId {@code pad_token_id} (none)
 * @param bosTokenId {@code bos_token_id} (1)
 * @param eosTokenId {@code eos_token_id}, one or several (2)
 * @param pretrainingTp {@code pretraining_tp} (1); above 1 HF splits the projections into that many slices
 * @param tieWordEmbeddings {@code tie_word_embeddings} (false)
 * @param ropeTheta {@code rope_theta} (10000.0)
 * @param ropeScaling {@code rope_scaling} (none)
 * @param attentionBias {@code attention_bias} (false): a bias on q/k/v/o_proj
 * @param mlpBias {@code mlp_bias} (false): a bias on gate/up/down_proj
 * @param headDim {@code head_dim} (= hidden_size // num_attention_heads)
 * @param json the JSON this was read from
 */
public record LlamaConfig(int vocabSize, int hiddenSize, int intermediateSize, int numHiddenLayers,
        int numAttentionHeads, int numKeyValueHeads, String hiddenAct, int maxPositionEmbeddings, double rmsNormEps,
        OptionalInt padTokenId, OptionalInt bosTokenId, List<Integer> eosTokenId, int pretrainingTp,
        boolean tieWordEmbeddings, double ropeTheta, Optional<RopeScaling> ropeScaling, boolean attentionBias,
        boolean mlpBias, int headDim, ConfigNode json) implements TextConfig {
    /** The {@code model_type}. */
    public static final String MODEL_TYPE = "llama";

    public LlamaConfig {
        Objects.requireNonNull(hiddenAct, "hiddenAct");
        Objects.requireNonNull(padTokenId, "padTokenId");
        Objects.requireNonNull(bosTokenId, "bosTokenId");
        eosTokenId = List.copyOf(eosTokenId);
        Objects.requireNonNull(ropeScaling, "ropeScaling");
        Objects.requireNonNull(json, "json");
        ConfigValues.decoder(vocabSize, hiddenSize, intermediateSize, numHiddenLayers, numAttentionHeads,
                numKeyValueHeads, maxPositionEmbeddings, rmsNormEps, ropeTheta, json);
        ConfigValues.positive(pretrainingTp, json, "pretraining_tp");
        ConfigValues.positive(headDim, json, "head_dim");
    }

    /**
     * Reads a Llama config (a checkpoint's root or a {@code text_config}).
     *
     * @throws io.vlm4j.ConfigException naming the JSON path of a bad value
     */
    public static LlamaConfig fromJson(ConfigNode json) {
        int hiddenSize = json.getInt("hidden_size", 4096);
        int numAttentionHeads = json.getInt("num_attention_heads", 32);
        ConfigValues.positive(numAttentionHeads, json, "num_attention_heads");
        return new LlamaConfig(
                json.getInt("vocab_size", 32000),
                hiddenSize,
                json.getInt("intermediate_size", 11008),
                json.getInt("num_hidden_layers", 32),
                numAttentionHeads,
                json.getInt("num_key_value_heads", numAttentionHeads),
                json.getString("hidden_act", "silu"),
                json.getInt("max_position_embeddings", 2048),
                json.getDouble("rms_norm_eps", 1e-6),
                ConfigValues.tokenId(json, "pad_token_id"),
                ConfigValues.tokenId(json, "bos_token_id", 1),
                ConfigValues.tokenIds(json, "eos_token_id", 2),
                json.getInt("pretraining_tp", 1),
                json.getBoolean("tie_word_embeddings", false),
                json.getDouble("rope_theta", 10000.0),
                RopeScaling.fromJson(json.get("rope_scaling")),
                json.getBoolean("attention_bias", false),
                json.getBoolean("mlp_bias", false),
                json.getInt("head_dim", Math.floorDiv(hiddenSize, numAttentionHeads)),
                json);
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    /** {@link #attentionBias()}: Llama puts {@code attention_bias} on q, k and v. */
    @Override
    public boolean qkvProjBias() {
        return attentionBias;
    }

    /** {@link #attentionBias()}: Llama puts {@code attention_bias} on o_proj too. */
    @Override
    public boolean oProjBias() {
        return attentionBias;
    }
}

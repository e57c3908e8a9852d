package io.vlm4j.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The config of a Qwen2 language model ({@code model_type} {@code qwen2}), read as HF 4.46's {@code Qwen2Config}
 * reads it: absent keys take its defaults (vocab 151936, hidden 4096, intermediate 22016, 32 layers, heads and
 * key/value heads, rope_theta 10000, untied embeddings, no special token ids), {@code num_key_value_heads}
 * {@code null} is {@code num_attention_heads}, and {@code sliding_window} counts only when
 * {@code use_sliding_window} is true.
 *
 * <p>Qwen2's attention puts a bias on q/k/v_proj and none on o_proj or the MLP, and its head width is
 * {@code hidden_size / num_attention_heads} (HF raises unless that divides evenly).
 *
 * <p>Immutable.
 *
 * @param vocabSize {@code vocab_size} (151936)
 * @param hiddenSize {@code hidden_size} (4096)
 * @param intermediateSize {@code intermediate_size} (22016)
 * @param numHiddenLayers {@code num_hidden_layers} (32)
 * @param numAttentionHeads {@code num_attention_heads} (32)
 * @param numKeyValueHeads {@code num_key_value_heads} (32)
 * @param hiddenAct {@code hidden_act} ("silu")
 * @param maxPositionEmbeddings {@code max_position_embeddings} (32768)
 * @param rmsNormEps {@code rms_norm_eps} (1e-6)
 * @param tieWordEmbeddings {@code tie_word_embeddings} (false)
 * @param ropeTheta {@code rope_theta} (10000.0)
 * @param ropeScaling {@code rope_scaling} (none)
 * @param useSlidingWindow {@code use_sliding_window} (false)
 * @param slidingWindow {@code sliding_window} (4096) when {@code use_sliding_window}, else none
 * @param maxWindowLayers {@code max_window_layers} (28)
 * @param padTokenId {@code pad_token_id} (none)
 * @param bosTokenId {@code bos_token_id} (none)
 * @param eosTokenId {@code eos_token_id}, one or several (none)
 * @param json the JSON this was read from
 */
public record Qwen2Config(int vocabSize, int hiddenSize, int intermediateSize, int numHiddenLayers,
        int numAttentionHeads, int numKeyValueHeads, String hiddenAct, int maxPositionEmbeddings, double rmsNormEps,
        boolean tieWordEmbeddings, double ropeTheta, Optional<RopeScaling> ropeScaling, boolean useSlidingWindow,
        OptionalInt slidingWindow, int maxWindowLayers, OptionalInt padTokenId, OptionalInt bosTokenId,
        List<Integer> eosTokenId, ConfigNode json) implements TextConfig {
    /** The {@code model_type}. */
    public static final String MODEL_TYPE = "qwen2";

    public Qwen2Config {
        Objects.requireNonNull(hiddenAct, "hiddenAct");
        Objects.requireNonNull(ropeScaling, "ropeScaling");
        Objects.requireNonNull(slidingWindow, "slidingWindow");
        Objects.requireNonNull(padTokenId, "padTokenId");
        Objects.requireNonNull(bosTokenId, "bosTokenId");
        eosTokenId = List.copyOf(eosTokenId);
        Objects.requireNonNull(json, "json");
        ConfigValues.decoder(vocabSize, hiddenSize, intermediateSize, numHiddenLayers, numAttentionHeads,
                numKeyValueHeads, maxPositionEmbeddings, rmsNormEps, ropeTheta, json);
        ConfigValues.check(hiddenSize % numAttentionHeads == 0, json, "num_attention_heads",
                "a divisor of hidden_size (" + hiddenSize + ")", numAttentionHeads);
        if (slidingWindow.isPresent()) {
            ConfigValues.positive(slidingWindow.getAsInt(), json, "sliding_window");
        }
        // HF's Qwen2 attention ignores head_dim but its rotary embedding reads it: only the consistent value works
        ConfigNode headDim = json.get("head_dim");
        if (!headDim.isAbsent()) {
            ConfigValues.check(headDim.isIntegral() && headDim.asLong() == hiddenSize / numAttentionHeads, json,
                    "head_dim", "hidden_size / num_attention_heads = " + hiddenSize / numAttentionHeads
                            + " (Qwen2 derives its head width)", null);
        }
    }

    /**
     * Reads a Qwen2 config (a checkpoint's root or a {@code text_config}).
     *
     * @throws io.vlm4j.ConfigException naming the JSON path of a bad value
     */
    public static Qwen2Config fromJson(ConfigNode json) {
        int numAttentionHeads = json.getInt("num_attention_heads", 32);
        ConfigNode kvHeads = json.get("num_key_value_heads");
        boolean useSlidingWindow = json.getBoolean("use_sliding_window", false);
        OptionalInt slidingWindow = OptionalInt.empty();
        if (useSlidingWindow) {
            ConfigNode window = json.get("sliding_window");
            slidingWindow = window.isMissing() ? OptionalInt.of(4096) : json.optInt("sliding_window");
        }
        return new Qwen2Config(
                json.getInt("vocab_size", 151936),
                json.getInt("hidden_size", 4096),
                json.getInt("intermediate_size", 22016),
                json.getInt("num_hidden_layers", 32),
                numAttentionHeads,
                kvHeads.isMissing() ? 32 : json.getInt("num_key_value_heads", numAttentionHeads),
                json.getString("hidden_act", "silu"),
                json.getInt("max_position_embeddings", 32768),
                json.getDouble("rms_norm_eps", 1e-6),
                json.getBoolean("tie_word_embeddings", false),
                json.getDouble("rope_theta", 10000.0),
                RopeScaling.fromJson(json.get("rope_scaling")),
                useSlidingWindow,
                slidingWindow,
                json.getInt("max_window_layers", 28),
                ConfigValues.tokenId(json, "pad_token_id"),
                ConfigValues.tokenId(json, "bos_token_id"),
                ConfigValues.tokenIds(json, "eos_token_id"),
                json);
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    /** {@code hidden_size / num_attention_heads}, as HF's {@code Qwen2Attention} computes it. */
    @Override
    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }

    /** Always true: Qwen2's q/k/v_proj carry a bias. */
    @Override
    public boolean qkvProjBias() {
        return true;
    }

    /** Always false. */
    @Override
    public boolean oProjBias() {
        return false;
    }

    /** Always false. */
    @Override
    public boolean mlpBias() {
        return false;
    }
}

package io.vlm4j.models.llama;

import io.vlm4j.ConfigException;
import io.vlm4j.config.ConfigNode;

/**
 * TEMPORARY: the keys of a Llama or Qwen2 {@code text_config} that the decoders read, with the defaults of HF
 * 4.46's {@code LlamaConfig} and {@code Qwen2Config}, until {@code io.vlm4j.config.LlamaConfig} and
 * {@code Qwen2Config} land on main (then the decoders take those records and this class goes).
 *
 * @param vocabSize {@code vocab_size}
 * @param hiddenSize {@code hidden_size}
 * @param intermediateSize {@code intermediate_size}
 * @param numHiddenLayers {@code num_hidden_layers}
 * @param numAttentionHeads {@code num_attention_heads}
 * @param numKeyValueHeads {@code num_key_value_heads} (defaults to {@code num_attention_heads})
 * @param headDim {@code head_dim} (Llama; defaults to {@code hidden_size // num_attention_heads})
 * @param hiddenAct {@code hidden_act}
 * @param maxPositionEmbeddings {@code max_position_embeddings}
 * @param rmsNormEps {@code rms_norm_eps}
 * @param ropeTheta {@code rope_theta}
 * @param ropeType {@code rope_scaling.rope_type} (or its older {@code type}); {@code "default"} without scaling
 * @param ropeFactor {@code rope_scaling.factor}; 1 without scaling
 * @param attentionBias {@code attention_bias} (Llama)
 * @param mlpBias {@code mlp_bias} (Llama)
 * @param tieWordEmbeddings {@code tie_word_embeddings}
 * @param slidingWindow {@code sliding_window} when {@code use_sliding_window} (Qwen2), else 0
 */
public record DecoderConfig(int vocabSize, int hiddenSize, int intermediateSize, int numHiddenLayers,
        int numAttentionHeads, int numKeyValueHeads, int headDim, String hiddenAct, int maxPositionEmbeddings,
        double rmsNormEps, double ropeTheta, String ropeType, double ropeFactor, boolean attentionBias,
        boolean mlpBias, boolean tieWordEmbeddings, int slidingWindow) {

    /** A {@code text_config} of {@code model_type: llama}, with LlamaConfig's defaults. */
    public static DecoderConfig llama(ConfigNode c) {
        int hidden = positive(c, "hidden_size", 4096);
        int heads = positive(c, "num_attention_heads", 32);
        return parse(c, 32000, hidden, 11008, 32, heads, c.getInt("head_dim", hidden / heads), 2048, 1e-6,
                c.getBoolean("attention_bias", false), c.getBoolean("mlp_bias", false), 0);
    }

    /** A {@code text_config} of {@code model_type: qwen2}, with Qwen2Config's defaults. */
    public static DecoderConfig qwen2(ConfigNode c) {
        int hidden = positive(c, "hidden_size", 4096);
        int heads = positive(c, "num_attention_heads", 32);
        int window = c.getBoolean("use_sliding_window", false) ? positive(c, "sliding_window", 4096) : 0;
        return parse(c, 151936, hidden, 22016, 32, heads, hidden / heads, 32768, 1e-6, true, false, window);
    }

    private static DecoderConfig parse(ConfigNode c, int vocab, int hidden, int intermediate, int layers, int heads,
            int headDim, int maxPositions, double eps, boolean attentionBias, boolean mlpBias, int window) {
        int kvHeads = c.getInt("num_key_value_heads", heads);
        if (kvHeads <= 0 || heads % kvHeads != 0) {
            throw c.get("num_key_value_heads").error("a divisor of num_attention_heads " + heads);
        }
        String ropeType = "default";
        double factor = 1;
        ConfigNode scaling = c.get("rope_scaling");
        if (!scaling.isAbsent()) {
            ropeType = scaling.getString("rope_type", scaling.getString("type", "default"));
            if (ropeType.equals("linear")) {
                factor = scaling.getDouble("factor", Double.NaN);
                if (!(factor >= 1)) {
                    throw scaling.get("factor").error("a number >= 1");
                }
            } else if (!ropeType.equals("default")) {
                throw new ConfigException(scaling.get("rope_type").location() + ": rope_type \"" + ropeType
                        + "\" is not supported (default and linear are)");
            }
        }
        return new DecoderConfig(positive(c, "vocab_size", vocab), hidden, positive(c, "intermediate_size", intermediate),
                positive(c, "num_hidden_layers", layers), heads, kvHeads, headDim, c.getString("hidden_act", "silu"),
                positive(c, "max_position_embeddings", maxPositions), c.getDouble("rms_norm_eps", eps),
                c.getDouble("rope_theta", 10000.0), ropeType, factor, attentionBias, mlpBias,
                c.getBoolean("tie_word_embeddings", false), window);
    }

    private static int positive(ConfigNode c, String key, int defaultValue) {
        int v = c.getInt(key, defaultValue);
        if (v <= 0) {
            throw c.get(key).error("an integer > 0");
        }
        return v;
    }
}

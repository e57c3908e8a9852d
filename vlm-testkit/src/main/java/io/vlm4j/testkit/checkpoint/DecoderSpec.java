package io.vlm4j.testkit.checkpoint;

import io.vlm4j.testkit.checkpoint.Parameter.Init;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sizes of a Llama or Qwen2 decoder ({@code LlamaForCausalLM} / {@code Qwen2ForCausalLM}), under HF's config
 * keys, and the parameters such a checkpoint holds.
 *
 * @param modelType {@code llama} or {@code qwen2}
 * @param vocabSize {@code vocab_size}
 * @param hiddenSize {@code hidden_size}
 * @param intermediateSize {@code intermediate_size}
 * @param numHiddenLayers {@code num_hidden_layers}
 * @param numAttentionHeads {@code num_attention_heads}
 * @param numKeyValueHeads {@code num_key_value_heads}
 * @param tieWordEmbeddings {@code tie_word_embeddings}
 * @param ropeTheta {@code rope_theta}
 * @param rmsNormEps {@code rms_norm_eps}
 * @param maxPositionEmbeddings {@code max_position_embeddings}
 */
public record DecoderSpec(String modelType, int vocabSize, int hiddenSize, int intermediateSize, int numHiddenLayers,
        int numAttentionHeads, int numKeyValueHeads, boolean tieWordEmbeddings, double ropeTheta, double rmsNormEps,
        int maxPositionEmbeddings) {
    public DecoderSpec {
        if (!modelType.equals("llama") && !modelType.equals("qwen2")) {
            throw new IllegalArgumentException("model_type must be llama or qwen2, got " + modelType);
        }
        if (hiddenSize % numAttentionHeads != 0 || numAttentionHeads % numKeyValueHeads != 0) {
            throw new IllegalArgumentException("hidden_size " + hiddenSize + ", " + numAttentionHeads + " heads and "
                    + numKeyValueHeads + " KV heads do not divide");
        }
    }

    /** The text model of llava-hf/llava-onevision-qwen2-0.5b-ov-hf (Qwen2-0.5B): 494 M parameters. */
    public static DecoderSpec llavaOnevision05b() {
        return new DecoderSpec("qwen2", 151936, 896, 4864, 24, 14, 2, true, 1000000.0, 1e-6, 32768);
    }

    /** {@code hidden_size / num_attention_heads}. */
    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }

    /** The config.json of the decoder alone (or the {@code text_config} of a composite). */
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("architectures", List.of(modelType.equals("qwen2") ? "Qwen2ForCausalLM" : "LlamaForCausalLM"));
        c.put("model_type", modelType);
        c.put("vocab_size", vocabSize);
        c.put("hidden_size", hiddenSize);
        c.put("intermediate_size", intermediateSize);
        c.put("num_hidden_layers", numHiddenLayers);
        c.put("num_attention_heads", numAttentionHeads);
        c.put("num_key_value_heads", numKeyValueHeads);
        c.put("hidden_act", "silu");
        c.put("max_position_embeddings", maxPositionEmbeddings);
        c.put("rms_norm_eps", rmsNormEps);
        c.put("rope_theta", ropeTheta);
        c.put("tie_word_embeddings", tieWordEmbeddings);
        c.put("torch_dtype", "bfloat16");
        return c;
    }

    /** The parameters, under {@code prefix} ({@code ""} alone, {@code "language_model."} in a LLaVA checkpoint). */
    public List<Parameter> parameters(String prefix) {
        boolean qwen2 = modelType.equals("qwen2");
        int kv = numKeyValueHeads * headDim();
        List<Parameter> p = new ArrayList<>();
        p.add(new Parameter(prefix + "model.embed_tokens.weight", new int[] {vocabSize, hiddenSize}, Init.RANDOM));
        for (int i = 0; i < numHiddenLayers; i++) {
            String layer = prefix + "model.layers." + i + ".";
            p.add(new Parameter(layer + "input_layernorm.weight", new int[] {hiddenSize}, Init.ONES));
            p.add(new Parameter(layer + "self_attn.q_proj.weight", new int[] {hiddenSize, hiddenSize}, Init.RANDOM));
            p.add(new Parameter(layer + "self_attn.k_proj.weight", new int[] {kv, hiddenSize}, Init.RANDOM));
            p.add(new Parameter(layer + "self_attn.v_proj.weight", new int[] {kv, hiddenSize}, Init.RANDOM));
            if (qwen2) {
                p.add(new Parameter(layer + "self_attn.q_proj.bias", new int[] {hiddenSize}, Init.RANDOM));
                p.add(new Parameter(layer + "self_attn.k_proj.bias", new int[] {kv}, Init.RANDOM));
                p.add(new Parameter(layer + "self_attn.v_proj.bias", new int[] {kv}, Init.RANDOM));
            }
            p.add(new Parameter(layer + "self_attn.o_proj.weight", new int[] {hiddenSize, hiddenSize}, Init.RANDOM));
            p.add(new Parameter(layer + "post_attention_layernorm.weight", new int[] {hiddenSize}, Init.ONES));
            p.add(new Parameter(layer + "mlp.gate_proj.weight", new int[] {intermediateSize, hiddenSize}, Init.RANDOM));
            p.add(new Parameter(layer + "mlp.up_proj.weight", new int[] {intermediateSize, hiddenSize}, Init.RANDOM));
            p.add(new Parameter(layer + "mlp.down_proj.weight", new int[] {hiddenSize, intermediateSize}, Init.RANDOM));
        }
        p.add(new Parameter(prefix + "model.norm.weight", new int[] {hiddenSize}, Init.ONES));
        if (!tieWordEmbeddings) {
            p.add(new Parameter(prefix + "lm_head.weight", new int[] {vocabSize, hiddenSize}, Init.RANDOM));
        }
        return p;
    }

    /** The number of parameters. */
    public long parameterCount() {
        return parameters("").stream().mapToLong(Parameter::numel).sum();
    }
}

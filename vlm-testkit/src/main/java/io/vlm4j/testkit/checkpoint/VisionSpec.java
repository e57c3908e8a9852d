package io.vlm4j.testkit.checkpoint;

import io.vlm4j.testkit.checkpoint.Parameter.Init;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sizes of a CLIP or SigLIP vision tower ({@code CLIPVisionModel} / {@code SiglipVisionModel}), under HF's
 * config keys, and the parameters such a tower holds ({@code vision_model.*}). SigLIP towers are written without
 * the attention-pooling head ({@code vision_use_head: false}), as the LLaVA checkpoints' configs say. Immutable.
 *
 * @param modelType {@link #CLIP} or {@link #SIGLIP}
 * @param hiddenSize {@code hidden_size}
 * @param intermediateSize {@code intermediate_size}
 * @param numHiddenLayers {@code num_hidden_layers}
 * @param numAttentionHeads {@code num_attention_heads}
 * @param imageSize {@code image_size}
 * @param patchSize {@code patch_size}
 */
public record VisionSpec(String modelType, int hiddenSize, int intermediateSize, int numHiddenLayers,
        int numAttentionHeads, int imageSize, int patchSize) {
    /** {@code clip_vision_model}: class embedding, pre-layernorm, quick_gelu. */
    public static final String CLIP = "clip_vision_model";
    /** {@code siglip_vision_model}: no class embedding, patch bias, tanh GELU. */
    public static final String SIGLIP = "siglip_vision_model";

    public VisionSpec {
        if (!modelType.equals(CLIP) && !modelType.equals(SIGLIP)) {
            throw new IllegalArgumentException("model_type must be " + CLIP + " or " + SIGLIP + ", got " + modelType);
        }
        if (hiddenSize % numAttentionHeads != 0 || patchSize > imageSize) {
            throw new IllegalArgumentException("hidden_size " + hiddenSize + " and " + numAttentionHeads
                    + " heads do not divide, or patch " + patchSize + " exceeds image " + imageSize);
        }
    }

    /** The tower of llava-hf/llava-onevision-qwen2-0.5b-ov-hf (SigLIP so400m-patch14-384): 400 M parameters. */
    public static VisionSpec siglipSo400m384() {
        return new VisionSpec(SIGLIP, 1152, 4304, 26, 16, 384, 14);
    }

    /** Patches per image: {@code (image_size / patch_size)²}. */
    public int numPatches() {
        int side = imageSize / patchSize;
        return side * side;
    }

    /** The {@code vision_config} of a composite config. */
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("model_type", modelType);
        c.put("hidden_size", hiddenSize);
        c.put("intermediate_size", intermediateSize);
        c.put("num_hidden_layers", numHiddenLayers);
        c.put("num_attention_heads", numAttentionHeads);
        c.put("image_size", imageSize);
        c.put("patch_size", patchSize);
        if (modelType.equals(SIGLIP)) {
            c.put("vision_use_head", false);
        }
        return c;
    }

    /** The parameters, under {@code prefix} ({@code "vision_tower."}, {@code "image_tower."}, …). */
    public List<Parameter> parameters(String prefix) {
        boolean clip = modelType.equals(CLIP);
        String model = prefix + "vision_model.";
        List<Parameter> p = new ArrayList<>();
        if (clip) {
            p.add(new Parameter(model + "embeddings.class_embedding", new int[] {hiddenSize}, Init.RANDOM));
        }
        p.add(new Parameter(model + "embeddings.patch_embedding.weight",
                new int[] {hiddenSize, 3, patchSize, patchSize}, Init.RANDOM));
        if (!clip) {
            p.add(new Parameter(model + "embeddings.patch_embedding.bias", new int[] {hiddenSize}, Init.RANDOM));
        }
        p.add(new Parameter(model + "embeddings.position_embedding.weight",
                new int[] {numPatches() + (clip ? 1 : 0), hiddenSize}, Init.RANDOM));
        if (clip) {
            layerNorm(p, model + "pre_layrnorm");
        }
        for (int i = 0; i < numHiddenLayers; i++) {
            String layer = model + "encoder.layers." + i + ".";
            for (String proj : List.of("k_proj", "v_proj", "q_proj", "out_proj")) {
                linear(p, layer + "self_attn." + proj, hiddenSize, hiddenSize);
            }
            layerNorm(p, layer + "layer_norm1");
            linear(p, layer + "mlp.fc1", hiddenSize, intermediateSize);
            linear(p, layer + "mlp.fc2", intermediateSize, hiddenSize);
            layerNorm(p, layer + "layer_norm2");
        }
        layerNorm(p, model + "post_layernorm");
        return p;
    }

    private void layerNorm(List<Parameter> p, String name) {
        p.add(new Parameter(name + ".weight", new int[] {hiddenSize}, Init.ONES));
        p.add(new Parameter(name + ".bias", new int[] {hiddenSize}, Init.ZEROS));
    }

    static void linear(List<Parameter> p, String name, int in, int out) {
        p.add(new Parameter(name + ".weight", new int[] {out, in}, Init.RANDOM));
        p.add(new Parameter(name + ".bias", new int[] {out}, Init.RANDOM));
    }

    /** The number of parameters. */
    public long parameterCount() {
        return parameters("").stream().mapToLong(Parameter::numel).sum();
    }
}

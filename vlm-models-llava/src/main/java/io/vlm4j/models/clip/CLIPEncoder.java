package io.vlm4j.models.clip;

import io.vlm4j.config.VisionConfig;
import io.vlm4j.model.Weights;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * HF's {@code CLIPEncoder}: {@code num_hidden_layers} {@link CLIPEncoderLayer}s, and the hidden states it returns
 * with {@code output_hidden_states=True} (the input, then each layer's output). Also HF's {@code SiglipEncoder},
 * "Copied from CLIPEncoder with CLIP->Siglip".
 *
 * <p>Each layer runs in a child scope that keeps only its output, so a tower holds one layer's intermediates at a
 * time; only the hidden states asked for are kept.
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/clip/modeling_clip.py">
 * modeling_clip.py</a> at v4.46.0. Immutable.
 */
public final class CLIPEncoder {
    private final List<CLIPEncoderLayer> layers;

    /** Loads {@code <prefix>.layers.N} for N below {@code num_hidden_layers}, with {@code attention}. */
    public CLIPEncoder(VisionConfig config, Weights weights, String prefix,
            CLIPEncoderLayer.AttentionFactory attention) {
        List<CLIPEncoderLayer> list = new ArrayList<>();
        for (int idx = 0; idx < config.numHiddenLayers(); idx++) {
            list.add(new CLIPEncoderLayer(config, weights, prefix + ".layers." + idx, attention));
        }
        this.layers = List.copyOf(list);
    }

    /**
     * {@code encoder(inputs_embeds, output_hidden_states=True).hidden_states[i]} for each {@code i} of
     * {@code indices} (each in {@code 0 .. num_hidden_layers}), in that order: {@code hidden_states[0]} is
     * {@code inputsEmbeds} itself, {@code hidden_states[i]} the output of layer {@code i - 1}.
     *
     * @param inputsEmbeds {@code [batch, seq_len, hidden_size]}
     */
    public List<Tensor> hiddenStates(Scope scope, Tensor inputsEmbeds, int[] indices) {
        int last = Arrays.stream(indices).max().orElseThrow();
        Tensor[] encoderStates = new Tensor[indices.length];
        Tensor hiddenStates = inputsEmbeds; // [batch, seq_len, hidden_size]
        for (int idx = 0; ; idx++) {
            boolean kept = false;
            for (int k = 0; k < indices.length; k++) {
                if (indices[k] == idx) {
                    encoderStates[k] = hiddenStates;
                    kept = true;
                }
            }
            if (idx == last) {
                break;
            }
            Tensor layerInput = hiddenStates; // [batch, seq_len, hidden_size]
            try (Scope layerScope = scope.newScope()) {
                hiddenStates = layers.get(idx).forward(layerScope, hiddenStates).moveTo(scope); // [batch, seq_len, hidden_size]
            }
            if (!kept && layerInput != inputsEmbeds) {
                layerInput.close();
            }
        }
        return List.of(encoderStates);
    }

    /** The layers. */
    public int numLayers() {
        return layers.size();
    }

    /**
     * Python's index into {@code num_hidden_layers + 1} hidden states: {@code -1} is the last.
     *
     * @throws IllegalArgumentException if it is outside {@code -(n + 1) .. n}
     */
    public static int hiddenStateIndex(int layer, int numHiddenLayers) {
        int count = numHiddenLayers + 1;
        if (layer < -count || layer >= count) {
            throw new IllegalArgumentException("hidden state " + layer + " of a tower with " + count
                    + " hidden states (" + numHiddenLayers + " layers)");
        }
        return layer < 0 ? layer + count : layer;
    }
}

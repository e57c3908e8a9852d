package io.vlm4j.models.clip;

import io.vlm4j.config.VisionConfig;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import java.util.List;

/**
 * What the LLaVA families call {@code vision_tower} ({@code AutoModel.from_config(config.vision_config)}: a
 * {@link CLIPVisionModel} or a {@code SiglipVisionModel}) and read as {@code vision_tower(pixel_values,
 * output_hidden_states=True).hidden_states[vision_feature_layer]}.
 *
 * <p>{@code hidden_states} holds {@code num_hidden_layers + 1} tensors {@code [batch, seq_len, hidden_size]}: the
 * embeddings' output (after CLIP's {@code pre_layrnorm}), then each encoder layer's output. None of them has passed
 * the tower's {@code post_layernorm}: in HF that norm makes {@code last_hidden_state} (SigLIP) or
 * {@code pooler_output} (CLIP), which the LLaVA families never read, so {@code hidden_states[-1]} is the last
 * layer's raw output.
 *
 * <p>Thread-safe: the weights are read-only; every call works in the scope it is given.
 */
public interface VisionTower {
    /** The tower's config ({@code vision_config}). */
    VisionConfig config();

    /** {@code seq_len} of its hidden states: the patches, plus one for CLIP's class embedding. */
    int numPositions();

    /**
     * {@code hidden_states[i]} for each {@code i} of {@code layers} (negative counts from the end, as Python
     * indexes: {@code -1} is the last layer's output), in that order, made in {@code scope}. Only the layers up to
     * the deepest one asked for run: those after it cannot change what is returned.
     *
     * @param pixelValues F32 {@code [batch, num_channels, image_size, image_size]}
     * @return F32 {@code [batch, seq_len, hidden_size]} each
     * @throws io.vlm4j.MediaMismatchException if the pixels are not {@code image_size} square
     * @throws IllegalArgumentException if a layer index is out of range
     */
    List<Tensor> hiddenStates(Scope scope, Tensor pixelValues, List<Integer> layers);
}

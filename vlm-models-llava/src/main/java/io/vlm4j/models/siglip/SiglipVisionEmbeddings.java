package io.vlm4j.models.siglip;

import io.vlm4j.config.VisionConfig;
import io.vlm4j.model.Weights;
import io.vlm4j.models.clip.CLIPVisionEmbeddings;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;

/**
 * HF's {@code SiglipVisionEmbeddings}: one embedding per patch (a {@code patch_size} convolution with a bias,
 * {@code padding="valid"}), plus learned position embeddings; no class embedding. Position interpolation
 * ({@code interpolate_pos_encoding}) is not used by the LLaVA families and not implemented: pixels must be
 * {@code image_size} square (HF would fail adding the position embeddings otherwise).
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/siglip/modeling_siglip.py">
 * modeling_siglip.py</a> at v4.46.0. Immutable.
 */
public final class SiglipVisionEmbeddings {
    private final int imageSize;
    private final int patchSize;
    private final int numPositions;
    private final Tensor patchEmbeddingWeight; // [embed_dim, num_channels, patch_size, patch_size]
    private final Tensor patchEmbeddingBias; // [embed_dim]
    private final Tensor positionEmbedding; // [num_positions, embed_dim]

    /** Loads {@code <prefix>.patch_embedding.weight} and {@code .bias}, {@code position_embedding.weight}. */
    public SiglipVisionEmbeddings(VisionConfig config, Weights weights, String prefix) {
        int embedDim = config.hiddenSize();
        this.imageSize = config.imageSize();
        this.patchSize = config.patchSize();
        this.numPositions = (imageSize / patchSize) * (imageSize / patchSize);
        this.patchEmbeddingWeight = weights.get(prefix + ".patch_embedding.weight", embedDim, config.numChannels(),
                patchSize, patchSize);
        this.patchEmbeddingBias = weights.get(prefix + ".patch_embedding.bias", embedDim);
        this.positionEmbedding = weights.get(prefix + ".position_embedding.weight", numPositions, embedDim);
    }

    /** {@code num_patches}. */
    public int numPositions() {
        return numPositions;
    }

    /**
     * {@code [batch, num_channels, image_size, image_size]} → {@code [batch, num_patches, embed_dim]}.
     *
     * @throws io.vlm4j.MediaMismatchException if the pixels are not {@code image_size} square
     */
    public Tensor forward(Scope scope, Tensor pixelValues) {
        int height = pixelValues.dim(2);
        int width = pixelValues.dim(3);
        CLIPVisionEmbeddings.checkImageSize(height, width, imageSize);
        Tensor patchEmbeds = scope.conv2d(pixelValues, patchEmbeddingWeight, patchEmbeddingBias, patchSize, patchSize,
                0, 0); // [batch, embed_dim, grid, grid]
        Tensor embeddings = scope.transpose(scope.reshape(patchEmbeds, patchEmbeds.dim(0), patchEmbeds.dim(1), -1),
                1, 2); // [batch, num_patches, embed_dim]
        // position_embedding(position_ids) with position_ids = arange(num_positions): the whole table
        embeddings = scope.add(embeddings, positionEmbedding); // [batch, num_patches, embed_dim]
        return embeddings;
    }
}

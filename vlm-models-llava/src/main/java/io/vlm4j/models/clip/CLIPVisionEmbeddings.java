package io.vlm4j.models.clip;

import io.vlm4j.MediaMismatchException;
import io.vlm4j.config.VisionConfig;
import io.vlm4j.model.Weights;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import java.util.List;

/**
 * HF's {@code CLIPVisionEmbeddings}: the class embedding, then one embedding per patch (a {@code patch_size}
 * convolution without bias), plus learned position embeddings. Position interpolation
 * ({@code interpolate_pos_encoding}) is not used by the LLaVA families and not implemented: pixels must be
 * {@code image_size} square, as HF requires without it.
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/clip/modeling_clip.py">
 * modeling_clip.py</a> at v4.46.0. Immutable.
 */
public final class CLIPVisionEmbeddings {
    private final int imageSize;
    private final int patchSize;
    private final int numPositions;
    private final Tensor classEmbedding; // [embed_dim]
    private final Tensor patchEmbedding; // [embed_dim, num_channels, patch_size, patch_size]
    private final Tensor positionEmbedding; // [num_positions, embed_dim]

    /** Loads {@code <prefix>.class_embedding}, {@code patch_embedding.weight}, {@code position_embedding.weight}. */
    public CLIPVisionEmbeddings(VisionConfig config, Weights weights, String prefix) {
        int embedDim = config.hiddenSize();
        this.imageSize = config.imageSize();
        this.patchSize = config.patchSize();
        int numPatches = (imageSize / patchSize) * (imageSize / patchSize);
        this.numPositions = numPatches + 1;
        this.classEmbedding = weights.get(prefix + ".class_embedding", embedDim);
        this.patchEmbedding = weights.get(prefix + ".patch_embedding.weight", embedDim, config.numChannels(),
                patchSize, patchSize);
        this.positionEmbedding = weights.get(prefix + ".position_embedding.weight", numPositions, embedDim);
    }

    /** {@code num_patches + 1}. */
    public int numPositions() {
        return numPositions;
    }

    /**
     * {@code [batch, num_channels, image_size, image_size]} → {@code [batch, num_patches + 1, embed_dim]}.
     *
     * @throws MediaMismatchException if the pixels are not {@code image_size} square
     */
    public Tensor forward(Scope scope, Tensor pixelValues) {
        int batchSize = pixelValues.dim(0);
        int height = pixelValues.dim(2);
        int width = pixelValues.dim(3);
        checkImageSize(height, width, imageSize);
        Tensor patchEmbeds = scope.conv2d(pixelValues, patchEmbedding, null, patchSize, patchSize, 0, 0); // [batch, embed_dim, grid, grid]
        patchEmbeds = scope.transpose(scope.reshape(patchEmbeds, batchSize, patchEmbeds.dim(1), -1), 1, 2); // [batch, num_patches, embed_dim]

        Tensor classEmbeds = scope.expand(scope.reshape(classEmbedding, 1, 1, -1), batchSize, 1, -1); // [batch, 1, embed_dim]
        Tensor embeddings = scope.cat(List.of(classEmbeds, patchEmbeds), 1); // [batch, num_positions, embed_dim]
        // position_embedding(position_ids) with position_ids = arange(num_positions): the whole table
        embeddings = scope.add(embeddings, positionEmbedding); // [batch, num_positions, embed_dim]
        return embeddings;
    }

    /**
     * HF's "Input image size (h*w) doesn't match model (s*s)."
     *
     * @throws MediaMismatchException if {@code height} or {@code width} is not {@code imageSize}
     */
    public static void checkImageSize(int height, int width, int imageSize) {
        if (height != imageSize || width != imageSize) {
            throw new MediaMismatchException("Input image size (" + height + "*" + width + ") doesn't match model ("
                    + imageSize + "*" + imageSize + "): the vision tower's image_size and the image processor's"
                    + " output disagree");
        }
    }
}

package io.vlm4j.models.llavanext;

import io.vlm4j.MediaMismatchException;
import io.vlm4j.processing.Grid;
import io.vlm4j.processing.ImageSize;
import io.vlm4j.processors.image.AnyResolution;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The module-level functions of HF's {@code modeling_llava_next.py} that the anyres families' models call
 * ({@code modeling_llava_next_video.py} and {@code modeling_llava_onevision.py} copy them):
 * {@code get_anyres_image_grid_shape}, {@code image_size_to_num_patches} and {@code unpad_image}, and the pieces of
 * {@code get_image_features} and {@code pack_image_features} that the two families' methods share. Image sizes are
 * Java ints — HF's {@code image_sizes.tolist()} — so no tensor value decides a shape; the geometry is the
 * processors' own ({@link AnyResolution}), so model and processor count alike.
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/llava_next/modeling_llava_next.py">
 * modeling_llava_next.py</a> at v4.46.0. Stateless.
 */
public final class AnyresFeatures {
    private AnyresFeatures() {}

    /**
     * {@code get_anyres_image_grid_shape(image_size, grid_pinpoints, patch_size)}: the tiles of the best
     * resolution, rows (height) by columns (width).
     *
     * @param patchSize the tile side ({@code vision_config.image_size})
     */
    public static Grid getAnyresImageGridShape(ImageSize imageSize, List<ImageSize> gridPinpoints, int patchSize) {
        AnyResolution.Grid g = AnyResolution.anyresImageGridShape(imageSize, gridPinpoints, patchSize);
        return new Grid(g.rows(), g.cols());
    }

    /**
     * {@code image_size_to_num_patches(image_size, grid_pinpoints, patch_size)}: the tiles plus the base image.
     *
     * @param patchSize the tile side ({@code vision_config.image_size})
     */
    public static int imageSizeToNumPatches(ImageSize imageSize, List<ImageSize> gridPinpoints, int patchSize) {
        return AnyResolution.imageSizeToNumPatches(imageSize, gridPinpoints, patchSize);
    }

    /**
     * The real patches of each anyres image (base tile, then tiles; {@code image_size_to_num_patches} of them) of
     * {@code pixelValues}, one after another, as every anyres {@code get_image_features} takes them:
     * {@code torch.cat([pix_val[:num_patch] for pix_val, num_patch in zip(pixel_values, image_num_patches)])}.
     *
     * @param pixelValues {@code [num_images, max_patches, num_channels, height, width]}
     * @param imageSizes each image's size before processing (HF's {@code image_sizes}, as Java ints)
     * @param patchSize the tile side ({@code vision_config.image_size})
     * @throws MediaMismatchException if {@code pixelValues} is not 5-D or an image needs more patches than it holds
     */
    public static Patches realPatches(Scope scope, Tensor pixelValues, List<ImageSize> imageSizes,
            List<ImageSize> gridPinpoints, int patchSize) {
        if (pixelValues.rank() != 5) {
            throw new MediaMismatchException("pixel_values of shape " + Arrays.toString(pixelValues.shape())
                    + ": expected [images, patches, 3, H, W] from an anyres image processor");
        }
        int[] imageNumPatches = new int[imageSizes.size()];
        List<Tensor> pixelValuesList = new ArrayList<>();
        for (int i = 0; i < imageSizes.size(); i++) {
            imageNumPatches[i] = imageSizeToNumPatches(imageSizes.get(i), gridPinpoints, patchSize);
            if (imageNumPatches[i] > pixelValues.dim(1)) {
                throw new MediaMismatchException("image " + i + " of size " + imageSizes.get(i) + " needs "
                        + imageNumPatches[i] + " patches (the model's image_grid_pinpoints), pixel_values holds "
                        + pixelValues.dim(1));
            }
            Tensor image = scope.slice(pixelValues, 0, i, i + 1); // [1, max_patches, num_channels, height, width]
            image = scope.slice(image, 1, 0, imageNumPatches[i]); // [1, num_patches, num_channels, height, width]
            pixelValuesList.add(scope.reshape(image, imageNumPatches[i], pixelValues.dim(2), pixelValues.dim(3),
                    pixelValues.dim(4))); // [num_patches, num_channels, height, width]
        }
        Tensor patches = pixelValuesList.size() == 1 ? pixelValuesList.get(0) : scope.cat(pixelValuesList, 0); // [all_patches, num_channels, height, width]
        return new Patches(patches, imageNumPatches);
    }

    /**
     * The real patches of some anyres images and how many each has. Immutable.
     *
     * @param pixelValues {@code [all_patches, num_channels, height, width]}
     * @param imageNumPatches each image's patches, in order
     */
    public record Patches(Tensor pixelValues, int[] imageNumPatches) {}

    /**
     * {@code pack_image_features}' view of an image's tiles as one feature grid:
     * {@code image_feature.view(rows, cols, height, width, -1).permute(4, 0, 2, 1, 3).flatten(1, 2).flatten(2, 3)}.
     *
     * @param tiles {@code [rows * cols, height * width, hidden_size]}
     * @return {@code [hidden_size, rows * height, cols * width]}
     */
    public static Tensor tileGrid(Scope scope, Tensor tiles, Grid numPatches, int height, int width) {
        int dim = tiles.dim(2);
        Tensor imageFeature = scope.reshape(tiles, numPatches.rows(), numPatches.cols(), height, width, -1); // [rows, cols, height, width, hidden_size]
        imageFeature = scope.permute(imageFeature, 4, 0, 2, 1, 3); // [hidden_size, rows, height, cols, width]
        return scope.reshape(imageFeature, dim, numPatches.rows() * height, numPatches.cols() * width); // [hidden_size, rows * height, cols * width]
    }

    /**
     * {@code pack_image_features}' end for a tiled image: {@code image_newline} after each row of the grid (when
     * given), then the grid as a sequence, {@code image_feature.flatten(1, 2).transpose(0, 1)}.
     *
     * @param imageFeature {@code [hidden_size, height, width]}
     * @param imageNewline {@code [hidden_size]}, or null for none
     * @return {@code [height * (width + 1), hidden_size]} ({@code width} columns without a newline)
     */
    public static Tensor withNewlines(Scope scope, Tensor imageFeature, Tensor imageNewline) {
        int dim = imageFeature.dim(0);
        if (imageNewline != null) {
            Tensor newline = scope.expand(scope.reshape(imageNewline, dim, 1, 1), dim, imageFeature.dim(1), 1); // [hidden_size, height, 1]
            imageFeature = scope.cat(List.of(imageFeature, newline), -1); // [hidden_size, height, width + 1]
        }
        return scope.transpose(scope.reshape(imageFeature, dim, -1), 0, 1); // [height * (width + 1), hidden_size]
    }

    /**
     * {@code pack_image_features}' branch for an image of one patch: its features, then {@code image_newline}
     * (when given).
     *
     * @param imageFeature {@code [1, image_length, hidden_size]}
     * @return {@code [image_length (+ 1), hidden_size]}
     */
    public static Tensor singlePatch(Scope scope, Tensor imageFeature, Tensor imageNewline) {
        int dim = imageFeature.dim(2);
        imageFeature = scope.reshape(imageFeature, imageFeature.dim(1), dim); // [image_length, hidden_size]
        if (imageNewline == null) {
            return imageFeature;
        }
        return scope.cat(List.of(imageFeature, scope.reshape(imageNewline, 1, dim)), 0); // [image_length + 1, hidden_size]
    }

    /**
     * {@code unpad_image(tensor, original_size)}: removes the rows (or columns) of the feature grid that cover the
     * padding the processor added around the resized image, by HF's float formula
     * ({@code int(original_height * (current_width / original_width))}, then {@code (current - new) // 2} off each
     * side).
     *
     * @param tensor {@code [num_channels, height, width]}
     * @param originalSize the image's size before processing (its {@code image_sizes} row)
     * @return {@code [num_channels, unpadded_height, unpadded_width]} (a slice)
     */
    public static Tensor unpadImage(Scope scope, Tensor tensor, ImageSize originalSize) {
        int currentHeight = tensor.dim(1);
        int currentWidth = tensor.dim(2);
        AnyResolution.Grid unpadded = AnyResolution.unpaddedGrid(originalSize,
                new AnyResolution.Grid(currentHeight, currentWidth));
        if (unpadded.rows() != currentHeight) {
            int padding = (currentHeight - unpadded.rows()) / 2;
            return scope.slice(tensor, 1, padding, currentHeight - padding); // [num_channels, new_height, width]
        }
        int padding = (currentWidth - unpadded.cols()) / 2;
        return scope.slice(tensor, 2, padding, currentWidth - padding); // [num_channels, height, new_width]
    }
}

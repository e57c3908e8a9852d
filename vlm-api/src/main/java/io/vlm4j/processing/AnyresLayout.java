package io.vlm4j.processing;

import java.util.Objects;

/**
 * How an anyres ("any resolution") image was tiled and how many features its tiles give, as the LLaVA-NeXT,
 * NeXT-Video and OneVision processors count them: what their models need to split, unpad and pack the features
 * without reading {@code image_sizes}.
 *
 * <p>The placeholder tokens of such an image are the base image's features, then {@code packed.area()} grid
 * features and one newline feature per row of {@code packed} ({@code packed.rows()}), less one for the
 * {@code "default"} strategy (see {@link MediaItem#tokenCount()}).
 *
 * <p>Immutable.
 *
 * @param bestResolution the grid pinpoint the image was resized and padded to ({@code select_best_resolution})
 * @param tiles tiles of the best resolution, {@code bestResolution / tile size} each way
 * @param tileFeatures the features of one tile (and of the base image): {@code tile / patch_size} each way
 *     (OneVision: {@code sqrt(num_image_tokens)})
 * @param unpadded the feature grid of all tiles, {@code tiles * tileFeatures}, with the padding rows or columns
 *     removed — by the formula the processor uses (NeXT-Video: integers, {@code h * W // w}; OneVision: floats,
 *     {@code int(h * (W / w))}; see the golden-processor README, "Things found on the way")
 * @param packed the grid the features end up in: {@code unpadded}, or OneVision's anyres_max_9 reduction of it
 *     ({@code int(rows // r)} by {@code int(cols // r)} when {@code r = sqrt(rows * cols / (9 * p^2)) > 1.1})
 */
public record AnyresLayout(ImageSize bestResolution, Grid tiles, Grid tileFeatures, Grid unpadded, Grid packed) {
    public AnyresLayout {
        Objects.requireNonNull(bestResolution, "bestResolution");
        Objects.requireNonNull(tiles, "tiles");
        Objects.requireNonNull(tileFeatures, "tileFeatures");
        Objects.requireNonNull(unpadded, "unpadded");
        Objects.requireNonNull(packed, "packed");
    }

    /** The newline features: one per row of {@link #packed()}. */
    public int newlineFeatures() {
        return packed.rows();
    }
}

package io.vlm4j.processors.image;

import io.vlm4j.processing.ImageSize;
import java.util.List;
import java.util.Objects;

/**
 * The shape arithmetic of anyres ("any resolution") tiling, as HF 4.46 writes it, on Java ints: what the LLaVA-NeXT
 * and OneVision processors use to tile an image, what their processors use to count the placeholder tokens, and
 * what their models use to unpad and pack the features. Families call these instead of reading tensor values.
 *
 * <p>HF computes some of these with Python floats; the same double expressions are evaluated here in the same
 * order, and Python's {@code int(x)} (truncation) and {@code a // b} on floats ({@link #floorDiv}) are reproduced,
 * so the results are HF's to the last integer. Two formulas exist for the unpadded grid (golden-processor README,
 * "Things found on the way" 2): LLaVA-NeXT's processor uses integers ({@code h * W // w}), the models and
 * OneVision's processor use floats ({@code int(h * (W / w))}); they disagree for a few sizes, where HF's own
 * NeXT model raises. Both are here: {@link #unpaddedGridIntegerFormula} and {@link #unpaddedGrid}.
 *
 * <p>Sizes are {@link ImageSize} (height, width). Stateless and thread-safe.
 */
public final class AnyResolution {
    /** The ratio above which anyres_max_N shrinks the grid ({@code if ratio > 1.1}). */
    public static final double ANYRES_MAX_THRESHOLD = 1.1;

    private AnyResolution() {}

    /**
     * A grid of tiles or features.
     *
     * @param rows rows (height)
     * @param cols columns (width)
     */
    public record Grid(int rows, int cols) {
        public Grid {
            if (rows < 0 || cols < 0) {
                throw new IllegalArgumentException("negative grid " + rows + "x" + cols);
            }
        }

        /** {@code rows * cols}. */
        public int area() {
            return Math.multiplyExact(rows, cols);
        }
    }

    /**
     * {@code image_processing_utils.select_best_resolution}: the resolution that keeps the most of the image's
     * pixels when it is scaled to fit ("effective"), ties going to the least unused area ("wasted"), further ties
     * to the first in the list (a later one must be strictly better).
     *
     * @throws IllegalArgumentException if {@code possibleResolutions} is empty
     */
    public static ImageSize selectBestResolution(ImageSize originalSize, List<ImageSize> possibleResolutions) {
        Objects.requireNonNull(originalSize, "originalSize");
        if (possibleResolutions.isEmpty()) {
            throw new IllegalArgumentException("no possible resolutions");
        }
        int originalHeight = originalSize.height();
        int originalWidth = originalSize.width();
        ImageSize bestFit = null;
        long maxEffectiveResolution = 0;
        double minWastedResolution = Double.POSITIVE_INFINITY;
        for (ImageSize r : possibleResolutions) {
            int height = r.height();
            int width = r.width();
            double scale = Math.min((double) width / originalWidth, (double) height / originalHeight);
            long downscaledWidth = (long) (originalWidth * scale);
            long downscaledHeight = (long) (originalHeight * scale);
            long effectiveResolution = Math.min(downscaledWidth * downscaledHeight,
                    (long) originalWidth * originalHeight);
            long wastedResolution = (long) width * height - effectiveResolution;
            if (effectiveResolution > maxEffectiveResolution || (effectiveResolution == maxEffectiveResolution
                    && wastedResolution < minWastedResolution)) {
                maxEffectiveResolution = effectiveResolution;
                minWastedResolution = wastedResolution;
                bestFit = r;
            }
        }
        return bestFit;
    }

    /**
     * {@code get_anyres_image_grid_shape}: the tiles of the best resolution, {@code best // tileSize} each way.
     */
    public static Grid anyresImageGridShape(ImageSize imageSize, List<ImageSize> gridPinpoints, int tileSize) {
        positive(tileSize, "tileSize");
        ImageSize best = selectBestResolution(imageSize, gridPinpoints);
        return new Grid(best.height() / tileSize, best.width() / tileSize);
    }

    /**
     * {@code image_size_to_num_patches}: the tiles the processor cuts (one per started {@code tileSize} step each
     * way) plus the base image.
     */
    public static int imageSizeToNumPatches(ImageSize imageSize, List<ImageSize> gridPinpoints, int tileSize) {
        positive(tileSize, "tileSize");
        ImageSize best = selectBestResolution(imageSize, gridPinpoints);
        return ceilDiv(best.height(), tileSize) * ceilDiv(best.width(), tileSize) + 1;
    }

    /**
     * {@code _get_patch_output_size}: the size an image is resized to before it is padded to {@code target},
     * keeping its aspect ratio (one side equals the target's, the other is {@code ceil}ed, at most the target's).
     */
    public static ImageSize patchOutputSize(ImageSize originalSize, ImageSize target) {
        int originalHeight = originalSize.height();
        int originalWidth = originalSize.width();
        int targetHeight = target.height();
        int targetWidth = target.width();
        double scaleW = (double) targetWidth / originalWidth;
        double scaleH = (double) targetHeight / originalHeight;
        int newHeight;
        int newWidth;
        if (scaleW < scaleH) {
            newWidth = targetWidth;
            newHeight = (int) Math.min(Math.ceil(originalHeight * scaleW), targetHeight);
        } else {
            newHeight = targetHeight;
            newWidth = (int) Math.min(Math.ceil(originalWidth * scaleH), targetWidth);
        }
        return new ImageSize(newHeight, newWidth);
    }

    /**
     * The feature grid {@code current} with the padding rows or columns removed, as the models'
     * {@code unpad_image} computes it (and OneVision's processor): {@code int(h * (W / w))} in floats, then
     * {@code (H - new) // 2} removed on each side.
     */
    public static Grid unpaddedGrid(ImageSize originalSize, Grid current) {
        int originalHeight = originalSize.height();
        int originalWidth = originalSize.width();
        int currentHeight = current.rows();
        int currentWidth = current.cols();
        double originalAspectRatio = (double) originalWidth / originalHeight;
        double currentAspectRatio = (double) currentWidth / currentHeight;
        if (originalAspectRatio > currentAspectRatio) {
            double scaleFactor = (double) currentWidth / originalWidth;
            int newHeight = (int) (originalHeight * scaleFactor);
            int padding = Math.floorDiv(currentHeight - newHeight, 2);
            return new Grid(currentHeight - 2 * padding, currentWidth);
        }
        double scaleFactor = (double) currentHeight / originalHeight;
        int newWidth = (int) (originalWidth * scaleFactor);
        int padding = Math.floorDiv(currentWidth - newWidth, 2);
        return new Grid(currentHeight, currentWidth - 2 * padding);
    }

    /**
     * The same as LLaVA-NeXT's (and NeXT-Video's) processor computes it in {@code _get_unpadded_features}:
     * {@code (h * W) // w} in integers. The token count a NeXT prompt gets.
     */
    public static Grid unpaddedGridIntegerFormula(ImageSize originalSize, Grid current) {
        long height = originalSize.height();
        long width = originalSize.width();
        int currentHeight = current.rows();
        int currentWidth = current.cols();
        double originalAspectRatio = (double) width / height;
        double currentAspectRatio = (double) currentWidth / currentHeight;
        if (originalAspectRatio > currentAspectRatio) {
            int newHeight = (int) ((height * currentWidth) / width);
            int padding = Math.floorDiv(currentHeight - newHeight, 2);
            return new Grid(currentHeight - 2 * padding, currentWidth);
        }
        int newWidth = (int) ((width * currentHeight) / height);
        int padding = Math.floorDiv(currentWidth - newWidth, 2);
        return new Grid(currentHeight, currentWidth - 2 * padding);
    }

    /**
     * anyres_max_N's ratio {@code sqrt(h * w / (N * p^2))} of an unpadded feature grid, {@code p} features per
     * tile side.
     */
    public static double anyresMaxRatio(Grid unpadded, int patchesPerSide, int maxPatches) {
        return Math.sqrt((double) ((long) unpadded.rows() * unpadded.cols())
                / ((long) maxPatches * patchesPerSide * patchesPerSide));
    }

    /**
     * anyres_max_N (OneVision's {@code vision_aspect_ratio}): a grid whose {@link #anyresMaxRatio} exceeds 1.1
     * becomes {@code (int(h // ratio), int(w // ratio))}, in Python's float floor division; others are unchanged.
     * The processor's token count and the model's interpolation size both are this.
     */
    public static Grid anyresMax(Grid unpadded, int patchesPerSide, int maxPatches) {
        positive(patchesPerSide, "patchesPerSide");
        positive(maxPatches, "maxPatches");
        double ratio = anyresMaxRatio(unpadded, patchesPerSide, maxPatches);
        if (ratio > ANYRES_MAX_THRESHOLD) {
            return new Grid((int) floorDiv(unpadded.rows(), ratio), (int) floorDiv(unpadded.cols(), ratio));
        }
        return unpadded;
    }

    /**
     * {@code LlavaOnevisionProcessor._get_number_of_features}: the image's features before the strategy's
     * adjustment (the caller subtracts 1 for "default"): base {@code numImageTokens}, plus the unpadded grid
     * (float formula, anyres_max_9) and one newline per row of it.
     *
     * @param tile the processed tile size ({@code pixel_values}' last two dimensions)
     * @param numImageTokens the processor config's {@code num_image_tokens} (a square: 729 for SigLIP 384/14)
     */
    public static int llavaOnevisionImageFeatures(ImageSize originalSize, List<ImageSize> gridPinpoints,
            ImageSize tile, int numImageTokens) {
        ImageSize best = selectBestResolution(originalSize, gridPinpoints);
        int scaleHeight = best.height() / tile.height();
        int scaleWidth = best.width() / tile.width();
        int patches = (int) Math.sqrt(numImageTokens);
        Grid current = new Grid(patches * scaleHeight, patches * scaleWidth);
        Grid unpadded = unpaddedGrid(originalSize, current);
        // the processor hard-codes anyres_max_9
        Grid reduced = anyresMax(unpadded, patches, 9);
        return reduced.area() + reduced.rows() + numImageTokens;
    }

    /**
     * {@code LlavaNextProcessor._get_number_of_features} (also NeXT-Video's): base {@code p * p + 1} (CLS), plus the
     * unpadded grid (integer formula) and one newline per row, before the strategy's adjustment.
     *
     * @param tile the processed tile size ({@code pixel_values}' last two dimensions)
     * @param patchSize the vision tower's patch size ({@code p = tile / patchSize} features per side)
     */
    public static int llavaNextImageFeatures(ImageSize originalSize, List<ImageSize> gridPinpoints, ImageSize tile,
            int patchSize) {
        positive(patchSize, "patchSize");
        ImageSize best = selectBestResolution(originalSize, gridPinpoints);
        int scaleHeight = best.height() / tile.height();
        int scaleWidth = best.width() / tile.width();
        int patchesHeight = tile.height() / patchSize;
        int patchesWidth = tile.width() / patchSize;
        Grid current = new Grid(patchesHeight * scaleHeight, patchesWidth * scaleWidth);
        Grid unpadded = unpaddedGridIntegerFormula(originalSize, current);
        return unpadded.area() + unpadded.rows() + patchesHeight * patchesWidth + 1;
    }

    /**
     * Python's {@code a // b} for floats ({@code float_floor_div} in CPython's floatobject.c): the floor of the
     * exact quotient, which {@code Math.floor(a / b)} misses where {@code a / b} rounds up to an integer.
     */
    static double floorDiv(double vx, double wx) {
        double mod = vx % wx;
        double div = (vx - mod) / wx;
        if (mod != 0.0) {
            if ((wx < 0) != (mod < 0)) {
                div -= 1.0;
            }
        }
        if (div == 0.0) {
            return Math.copySign(0.0, vx / wx);
        }
        double floordiv = Math.floor(div);
        if (div - floordiv > 0.5) {
            floordiv += 1.0;
        }
        return floordiv;
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }

    private static void positive(int v, String name) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + v);
        }
    }
}

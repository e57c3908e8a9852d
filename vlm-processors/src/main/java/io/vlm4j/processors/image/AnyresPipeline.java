package io.vlm4j.processors.image;

import io.vlm4j.ErrorCode;
import io.vlm4j.MediaMismatchException;
import io.vlm4j.VlmException;
import io.vlm4j.media.RgbImage;
import io.vlm4j.processing.ImageSize;
import io.vlm4j.processing.ProcessedImages;
import java.util.ArrayList;
import java.util.List;

/**
 * HF's anyres preprocessing ({@code LlavaNextImageProcessor.get_image_patches}, copied into
 * {@code LlavaOnevisionImageProcessor}): per image, pick the best pinpoint
 * ({@link AnyResolution#selectBestResolution}), resize to fit it keeping the aspect ratio
 * ({@link AnyResolution#patchOutputSize}), pad with zeros by {@code (target - new) // 2} on both sides (so the
 * padded image can be one pixel short of the target), cut tiles of {@code patchSize} row by row (the last row and
 * column may be smaller), and put the whole image resized to the base size first; then each of these goes
 * through the class's {@code _preprocess} ({@code tileTransform}, rescale, normalize). The batch is padded with
 * zero patches to its largest patch count ({@code _pad_for_batching}). Immutable and thread-safe.
 */
final class AnyresPipeline {
    private final String processor;
    private final List<ImageSize> pinpoints;
    private final ImageSize baseSize;
    private final int patchSize;
    private final PILImageResampling resample;
    private final ResizeCrop tileTransform;
    private final RescaleNormalize normalize;

    AnyresPipeline(String processor, List<ImageSize> pinpoints, ImageSize baseSize, int patchSize,
            PILImageResampling resample, ResizeCrop tileTransform, RescaleNormalize normalize) {
        this.processor = processor;
        this.pinpoints = List.copyOf(pinpoints);
        this.baseSize = baseSize;
        this.patchSize = patchSize;
        this.resample = resample;
        this.tileTransform = tileTransform;
        this.normalize = normalize;
    }

    /** The anyres layout of one image: the resize, the padding and the tiles, computed from its size alone. */
    private final class Tiling {
        final ImageSize resized;
        final int pasteX;
        final int pasteY;
        final int paddedHeight;
        final int paddedWidth;
        final int rows;
        final int cols;

        Tiling(ImageSize image) {
            ImageSize best = AnyResolution.selectBestResolution(image, pinpoints);
            resized = AnyResolution.patchOutputSize(image, best);
            pasteX = (best.width() - resized.width()) / 2;
            pasteY = (best.height() - resized.height()) / 2;
            paddedHeight = resized.height() + 2 * pasteY;
            paddedWidth = resized.width() + 2 * pasteX;
            rows = ceilDiv(paddedHeight, patchSize);
            cols = ceilDiv(paddedWidth, patchSize);
        }

        int patches() {
            return 1 + rows * cols;
        }

        int tileHeight(int row) {
            return Math.min(patchSize, paddedHeight - row * patchSize);
        }

        int tileWidth(int col) {
            return Math.min(patchSize, paddedWidth - col * patchSize);
        }
    }

    ProcessedImages images(List<RgbImage> images) {
        if (images.isEmpty()) {
            throw new VlmException(ErrorCode.INVALID_ARGUMENT, processor + ": no images to process");
        }
        int n = images.size();
        List<Tiling> tilings = new ArrayList<>(n);
        List<ImageSize> sizes = new ArrayList<>(n);
        int[] patchesPerImage = new int[n];
        int maxPatches = 0;
        ImageSize out = null;
        for (int i = 0; i < n; i++) {
            RgbImage image = images.get(i);
            ImageSize size = new ImageSize(image.height(), image.width());
            Tiling t = new Tiling(size);
            tilings.add(t);
            sizes.add(size);
            patchesPerImage[i] = t.patches();
            maxPatches = Math.max(maxPatches, t.patches());
            out = sameSize(out, tileTransform.outputSize(baseSize.height(), baseSize.width()), i, "base image");
            for (int r = 0; r < t.rows; r++) {
                for (int c = 0; c < t.cols; c++) {
                    out = sameSize(out, tileTransform.outputSize(t.tileHeight(r), t.tileWidth(c)), i,
                            "tile (" + r + ", " + c + ")");
                }
            }
        }
        PixelBatch batch = new PixelBatch(out, n, maxPatches);
        Resample.Scratch scratch = new Resample.Scratch();
        for (int i = 0; i < n; i++) {
            Uint8Image image = Uint8Image.of(images.get(i));
            Tiling t = tilings.get(i);
            int slot = i * maxPatches;
            Uint8Image resized = Resample.resize(image, t.resized.width(), t.resized.height(), resample, 0, 0,
                    t.resized.width(), t.resized.height(), scratch);
            Uint8Image padded = resized.window(-t.pasteX, -t.pasteY, t.paddedWidth, t.paddedHeight);
            Uint8Image base = Resample.resize(image, baseSize.width(), baseSize.height(), resample, 0, 0,
                    baseSize.width(), baseSize.height(), scratch);
            tileTransform.write(base, scratch, batch, slot++, normalize);
            for (int r = 0; r < t.rows; r++) {
                for (int c = 0; c < t.cols; c++) {
                    Uint8Image tile = padded.window(c * patchSize, r * patchSize, t.tileWidth(c), t.tileHeight(r));
                    tileTransform.write(tile, scratch, batch, slot++, normalize);
                }
            }
        }
        return new ProcessedImages(batch.tensor(), sizes, patchesPerImage);
    }

    private ImageSize sameSize(ImageSize first, ImageSize next, int image, String what) {
        if (first != null && !first.equals(next)) {
            throw new MediaMismatchException(processor + ": image " + image + " " + what + " becomes "
                    + next.height() + "x" + next.width() + " but the first patch " + first.height() + "x"
                    + first.width() + " (height x width); HF stacks the patches into one array, so they must agree"
                    + " (set do_resize and the crop)");
        }
        return next;
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }
}

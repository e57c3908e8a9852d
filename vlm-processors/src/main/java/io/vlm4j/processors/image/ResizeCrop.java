package io.vlm4j.processors.image;

import io.vlm4j.ConfigException;
import io.vlm4j.config.ConfigNode;
import io.vlm4j.processing.ImageSize;
import io.vlm4j.processors.image.PreprocessorConfig.SizeDict;

/**
 * The geometric part of CLIP-style preprocessing, as HF's {@code CLIPImageProcessor.resize} and
 * {@code center_crop} do it: resize (the shortest edge to {@code size["shortest_edge"]} keeping the aspect ratio,
 * or to {@code (height, width)}), then a centre crop that pads with zeros where the image is smaller.
 *
 * <p>When a crop follows the resize, only the cropped window of the resized image is computed (PIL's result for
 * those pixels is the same: each output pixel depends on its own filter taps alone); an image that would be huge
 * after the resize (an extreme aspect ratio) therefore costs no more than its crop. Immutable and thread-safe.
 */
final class ResizeCrop {
    private final boolean doResize;
    private final SizeDict size;
    private final PILImageResampling resample;
    private final boolean doCenterCrop;
    private final int cropHeight;
    private final int cropWidth;

    private ResizeCrop(boolean doResize, SizeDict size, PILImageResampling resample, boolean doCenterCrop,
            int cropHeight, int cropWidth) {
        this.doResize = doResize;
        this.size = size;
        this.resample = resample;
        this.doCenterCrop = doCenterCrop;
        this.cropHeight = cropHeight;
        this.cropWidth = cropWidth;
    }

    /** A resize to exactly {@code height x width} (SigLIP, OneVision), no crop. */
    static ResizeCrop fixed(boolean doResize, int height, int width, PILImageResampling resample) {
        return new ResizeCrop(doResize, SizeDict.heightWidth(height, width), resample, false, 0, 0);
    }

    /**
     * CLIP's {@code resize} then {@code center_crop}, checked as HF checks them when it runs them: the size needs
     * {@code shortest_edge} or {@code height} and {@code width}; the crop needs {@code height} and {@code width}.
     */
    static ResizeCrop clip(ConfigNode config, boolean doResize, SizeDict size, PILImageResampling resample,
            boolean doCenterCrop, SizeDict crop) {
        if (doResize && !size.hasShortestEdge() && !size.hasHeightWidth()) {
            throw sizeError(config, "size", "'shortest_edge' or 'height' and 'width'");
        }
        if (doCenterCrop && !crop.hasHeightWidth()) {
            throw sizeError(config, "crop_size", "'height' and 'width'");
        }
        return new ResizeCrop(doResize, size, resample, doCenterCrop, crop.height(), crop.width());
    }

    static ConfigException sizeError(ConfigNode config, String key, String keys) {
        return config.get(key).error("a size with " + keys);
    }

    /** The size {@link #apply} gives an image of {@code height x width}. */
    ImageSize outputSize(int height, int width) {
        if (doCenterCrop) {
            return new ImageSize(cropHeight, cropWidth);
        }
        return doResize ? resizeOutputSize(height, width) : new ImageSize(height, width);
    }

    /** HF's {@code get_resize_output_image_size(image, size, default_to_square)} as CLIP's resize calls it. */
    private ImageSize resizeOutputSize(int height, int width) {
        if (!size.hasShortestEdge()) {
            return new ImageSize(size.height(), size.width());
        }
        int requestedNewShort = size.shortestEdge();
        int shortSide = Math.min(width, height);
        int longSide = Math.max(width, height);
        // int(requested_new_short * long / short): Python's true division of ints, then truncation
        int newLong = (int) ((double) ((long) requestedNewShort * longSide) / shortSide);
        return width <= height ? new ImageSize(newLong, requestedNewShort) : new ImageSize(requestedNewShort,
                newLong);
    }

    /**
     * The image resized and cropped ({@link #apply}), rescaled, normalized and written into slot {@code slot} of
     * {@code batch}. Where the crop lies inside the resized image (or there is none), the resize's rows go into
     * the batch as they are computed, with no 8-bit image in between.
     */
    void write(Uint8Image image, Resample.Scratch scratch, PixelBatch batch, int slot, RescaleNormalize normalize) {
        if (doResize) {
            ImageSize r = resizeOutputSize(image.height, image.width);
            int rh = r.height();
            int rw = r.width();
            int top = doCenterCrop ? Math.floorDiv(rh - cropHeight, 2) : 0;
            int left = doCenterCrop ? Math.floorDiv(rw - cropWidth, 2) : 0;
            int wh = doCenterCrop ? cropHeight : rh;
            int ww = doCenterCrop ? cropWidth : rw;
            if (top >= 0 && left >= 0 && top + wh <= rh && left + ww <= rw && ww == batch.width()
                    && wh == batch.height() && Resample.convolves(image, rw, rh, resample)) {
                Resample.resizeInto(image, rw, rh, resample, left, top, ww, wh, scratch,
                        batch.rows(slot, normalize));
                return;
            }
        }
        batch.put(slot, apply(image, scratch), normalize);
    }

    /** The image resized and cropped; {@code scratch} is reused between the images of one call. */
    Uint8Image apply(Uint8Image image, Resample.Scratch scratch) {
        int rh = image.height;
        int rw = image.width;
        if (doResize) {
            ImageSize r = resizeOutputSize(rh, rw);
            rh = r.height();
            rw = r.width();
        }
        if (!doCenterCrop) {
            return doResize ? Resample.resize(image, rw, rh, resample, 0, 0, rw, rh, scratch) : image;
        }
        int top = Math.floorDiv(rh - cropHeight, 2);
        int left = Math.floorDiv(rw - cropWidth, 2);
        if (!doResize) {
            return image.window(left, top, cropWidth, cropHeight);
        }
        int ix0 = Math.max(0, left);
        int iy0 = Math.max(0, top);
        int ix1 = Math.min(rw, left + cropWidth);
        int iy1 = Math.min(rh, top + cropHeight);
        Uint8Image part = Resample.resize(image, rw, rh, resample, ix0, iy0, ix1 - ix0, iy1 - iy0, scratch);
        return part.window(left - ix0, top - iy0, cropWidth, cropHeight);
    }
}

package io.vlm4j.processing;

import io.vlm4j.media.RgbImage;
import java.util.List;

/**
 * Turns RGB images into a model's pixel tensor as an HF image processor does (resize as PIL does, crop, pad,
 * anyres tiling, rescale, normalize). Immutable and thread-safe.
 */
public interface ImageProcessor {
    /** Processes images, in order. */
    ProcessedImages preprocess(List<RgbImage> images);
}

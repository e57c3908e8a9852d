package io.vlm4j.processing;

/**
 * The size of an image as HF's {@code image_sizes} holds it: height first.
 *
 * @param height rows
 * @param width columns
 */
public record ImageSize(int height, int width) {
    public ImageSize {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size must be at least 1x1, got " + height + "x" + width);
        }
    }
}

package io.vlm4j.media;

import java.util.Arrays;
import java.util.Objects;

/**
 * An 8-bit RGB image, row-major, 3 bytes per pixel ({@code uint8 [height, width, 3]}): what PIL's
 * {@code convert("RGB")} gives and processors take.
 *
 * <p>Immutable by contract: the array is not copied, and neither the maker nor a reader may change it.
 *
 * @param width pixels per row, at least 1
 * @param height rows, at least 1
 * @param rgb {@code height * width * 3} bytes
 */
public record RgbImage(int width, int height, byte[] rgb) {
    public RgbImage {
        Objects.requireNonNull(rgb, "rgb");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be at least 1x1, got " + width + "x" + height);
        }
        if ((long) width * height * 3 != rgb.length) {
            throw new IllegalArgumentException("a " + width + "x" + height + " RGB image needs "
                    + ((long) width * height * 3) + " bytes, got " + rgb.length);
        }
    }

    /** The red, green or blue value (0..255) at a pixel. */
    public int get(int y, int x, int channel) {
        return rgb[(y * width + x) * 3 + channel] & 0xff;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RgbImage i && i.width == width && i.height == height
                && Arrays.equals(i.rgb, rgb);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(rgb);
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + "]";
    }
}

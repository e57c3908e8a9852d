package io.vlm4j.processors.image;

import io.vlm4j.media.RgbImage;

/**
 * A window onto 8-bit RGB pixels: what HF's processors hold as a {@code uint8 [H, W, 3]} numpy array between
 * {@code to_numpy_array} and {@code rescale}. Crops, zero padding and tiling are windows (no copy); pixels of the
 * window that lie outside the stored pixels read as 0, which is what {@code np.pad} and {@code center_crop}'s
 * padding put there.
 *
 * <p>The stored pixels are {@code dataWidth x dataHeight}, sample {@code (c, y, x)} at
 * {@code c * channelStride + y * rowStride + x * pixelStride}: interleaved for decoded images, planar for what
 * {@link Resample} produces. The window's origin {@code (x0, y0)} is in stored coordinates and may be negative.
 *
 * <p>Immutable by contract (the array is shared, never written after construction).
 */
final class Uint8Image {
    final byte[] data;
    final int dataWidth;
    final int dataHeight;
    final int pixelStride;
    final int rowStride;
    final int channelStride;
    final int x0;
    final int y0;
    final int width;
    final int height;

    Uint8Image(byte[] data, int dataWidth, int dataHeight, int pixelStride, int rowStride, int channelStride,
            int x0, int y0, int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("empty image window " + width + "x" + height);
        }
        this.data = data;
        this.dataWidth = dataWidth;
        this.dataHeight = dataHeight;
        this.pixelStride = pixelStride;
        this.rowStride = rowStride;
        this.channelStride = channelStride;
        this.x0 = x0;
        this.y0 = y0;
        this.width = width;
        this.height = height;
    }

    /** The whole of a decoded image (interleaved). */
    static Uint8Image of(RgbImage image) {
        int w = image.width();
        int h = image.height();
        return new Uint8Image(image.rgb(), w, h, 3, 3 * w, 1, 0, 0, w, h);
    }

    /** A planar image owning {@code data} ({@code [3][height][width]}). */
    static Uint8Image planar(byte[] data, int width, int height) {
        return new Uint8Image(data, width, height, 1, width, width * height, 0, 0, width, height);
    }

    /**
     * The window {@code [x, x + w) x [y, y + h)} of this window (coordinates relative to this window; it may reach
     * outside, where it reads 0).
     */
    Uint8Image window(int x, int y, int w, int h) {
        return new Uint8Image(data, dataWidth, dataHeight, pixelStride, rowStride, channelStride, x0 + x, y0 + y, w,
                h);
    }

    /** True if every pixel of the window is stored (no zero padding). */
    boolean isStored() {
        return x0 >= 0 && y0 >= 0 && x0 + width <= dataWidth && y0 + height <= dataHeight;
    }

    /** True if every pixel of the window is stored, as interleaved RGB (a decoded image or a window of one). */
    boolean isInterleaved() {
        return isStored() && pixelStride == 3 && channelStride == 1;
    }

    /** The window as an interleaved image of its own ({@code [height][width][3]}), padding included. */
    Uint8Image interleavedCopy() {
        byte[] out = new byte[3 * width * height];
        int xs = Math.max(0, -x0);
        int xe = Math.min(width, dataWidth - x0);
        for (int y = 0; y < height; y++) {
            int sy = y0 + y;
            if (sy < 0 || sy >= dataHeight || xs >= xe) {
                continue;
            }
            for (int c = 0; c < 3; c++) {
                int s = c * channelStride + sy * rowStride + (x0 + xs) * pixelStride;
                int d = (y * width + xs) * 3 + c;
                for (int x = xs; x < xe; x++, s += pixelStride, d += 3) {
                    out[d] = data[s];
                }
            }
        }
        return new Uint8Image(out, width, height, 3, 3 * width, 1, 0, 0, width, height);
    }

    /** The sample at window position {@code (y, x)} of channel {@code c}, 0..255. */
    int get(int c, int y, int x) {
        int sx = x0 + x;
        int sy = y0 + y;
        if (sx < 0 || sy < 0 || sx >= dataWidth || sy >= dataHeight) {
            return 0;
        }
        return data[c * channelStride + sy * rowStride + sx * pixelStride] & 0xff;
    }

    /** The window as a planar image of its own, padding included. */
    Uint8Image materialize() {
        byte[] out = new byte[3 * width * height];
        int plane = width * height;
        int xs = Math.max(0, -x0);
        int xe = Math.min(width, dataWidth - x0);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < height; y++) {
                int sy = y0 + y;
                if (sy < 0 || sy >= dataHeight || xs >= xe) {
                    continue;
                }
                int src = c * channelStride + sy * rowStride + (x0 + xs) * pixelStride;
                int dst = c * plane + y * width + xs;
                if (pixelStride == 1) {
                    System.arraycopy(data, src, out, dst, xe - xs);
                } else {
                    for (int x = xs; x < xe; x++, src += pixelStride) {
                        out[dst++] = data[src];
                    }
                }
            }
        }
        return planar(out, width, height);
    }

    @Override
    public String toString() {
        return "Uint8Image[" + width + "x" + height + " at (" + x0 + ", " + y0 + ") of " + dataWidth + "x"
                + dataHeight + "]";
    }
}

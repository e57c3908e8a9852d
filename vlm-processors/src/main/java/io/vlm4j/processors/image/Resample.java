package io.vlm4j.processors.image;

import io.vlm4j.media.RgbImage;

/**
 * PIL's {@code Image.resize} (Pillow 9.4), bit for bit: {@code libImaging/Resample.c} for the convolution filters,
 * {@code ImagingScaleAffine} ({@code libImaging/Geometry.c}) for {@link PILImageResampling#NEAREST}.
 *
 * <p>What Pillow does, and this class with it:
 * <ul>
 *   <li>same size in both directions: the image is returned unchanged ({@code Image.resize} copies);
 *   <li>otherwise two separable passes, horizontal first, then vertical; a pass whose size does not change is
 *       skipped (Resample.c's {@code need_horizontal} / {@code need_vertical}); the horizontal pass only runs on
 *       the source rows the vertical pass reads;
 *   <li>taps per output position from {@link ResampleCoefficients}: the filter's support is scaled by the
 *       downscale factor, the taps are normalised to sum 1, then rounded to 22-bit fixed point;
 *   <li>8-bit images: each pass accumulates {@code int}s from {@code 1 << 21}, shifts right by 22 and clips to
 *       0..255, so the horizontal pass's output is itself an 8-bit image;
 *   <li>mode {@code "F"} images ({@link #resizeFloat}): double accumulation, stored as float.
 * </ul>
 *
 * <p>The 8-bit passes are {@link BandedResize}: bands of source rows, moved four bytes at a time into a ring of
 * column arrays so that the horizontal pass becomes a sum of scaled columns (long loops over rows, which the JIT
 * vectorises), its output kept packed in a small rolling buffer of rows, from which the vertical pass emits each
 * output row as soon as its rows are there. Integer sums are exact, so the order of the additions does not matter.
 * Only an output window is computed when asked (a centre crop after a resize): each output pixel depends on its
 * own taps alone.
 *
 * <p>Thread-safe: static methods; scratch memory is per call (a handful of arrays, never per pixel).
 */
public final class Resample {
    private Resample() {}

    /**
     * PIL's {@code image.resize((width, height), resample=filter)} of an RGB image.
     *
     * @throws IllegalArgumentException if a size is below 1
     */
    public static RgbImage resize(RgbImage image, int width, int height, PILImageResampling filter) {
        checkSize(width, height);
        Uint8Image out = resize(Uint8Image.of(image), width, height, filter, 0, 0, width, height);
        byte[] rgb = new byte[width * height * 3];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < height; y++) {
                int o = (y * width) * 3 + c;
                for (int x = 0; x < width; x++, o += 3) {
                    rgb[o] = (byte) out.get(c, y, x);
                }
            }
        }
        return new RgbImage(width, height, rgb);
    }

    /**
     * The window {@code [wx, wx + ww) x [wy, wy + wh)} of PIL's resize of {@code src} to {@code outW x outH}.
     * Returns {@code src}'s own pixels when the size does not change, else a new planar image.
     */
    static Uint8Image resize(Uint8Image src, int outW, int outH, PILImageResampling filter, int wx, int wy,
            int ww, int wh) {
        return resize(src, outW, outH, filter, wx, wy, ww, wh, new Scratch());
    }

    /** {@link #resize(Uint8Image, int, int, PILImageResampling, int, int, int, int)} with reused scratch. */
    static Uint8Image resize(Uint8Image src, int outW, int outH, PILImageResampling filter, int wx, int wy,
            int ww, int wh, Scratch scratch) {
        checkSize(outW, outH);
        if (wx < 0 || wy < 0 || ww < 1 || wh < 1 || wx + ww > outW || wy + wh > outH) {
            throw new IllegalArgumentException("window " + ww + "x" + wh + " at (" + wx + ", " + wy
                    + ") outside a " + outW + "x" + outH + " image");
        }
        if (outW == src.width && outH == src.height) {
            return src.window(wx, wy, ww, wh);
        }
        if (filter != PILImageResampling.NEAREST && !src.isInterleaved()) {
            src = src.interleavedCopy();
        } else if (!src.isStored()) {
            src = src.materialize();
        }
        byte[] out = new byte[3 * ww * wh];
        if (filter == PILImageResampling.NEAREST) {
            nearest(src, outW, outH, wx, wy, ww, wh, out);
        } else {
            new BandedResize(src, outW, outH, filter, wx, wy, ww, wh, PackedRows.planar(out, ww, wh), scratch)
                    .run();
        }
        return Uint8Image.planar(out, ww, wh);
    }

    /**
     * True if {@link #resizeInto} can compute this resize: a convolution filter and a size that changes (the other
     * cases are copies, done by {@link #resize}).
     */
    static boolean convolves(Uint8Image src, int outW, int outH, PILImageResampling filter) {
        return filter != PILImageResampling.NEAREST && (outW != src.width || outH != src.height);
    }

    /**
     * The window of {@link #resize(Uint8Image, int, int, PILImageResampling, int, int, int, int)}, its rows handed
     * to {@code target} as they are computed instead of collected into an image.
     *
     * @throws IllegalArgumentException if not {@link #convolves}, or the window or a size is out of range
     */
    static void resizeInto(Uint8Image src, int outW, int outH, PILImageResampling filter, int wx, int wy, int ww,
            int wh, Scratch scratch, PackedRows target) {
        checkSize(outW, outH);
        if (wx < 0 || wy < 0 || ww < 1 || wh < 1 || wx + ww > outW || wy + wh > outH) {
            throw new IllegalArgumentException("window " + ww + "x" + wh + " at (" + wx + ", " + wy
                    + ") outside a " + outW + "x" + outH + " image");
        }
        if (!convolves(src, outW, outH, filter)) {
            throw new IllegalArgumentException(filter + " resize of " + src + " to " + outW + "x" + outH
                    + " is not a convolution");
        }
        if (!src.isInterleaved()) {
            src = src.interleavedCopy();
        }
        new BandedResize(src, outW, outH, filter, wx, wy, ww, wh, target, scratch).run();
    }

    /**
     * PIL's resize of a mode {@code "F"} (32-bit float, one channel) image, row-major {@code height x width}:
     * Resample.c's 32bpc passes (double sums, float results), or the affine scaling for NEAREST.
     *
     * @throws IllegalArgumentException if a size is below 1 or the array does not hold {@code width * height}
     */
    public static float[] resizeFloat(float[] pixels, int width, int height, int outWidth, int outHeight,
            PILImageResampling filter) {
        checkSize(width, height);
        checkSize(outWidth, outHeight);
        if (pixels.length != width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " image needs " + (width * height)
                    + " pixels, got " + pixels.length);
        }
        if (outWidth == width && outHeight == height) {
            return pixels.clone();
        }
        if (filter == PILImageResampling.NEAREST) {
            int[] xin = nearestTable(width, outWidth, 0, outWidth);
            int[] yin = nearestTable(height, outHeight, 0, outHeight);
            float[] out = new float[outWidth * outHeight];
            for (int y = 0; y < outHeight; y++) {
                if (yin[y] < 0) {
                    continue;
                }
                for (int x = 0; x < outWidth; x++) {
                    if (xin[x] >= 0) {
                        out[y * outWidth + x] = pixels[yin[y] * width + xin[x]];
                    }
                }
            }
            return out;
        }
        boolean needH = outWidth != width;
        boolean needV = outHeight != height;
        ResampleCoefficients cy = ResampleCoefficients.of(height, outHeight, filter, 0, outHeight);
        int yFirst = cy.firstInput();
        int yLast = cy.endInput();
        float[] img = pixels;
        int imgW = width;
        int rowOffset = 0; // source row of img's row 0
        if (needH) {
            ResampleCoefficients cx = ResampleCoefficients.of(width, outWidth, filter, 0, outWidth);
            int rows = yLast - yFirst;
            float[] tmp = new float[outWidth * rows];
            for (int yy = 0; yy < rows; yy++) {
                int in = (yy + yFirst) * width;
                for (int xx = 0; xx < outWidth; xx++) {
                    int k = xx * cx.ksize;
                    int xmin = cx.min[xx];
                    double ss = 0.0;
                    for (int x = 0; x < cx.taps[xx]; x++) {
                        ss += pixels[in + x + xmin] * cx.weights[k + x];
                    }
                    tmp[yy * outWidth + xx] = (float) ss;
                }
            }
            img = tmp;
            imgW = outWidth;
            rowOffset = yFirst;
        }
        if (!needV) {
            return img;
        }
        float[] out = new float[imgW * outHeight];
        for (int yy = 0; yy < outHeight; yy++) {
            int k = yy * cy.ksize;
            int ymin = cy.min[yy] - rowOffset;
            for (int xx = 0; xx < imgW; xx++) {
                double ss = 0.0;
                for (int y = 0; y < cy.taps[yy]; y++) {
                    ss += img[(y + ymin) * imgW + xx] * cy.weights[k + y];
                }
                out[yy * imgW + xx] = (float) ss;
            }
        }
        return out;
    }

    private static void checkSize(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("height and width must be > 0, got " + width + "x" + height);
        }
    }

    /**
     * {@code ImagingScaleAffine}'s source index of each output position in {@code [0, end)}, from {@code lo} on:
     * the position is accumulated in double as the C loop does; -1 where it falls outside (the pixel stays 0).
     */
    private static int[] nearestTable(int inSize, int outSize, int lo, int end) {
        double a = (double) inSize / outSize;
        double pos = 0.0 + a * 0.5;
        int[] table = new int[end - lo];
        for (int i = 0; i < end; i++) {
            if (i >= lo) {
                int v = pos < 0.0 ? -1 : (int) pos;
                table[i - lo] = v >= 0 && v < inSize ? v : -1;
            }
            pos += a;
        }
        return table;
    }

    private static void nearest(Uint8Image src, int outW, int outH, int wx, int wy, int ww, int wh, byte[] out) {
        int[] xin = nearestTable(src.width, outW, wx, wx + ww);
        int[] yin = nearestTable(src.height, outH, wy, wy + wh);
        int plane = ww * wh;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < wh; y++) {
                if (yin[y] < 0) {
                    continue;
                }
                int row = c * src.channelStride + (src.y0 + yin[y]) * src.rowStride + src.x0 * src.pixelStride;
                int o = c * plane + y * ww;
                for (int x = 0; x < ww; x++) {
                    if (xin[x] >= 0) {
                        out[o + x] = src.data[row + xin[x] * src.pixelStride];
                    }
                }
            }
        }
    }

    /**
     * Scratch arrays of the 8-bit passes, kept between the resizes of one preprocess call (the frames of a video
     * have one size, so after the first frame nothing is allocated). Not thread-safe: one per call.
     */
    static final class Scratch {
        /** Packed source columns, reused round-robin ({@link BandedResize}'s ring). */
        int[][] ring = new int[0][];
        /** {@code ring}'s arrays by packed source column. */
        int[][] cols = new int[0][];
        /** Horizontal-pass accumulators of one block of output columns. */
        int[][] lanes = new int[0][];
        /** The block's packed values per channel. */
        int[][] packed = new int[0][];
        /** The rolling buffer of packed horizontal-pass rows. */
        int[][] rows = new int[0][];
        /** The vertical pass's accumulators per byte lane. */
        int[][] acc = new int[0][];
        /** The vertical pass's packed output row. */
        int[] outRow = new int[0];
        /** {@link ResampleCoefficients#HALF} repeated: the base the first sweep of taps adds to. */
        int[] half = new int[0];

        /** {@code arrays} if it has {@code count} arrays of at least {@code length}, else a new such array. */
        static int[][] grow(int[][] arrays, int count, int length) {
            if (arrays.length >= count && (arrays.length == 0 || arrays[0].length >= length)) {
                return arrays;
            }
            int[][] out = new int[Math.max(count, arrays.length)][];
            int len = Math.max(length, arrays.length > 0 ? arrays[0].length : 0);
            for (int i = 0; i < out.length; i++) {
                out[i] = new int[len];
            }
            return out;
        }
    }
}

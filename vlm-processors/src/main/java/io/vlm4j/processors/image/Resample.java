package io.vlm4j.processors.image;

import io.vlm4j.media.RgbImage;
import java.util.Arrays;

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
 * <p>The 8-bit passes work on one channel at a time in bands of source rows: the band is transposed so that the
 * horizontal pass becomes a sum of scaled columns (long loops over rows, which the JIT vectorises), its output is
 * kept in a small rolling buffer of rows, and the vertical pass emits each output row as soon as its rows are
 * there. Integer sums are exact, so the order of the additions does not matter. Only an output window is
 * computed when asked (a centre crop after a resize): each output pixel depends on its own taps alone.
 *
 * <p>Thread-safe: static methods; scratch memory is per call (a handful of arrays, never per pixel).
 */
public final class Resample {
    /**
     * Target size of a transposed band of three channels, in ints (4 MiB): bands of a few hundred rows, so the
     * vectorised loops over rows are long, while the band still sits in the last-level cache.
     */
    private static final int BAND_INTS = 1 << 20;
    /** Fewer rows make the vector loops too short to pay (C2 unrolls them by 4 to 8 vectors). */
    private static final int MIN_BAND_ROWS = 64;
    /** Output columns of the horizontal pass summed before their values are written into the rows together. */
    private static final int SCATTER_BLOCK = 4;

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
        if (!src.isStored()) {
            src = src.materialize();
        }
        byte[] out = new byte[3 * ww * wh];
        if (filter == PILImageResampling.NEAREST) {
            nearest(src, outW, outH, wx, wy, ww, wh, out);
        } else {
            new Pass8(src, outW, outH, filter, wx, wy, ww, wh, out, scratch).run();
        }
        return Uint8Image.planar(out, ww, wh);
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
        private int[][][] cols = new int[3][0][];
        private int[][][] rows = new int[3][0][];
        private int[] acc = new int[0];
        private int[][] accBlock = new int[SCATTER_BLOCK][0];

        private static int[][] grow(int[][] arrays, int count, int length) {
            if (arrays.length >= count && (count == 0 || arrays[0].length >= length)) {
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

    /**
     * One 8-bit two-pass resize of one window. Source rows are taken in bands: a band is transposed (all three
     * channels in one sweep over the interleaved bytes), the horizontal pass sums scaled columns of it, and its
     * output rows join a rolling buffer from which the vertical pass emits every output row whose rows are all
     * there. The transposed band and the rows are arrays of arrays, so each inner loop reads and writes distinct
     * arrays at one index: the form C2 vectorises (an offset into another array of the same type defeats its alias
     * analysis in Java 17). Not thread-safe: one per call.
     */
    private static final class Pass8 {
        private final Uint8Image src;
        private final int wy;
        private final int ww;
        private final int wh;
        private final byte[] out;
        private final boolean needH;
        private final boolean needV;
        private final ResampleCoefficients cx;
        private final ResampleCoefficients cy;
        private final int rowLo;
        private final int rowHi;
        private final int colLo;
        private final int colHi;
        private final int band;
        /** Transposed source band per channel: {@code cols[c][x - colLo][r - r0]}. */
        private final int[][][] cols;
        private final int[] acc;
        private final int[][] accBlock;
        /** Horizontal-pass rows per channel; {@code rows[c][i]} is source row {@code bufStart + i}. */
        private final int[][][] rows;
        private int bufStart;
        private int bufRows;

        Pass8(Uint8Image src, int outW, int outH, PILImageResampling filter, int wx, int wy, int ww, int wh,
                byte[] out, Scratch scratch) {
            this.src = src;
            this.wy = wy;
            this.ww = ww;
            this.wh = wh;
            this.out = out;
            needH = outW != src.width;
            needV = outH != src.height;
            cx = needH ? ResampleCoefficients.of(src.width, outW, filter, wx, wx + ww) : null;
            cy = needV ? ResampleCoefficients.of(src.height, outH, filter, wy, wy + wh) : null;
            rowLo = needV ? cy.firstInput() : wy;
            rowHi = needV ? cy.endInput() : wy + wh;
            colLo = needH ? cx.firstInput() : wx;
            colHi = needH ? cx.endInput() : wx + ww;
            int width = needH ? colHi - colLo : ww;
            band = Math.min(rowHi - rowLo, Math.max(MIN_BAND_ROWS, BAND_INTS / (3 * width)));
            int keep = needV ? cy.maxTaps() : 1;
            for (int c = 0; c < 3; c++) {
                if (needH) {
                    scratch.cols[c] = Scratch.grow(scratch.cols[c], colHi - colLo, band);
                }
                scratch.rows[c] = Scratch.grow(scratch.rows[c], keep + band, ww);
            }
            if (scratch.acc.length < Math.max(band, ww)) {
                scratch.acc = new int[Math.max(band, ww)];
            }
            if (needH) {
                scratch.accBlock = Scratch.grow(scratch.accBlock, SCATTER_BLOCK, band);
            }
            cols = scratch.cols;
            rows = scratch.rows;
            acc = scratch.acc;
            accBlock = scratch.accBlock;
        }

        void run() {
            bufStart = rowLo;
            bufRows = 0;
            int produced = rowLo;
            int next = 0;
            while (next < wh) {
                int keepFrom = needV ? cy.min[next] : wy + next;
                if (keepFrom > bufStart) {
                    drop(Math.min(keepFrom - bufStart, bufRows));
                }
                if (produced >= rowHi) {
                    throw new IllegalStateException("resample: output row " + next + " needs rows past " + rowHi);
                }
                int r1 = Math.min(rowHi, produced + band);
                if (needH) {
                    transpose(produced, r1);
                    for (int c = 0; c < 3; c++) {
                        horizontal(c, produced, r1);
                    }
                } else {
                    copyRows(produced, r1);
                }
                bufRows += r1 - produced;
                produced = r1;
                int first = next;
                while (next < wh && (needV ? cy.min[next] + cy.taps[next] : wy + next + 1) <= produced) {
                    next++;
                }
                for (int c = 0; c < 3; c++) {
                    for (int i = first; i < next; i++) {
                        emit(c, i);
                    }
                }
            }
        }

        /** Forgets the first {@code n} buffered rows; their arrays move to the end for reuse. */
        private void drop(int n) {
            if (n == 0) {
                return;
            }
            int count = bufRows;
            for (int c = 0; c < 3; c++) {
                int[][] r = rows[c];
                int[][] dropped = java.util.Arrays.copyOf(r, n);
                System.arraycopy(r, n, r, 0, count - n);
                System.arraycopy(dropped, 0, r, count - n, n);
            }
            bufRows -= n;
            bufStart += n;
        }

        /** Source rows {@code [r0, r1)}, columns {@code [colLo, colHi)}, of all three channels into cols. */
        private void transpose(int r0, int r1) {
            int nb = r1 - r0;
            int ncols = colHi - colLo;
            byte[] data = src.data;
            int ps = src.pixelStride;
            int rs = src.rowStride;
            int cs = src.channelStride;
            int base = (src.y0 + r0) * rs + (src.x0 + colLo) * ps;
            int[][] c0 = cols[0];
            int[][] c1 = cols[1];
            int[][] c2 = cols[2];
            for (int x = 0; x < ncols; x++) {
                int[] t0 = c0[x];
                int[] t1 = c1[x];
                int[] t2 = c2[x];
                int s = base + x * ps;
                for (int r = 0; r < nb; r++, s += rs) {
                    t0[r] = data[s] & 0xff;
                    t1[r] = data[s + cs] & 0xff;
                    t2[r] = data[s + 2 * cs] & 0xff;
                }
            }
        }

        /** The horizontal pass of channel {@code c} over the transposed band, appended to the rows. */
        private void horizontal(int c, int r0, int r1) {
            int nb = r1 - r0;
            int ksize = cx.ksize;
            int[] k = cx.fixed;
            int[][] tc = cols[c];
            int[][] rc = rows[c];
            int dst = r0 - bufStart;
            int[][] block = accBlock;
            for (int x0 = 0; x0 < ww; x0 += SCATTER_BLOCK) {
                int x1 = Math.min(ww, x0 + SCATTER_BLOCK);
                for (int xi = x0; xi < x1; xi++) {
                    int[] a = block[xi - x0];
                    Arrays.fill(a, 0, nb, ResampleCoefficients.HALF);
                    int first = cx.min[xi] - colLo;
                    int taps = cx.taps[xi];
                    int koff = xi * ksize;
                    macc(a, nb, tc, first, k, koff, taps);
                    for (int r = 0; r < nb; r++) {
                        a[r] = clip8(a[r]);
                    }
                }
                // the block's values go to the rows, one row array at a time
                if (x1 - x0 == 4) {
                    int[] a0 = block[0];
                    int[] a1 = block[1];
                    int[] a2 = block[2];
                    int[] a3 = block[3];
                    for (int r = 0; r < nb; r++) {
                        int[] row = rc[dst + r];
                        row[x0] = a0[r];
                        row[x0 + 1] = a1[r];
                        row[x0 + 2] = a2[r];
                        row[x0 + 3] = a3[r];
                    }
                } else {
                    for (int r = 0; r < nb; r++) {
                        int[] row = rc[dst + r];
                        for (int xi = x0; xi < x1; xi++) {
                            row[xi] = block[xi - x0][r];
                        }
                    }
                }
            }
        }

        /** Source rows {@code [r0, r1)}, columns of the window, appended unchanged (no horizontal pass). */
        private void copyRows(int r0, int r1) {
            byte[] data = src.data;
            int ps = src.pixelStride;
            for (int c = 0; c < 3; c++) {
                for (int r = r0; r < r1; r++) {
                    int[] row = rows[c][r - bufStart];
                    int s = c * src.channelStride + (src.y0 + r) * src.rowStride + (src.x0 + colLo) * ps;
                    for (int x = 0; x < ww; x++, s += ps) {
                        row[x] = data[s] & 0xff;
                    }
                }
            }
        }

        /** Output row {@code i} of channel {@code c} (vertical pass, or a horizontal-pass row as it is). */
        private void emit(int c, int i) {
            int o = c * ww * wh + i * ww;
            byte[] dst = out;
            if (!needV) {
                int[] row = rows[c][wy + i - bufStart];
                for (int x = 0; x < ww; x++) {
                    dst[o + x] = (byte) row[x];
                }
                return;
            }
            int[] a = acc;
            Arrays.fill(a, 0, ww, ResampleCoefficients.HALF);
            int koff = i * cy.ksize;
            int first = cy.min[i] - bufStart;
            int taps = cy.taps[i];
            macc(a, ww, rows[c], first, cy.fixed, koff, taps);
            for (int x = 0; x < ww; x++) {
                a[x] = clip8(a[x]);
            }
            for (int x = 0; x < ww; x++) {
                dst[o + x] = (byte) a[x];
            }
        }
    }

    /**
     * {@code a[i] += sum over j < taps of lines[first + j][i] * k[koff + j]} for {@code i < n}, four taps per sweep so
     * that the accumulator is read and written once per four products.
     */
    private static void macc(int[] a, int n, int[][] lines, int first, int[] k, int koff, int taps) {
        int j = 0;
        for (; j + 4 <= taps; j += 4) {
            int k0 = k[koff + j];
            int k1 = k[koff + j + 1];
            int k2 = k[koff + j + 2];
            int k3 = k[koff + j + 3];
            int[] l0 = lines[first + j];
            int[] l1 = lines[first + j + 1];
            int[] l2 = lines[first + j + 2];
            int[] l3 = lines[first + j + 3];
            for (int i = 0; i < n; i++) {
                a[i] += l0[i] * k0 + l1[i] * k1 + l2[i] * k2 + l3[i] * k3;
            }
        }
        for (; j < taps; j++) {
            int kj = k[koff + j];
            int[] l0 = lines[first + j];
            for (int i = 0; i < n; i++) {
                a[i] += l0[i] * kj;
            }
        }
    }

    /**
     * Resample.c's {@code clip8}: the accumulator's integer part clipped to 0..255, without branches or
     * {@code Math.min/max} so that C2 vectorises the loops that call it.
     */
    private static int clip8(int acc) {
        int v = acc >> ResampleCoefficients.PRECISION_BITS;
        v &= ~(v >> 31); // below 0: 0
        int over = (255 - v) >> 31; // above 255: all ones
        return (v | over) & 255;
    }
}

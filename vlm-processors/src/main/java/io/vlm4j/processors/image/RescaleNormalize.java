package io.vlm4j.processors.image;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * HF's {@code rescale} then {@code normalize} of a {@code uint8} image, and the move to channels-first float32.
 *
 * <p>{@code rescale} computes {@code (image.astype(float64) * scale).astype(float32)}; {@code normalize} then
 * computes {@code (image - mean) / std} in float32 with mean and std cast to float32 (without rescale it first
 * casts the uint8 image to float32). Each output value is therefore a function of one channel and one 8-bit
 * value: it is tabulated once, 3 × 256 floats, and every pixel is a table look-up.
 *
 * <p>Immutable and thread-safe.
 */
final class RescaleNormalize {
    private final float[][] table = new float[3][256];

    RescaleNormalize(boolean doRescale, double rescaleFactor, boolean doNormalize, float[] mean, float[] std) {
        for (int c = 0; c < 3; c++) {
            for (int v = 0; v < 256; v++) {
                float x = doRescale ? (float) ((double) v * rescaleFactor) : (float) v;
                if (doNormalize) {
                    x = (x - mean[c]) / std[c];
                }
                table[c][v] = x;
            }
        }
    }

    /** The value a sample {@code v} of channel {@code c} becomes. */
    float value(int c, int v) {
        return table[c][v];
    }

    /**
     * Writes {@code image} channels-first ({@code [3, height, width]}) into {@code out} from float index
     * {@code offset}. Each image row is looked up into {@code rows} (at least {@code 3 * width} floats: the row of
     * each channel), reading interleaved pixels once for all three channels, and goes into the buffer as three
     * bulk copies.
     */
    void write(Uint8Image image, FloatBuffer out, int offset, float[] rows) {
        int w = image.width;
        int h = image.height;
        int plane = w * h;
        byte[] data = image.data;
        int ps = image.pixelStride;
        int cs = image.channelStride;
        int xs = Math.min(w, Math.max(0, -image.x0));
        int xe = Math.max(xs, Math.min(w, image.dataWidth - image.x0));
        float[] l0 = table[0];
        float[] l1 = table[1];
        float[] l2 = table[2];
        for (int y = 0; y < h; y++) {
            int sy = image.y0 + y;
            if (sy < 0 || sy >= image.dataHeight || xs >= xe) {
                for (int c = 0; c < 3; c++) {
                    Arrays.fill(rows, c * w, (c + 1) * w, table[c][0]);
                }
            } else {
                for (int c = 0; c < 3; c++) {
                    Arrays.fill(rows, c * w, c * w + xs, table[c][0]);
                    Arrays.fill(rows, c * w + xe, (c + 1) * w, table[c][0]);
                }
                int s = sy * image.rowStride + (image.x0 + xs) * ps;
                if (ps == 3 && cs == 1) {
                    for (int x = xs; x < xe; x++, s += 3) {
                        rows[x] = l0[data[s] & 0xff];
                        rows[w + x] = l1[data[s + 1] & 0xff];
                        rows[2 * w + x] = l2[data[s + 2] & 0xff];
                    }
                } else {
                    for (int c = 0; c < 3; c++) {
                        float[] lut = table[c];
                        int o = c * w;
                        int sc = s + c * cs;
                        for (int x = xs; x < xe; x++, sc += ps) {
                            rows[o + x] = lut[data[sc] & 0xff];
                        }
                    }
                }
            }
            for (int c = 0; c < 3; c++) {
                out.put(offset + c * plane + y * w, rows, c * w, w);
            }
        }
    }

    /**
     * The rows of a resize, written into {@code out} as {@link #write} writes an image of {@code width x height}
     * there from float index {@code offset}; {@code rows} holds at least {@code 3 * width} floats.
     */
    PackedRows rows(FloatBuffer out, int offset, int width, int height, float[] rows) {
        int plane = width * height;
        int whole = width >> 2;
        int packed = (width + 3) >> 2;
        return (y, row) -> {
            for (int c = 0; c < 3; c++) {
                float[] lut = table[c];
                int o = c * width;
                for (int q = 0; q < whole; q++) {
                    int v = row[3 * q + c];
                    int x = o + 4 * q;
                    rows[x] = lut[v & 0xff];
                    rows[x + 1] = lut[(v >>> 8) & 0xff];
                    rows[x + 2] = lut[(v >>> 16) & 0xff];
                    rows[x + 3] = lut[v >>> 24];
                }
                if (whole < packed) {
                    int v = row[3 * whole + c];
                    for (int x = 4 * whole; x < width; x++, v >>>= 8) {
                        rows[o + x] = lut[v & 0xff];
                    }
                }
                out.put(offset + c * plane + y * width, rows, o, width);
            }
        };
    }
}

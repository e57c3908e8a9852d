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
     * Writes {@code image} channels-first ({@code [3, height, width]}) at float index {@code offset} of
     * {@code out}; {@code row} is scratch of at least {@code image.width} floats.
     */
    void write(Uint8Image image, FloatBuffer out, int offset, float[] row) {
        int w = image.width;
        int h = image.height;
        byte[] data = image.data;
        int ps = image.pixelStride;
        int xs = Math.min(w, Math.max(0, -image.x0));
        int xe = Math.max(xs, Math.min(w, image.dataWidth - image.x0));
        for (int c = 0; c < 3; c++) {
            float[] lut = table[c];
            float pad = lut[0];
            for (int y = 0; y < h; y++) {
                int sy = image.y0 + y;
                if (sy < 0 || sy >= image.dataHeight || xs >= xe) {
                    Arrays.fill(row, 0, w, pad);
                } else {
                    Arrays.fill(row, 0, xs, pad);
                    Arrays.fill(row, xe, w, pad);
                    int s = c * image.channelStride + sy * image.rowStride + (image.x0 + xs) * ps;
                    for (int x = xs; x < xe; x++, s += ps) {
                        row[x] = lut[data[s] & 0xff];
                    }
                }
                out.put(offset + (c * h + y) * w, row, 0, w);
            }
        }
    }
}

package io.vlm4j.processors.image;

import java.nio.ByteBuffer;

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
     * Writes {@code image} channels-first ({@code [3, height, width]}) as little-endian floats from byte
     * {@code offset} of {@code out} (a heap buffer in little-endian order).
     */
    void write(Uint8Image image, ByteBuffer out, int offset) {
        int w = image.width;
        int h = image.height;
        byte[] data = image.data;
        int ps = image.pixelStride;
        int xs = Math.min(w, Math.max(0, -image.x0));
        int xe = Math.max(xs, Math.min(w, image.dataWidth - image.x0));
        int o = offset;
        for (int c = 0; c < 3; c++) {
            float[] lut = table[c];
            float pad = lut[0];
            for (int y = 0; y < h; y++) {
                int sy = image.y0 + y;
                if (sy < 0 || sy >= image.dataHeight || xs >= xe) {
                    for (int x = 0; x < w; x++, o += 4) {
                        out.putFloat(o, pad);
                    }
                    continue;
                }
                for (int x = 0; x < xs; x++, o += 4) {
                    out.putFloat(o, pad);
                }
                int s = c * image.channelStride + sy * image.rowStride + (image.x0 + xs) * ps;
                for (int x = xs; x < xe; x++, s += ps, o += 4) {
                    out.putFloat(o, lut[data[s] & 0xff]);
                }
                for (int x = xe; x < w; x++, o += 4) {
                    out.putFloat(o, pad);
                }
            }
        }
    }
}

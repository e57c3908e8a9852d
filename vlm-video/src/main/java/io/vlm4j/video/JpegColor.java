package io.vlm4j.video;

/**
 * JPEG's YCbCr planes to RGB as libjpeg-turbo (and so PIL) turns them: its "fancy" (triangular) chroma upsampling
 * for 2x1, 1x2 and 2x2 subsampling, with libjpeg's rounding biases and edge rules (the first and last column and
 * row replicated), then {@code ycc_rgb_convert}'s 16-bit fixed-point tables. Written here because FFmpeg hands over
 * the decoded planes only: its swscale conversion (nearest chroma, other coefficients) differs from libjpeg's by
 * up to several levels.
 *
 * <p>Stateless; thread-safe.
 */
final class JpegColor {
    private static final int SCALEBITS = 16;
    private static final long ONE_HALF = 1L << (SCALEBITS - 1);
    private static final int[] CR_R = new int[256];
    private static final int[] CB_B = new int[256];
    private static final long[] CR_G = new long[256];
    private static final long[] CB_G = new long[256];

    static {
        for (int i = 0; i < 256; i++) {
            long x = i - 128;
            CR_R[i] = (int) ((fix(1.40200) * x + ONE_HALF) >> SCALEBITS);
            CB_B[i] = (int) ((fix(1.77200) * x + ONE_HALF) >> SCALEBITS);
            CR_G[i] = -fix(0.71414) * x;
            CB_G[i] = -fix(0.34414) * x + ONE_HALF;
        }
    }

    private JpegColor() {}

    private static long fix(double x) {
        return (long) (x * (1L << SCALEBITS) + 0.5);
    }

    /**
     * RGB of a {@code width x height} image from its Y plane ({@code width x height}) and its Cb and Cr planes
     * ({@code cw x ch}, subsampled by {@code hs x vs}, 1 or 2 each).
     */
    static byte[] toRgb(byte[] y, byte[] cb, byte[] cr, int width, int height, int cw, int ch, int hs, int vs) {
        byte[] u = upsample(cb, cw, ch, hs, vs, width, height);
        byte[] v = upsample(cr, cw, ch, hs, vs, width, height);
        byte[] rgb = new byte[width * height * 3];
        for (int i = 0, o = 0; i < width * height; i++, o += 3) {
            int yy = y[i] & 0xff;
            int b = u[i] & 0xff;
            int r = v[i] & 0xff;
            rgb[o] = clamp(yy + CR_R[r]);
            rgb[o + 1] = clamp(yy + (int) ((CB_G[b] + CR_G[r]) >> SCALEBITS));
            rgb[o + 2] = clamp(yy + CB_B[b]);
        }
        return rgb;
    }

    private static byte clamp(int v) {
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }

    /** The chroma plane at full size, cropped to {@code width x height}. */
    private static byte[] upsample(byte[] c, int cw, int ch, int hs, int vs, int width, int height) {
        int ow = cw * hs;
        int oh = ch * vs;
        int[] full = new int[ow * oh];
        for (int r = 0; r < ch; r++) {
            int above = Math.max(r - 1, 0);
            int below = Math.min(r + 1, ch - 1);
            for (int half = 0; half < vs; half++) {
                int outRow = r * vs + half;
                int near = r * cw;
                int far = (vs == 2 ? (half == 0 ? above : below) : r) * cw;
                if (hs == 1 && vs == 1) {
                    for (int x = 0; x < cw; x++) {
                        full[outRow * ow + x] = c[near + x] & 0xff;
                    }
                } else if (hs == 1) {
                    // h1v2: 3/4 nearer row + 1/4 further row, bias 1 above, 2 below
                    int bias = half == 0 ? 1 : 2;
                    for (int x = 0; x < cw; x++) {
                        int sum = (c[near + x] & 0xff) * 3 + (c[far + x] & 0xff);
                        full[outRow * ow + x] = (sum + bias) >> 2;
                    }
                } else if (vs == 1) {
                    h2v1(c, near, cw, full, outRow * ow);
                } else {
                    h2v2(c, near, far, cw, full, outRow * ow);
                }
            }
        }
        byte[] out = new byte[width * height];
        for (int yy = 0; yy < height; yy++) {
            for (int x = 0; x < width; x++) {
                out[yy * width + x] = (byte) full[Math.min(yy, oh - 1) * ow + Math.min(x, ow - 1)];
            }
        }
        return out;
    }

    private static void h2v1(byte[] c, int in, int cw, int[] out, int o) {
        if (cw == 1) {
            out[o] = c[in] & 0xff;
            out[o + 1] = c[in] & 0xff;
            return;
        }
        int value = c[in] & 0xff;
        out[o++] = value;
        out[o++] = (value * 3 + (c[in + 1] & 0xff) + 2) >> 2;
        for (int x = 1; x < cw - 1; x++) {
            value = (c[in + x] & 0xff) * 3;
            out[o++] = (value + (c[in + x - 1] & 0xff) + 1) >> 2;
            out[o++] = (value + (c[in + x + 1] & 0xff) + 2) >> 2;
        }
        value = c[in + cw - 1] & 0xff;
        out[o++] = (value * 3 + (c[in + cw - 2] & 0xff) + 1) >> 2;
        out[o] = value;
    }

    private static void h2v2(byte[] c, int near, int far, int cw, int[] out, int o) {
        if (cw == 1) {
            int sum = (c[near] & 0xff) * 3 + (c[far] & 0xff);
            out[o] = (sum * 4 + 8) >> 4;
            out[o + 1] = (sum * 4 + 7) >> 4;
            return;
        }
        int thisSum = (c[near] & 0xff) * 3 + (c[far] & 0xff);
        int nextSum = (c[near + 1] & 0xff) * 3 + (c[far + 1] & 0xff);
        out[o++] = (thisSum * 4 + 8) >> 4;
        out[o++] = (thisSum * 3 + nextSum + 7) >> 4;
        int lastSum = thisSum;
        thisSum = nextSum;
        for (int x = 2; x < cw; x++) {
            nextSum = (c[near + x] & 0xff) * 3 + (c[far + x] & 0xff);
            out[o++] = (thisSum * 3 + lastSum + 8) >> 4;
            out[o++] = (thisSum * 3 + nextSum + 7) >> 4;
            lastSum = thisSum;
            thisSum = nextSum;
        }
        out[o++] = (thisSum * 3 + lastSum + 8) >> 4;
        out[o] = (thisSum * 4 + 7) >> 4;
    }
}

package io.vlm4j.backend.djl;

/**
 * The interpolation matrix of one axis of PyTorch's {@code upsample_bilinear2d} with {@code align_corners=False}
 * and no explicit scale factor (what {@code F.interpolate(x, size=..., mode="bilinear")} runs), in PyTorch's
 * float32 arithmetic: {@code scale = in / out}, {@code src = max(scale * (dst + 0.5) - 0.5, 0)},
 * {@code i0 = min(floor(src), in - 1)}, {@code i1 = i0 + (i0 < in - 1 ? 1 : 0)}, {@code λ1 = clamp(src - i0, 0,
 * 1)}, {@code λ0 = 1 - λ1}.
 */
final class Bilinear {
    private Bilinear() {}

    /** Row-major {@code [out, in]}: output {@code o} is {@code Σ_i w[o, i] · x[i]}. */
    static float[] weights(int in, int out) {
        float[] w = new float[Math.multiplyExact(out, in)];
        float scale = (float) in / out;
        for (int o = 0; o < out; o++) {
            float src = scale * ((float) o + 0.5f) - 0.5f;
            if (src < 0) {
                src = 0;
            }
            int i0 = Math.min((int) Math.floor(src), in - 1);
            int i1 = i0 + (i0 < in - 1 ? 1 : 0);
            float lambda1 = Math.min(Math.max(src - i0, 0f), 1f);
            float lambda0 = 1f - lambda1;
            w[o * in + i0] += lambda0;
            w[o * in + i1] += lambda1;
        }
        return w;
    }
}

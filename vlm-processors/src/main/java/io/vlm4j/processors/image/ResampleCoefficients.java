package io.vlm4j.processors.image;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The filter taps of one resampling pass, as Pillow 9.4 {@code precompute_coeffs} and
 * {@code normalize_coeffs_8bpc} compute them, for the output positions {@code [lo, lo + count)} of an
 * {@code inSize → outSize} pass. Each output position's taps depend on nothing but its own index, so a window of
 * outputs gets exactly the taps the whole pass would give it.
 *
 * <p>Instances are cached per (in size, out size, filter, window): a processor sees few distinct sizes, and the
 * taps cost a {@code sin}-free but per-tap filter evaluation. Immutable and thread-safe.
 */
final class ResampleCoefficients {
    /** Resample.c's PRECISION_BITS: 32 - 8 bits of result - 2 bits of headroom for negative lobes. */
    static final int PRECISION_BITS = 32 - 8 - 2;
    /** The rounding term every 8-bit accumulator starts from. */
    static final int HALF = 1 << (PRECISION_BITS - 1);

    private static final int MAX_CACHED = 256;
    private static final Map<Key, ResampleCoefficients> CACHE = new ConcurrentHashMap<>();

    /** The first output position these taps are for. */
    final int lo;
    /** The number of output positions. */
    final int count;
    /** Taps per output position in {@link #weights} / {@link #fixed} (Resample.c's {@code ksize}). */
    final int ksize;
    /** The first input index of each output position ({@code bounds[2i]}). */
    final int[] min;
    /** The number of taps of each output position ({@code bounds[2i+1]}). */
    final int[] taps;
    /** Normalised double taps, {@code ksize} per output position (the 32-bit float path uses these). */
    final double[] weights;
    /** The same taps in 8-bit fixed point with PRECISION_BITS fraction bits. */
    final int[] fixed;

    private ResampleCoefficients(int lo, int count, int ksize, int[] min, int[] taps, double[] weights,
            int[] fixed) {
        this.lo = lo;
        this.count = count;
        this.ksize = ksize;
        this.min = min;
        this.taps = taps;
        this.weights = weights;
        this.fixed = fixed;
    }

    /** The taps of the outputs {@code [lo, hi)} of an {@code inSize → outSize} pass, cached. */
    static ResampleCoefficients of(int inSize, int outSize, PILImageResampling filter, int lo, int hi) {
        Key key = new Key(inSize, outSize, filter, lo, hi);
        ResampleCoefficients c = CACHE.get(key);
        if (c == null) {
            c = compute(inSize, outSize, filter, lo, hi);
            if (CACHE.size() >= MAX_CACHED) {
                CACHE.clear();
            }
            CACHE.put(key, c);
        }
        return c;
    }

    private static ResampleCoefficients compute(int inSize, int outSize, PILImageResampling filterp, int lo,
            int hi) {
        if (inSize < 1 || outSize < 1 || lo < 0 || hi > outSize || lo >= hi) {
            throw new IllegalArgumentException("bad resample pass " + inSize + " -> " + outSize + " [" + lo + ", "
                    + hi + ")");
        }
        // box = (0, inSize): in0 = 0, in1 = inSize, as Image.resize passes it
        final double in0 = 0.0;
        double filterscale;
        double scale;
        filterscale = scale = (double) inSize / outSize;
        if (filterscale < 1.0) {
            filterscale = 1.0;
        }
        double support = filterp.support() * filterscale;
        int ksize = (int) Math.ceil(support) * 2 + 1;
        int count = hi - lo;
        long cells = (long) count * ksize;
        if (cells > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("resample pass " + inSize + " -> " + outSize + " needs " + cells
                    + " filter taps");
        }
        double[] kk = new double[(int) cells];
        int[] fixed = new int[(int) cells];
        int[] min = new int[count];
        int[] taps = new int[count];
        for (int i = 0; i < count; i++) {
            int xx = lo + i;
            double center = in0 + (xx + 0.5) * scale;
            double ww = 0.0;
            double ss = 1.0 / filterscale;
            int xmin = (int) (center - support + 0.5);
            if (xmin < 0) {
                xmin = 0;
            }
            int xmax = (int) (center + support + 0.5);
            if (xmax > inSize) {
                xmax = inSize;
            }
            xmax -= xmin;
            int k = i * ksize;
            for (int x = 0; x < xmax; x++) {
                double w = filterp.filter((x + xmin - center + 0.5) * ss);
                kk[k + x] = w;
                ww += w;
            }
            for (int x = 0; x < xmax; x++) {
                if (ww != 0.0) {
                    kk[k + x] /= ww;
                }
            }
            for (int x = 0; x < ksize; x++) {
                double v = kk[k + x];
                fixed[k + x] = v < 0 ? (int) (-0.5 + v * (1 << PRECISION_BITS))
                        : (int) (0.5 + v * (1 << PRECISION_BITS));
            }
            min[i] = xmin;
            taps[i] = xmax;
        }
        return new ResampleCoefficients(lo, count, ksize, min, taps, kk, fixed);
    }

    /** The first input index any output position reads. */
    int firstInput() {
        return min[0];
    }

    /** One past the last input index any output position reads (bounds are monotone in the output index). */
    int endInput() {
        return min[count - 1] + taps[count - 1];
    }

    /** The most taps any output position has. */
    int maxTaps() {
        int m = 0;
        for (int t : taps) {
            m = Math.max(m, t);
        }
        return m;
    }

    private record Key(int inSize, int outSize, PILImageResampling filter, int lo, int hi) {}
}

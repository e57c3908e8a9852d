package io.vlm4j.processors.image;

import io.vlm4j.config.ConfigNode;

/**
 * PIL's resampling filters under the numbers preprocessor configs store in {@code resample} (HF's
 * {@code PILImageResampling}, Pillow's {@code Image.Resampling}), each with the filter function and support of
 * Pillow 9.4 {@code libImaging/Resample.c}.
 *
 * <p>The functions are evaluated in double precision with the same expression order as the C code, so the
 * coefficients are bit-identical for {@link #BOX}, {@link #BILINEAR} and {@link #BICUBIC} (plain arithmetic).
 * {@link #HAMMING} and {@link #LANCZOS} call {@code sin}/{@code cos}: Java's {@link StrictMath} (fdlibm) may
 * differ from the C library's in the last bit, which moves a fixed-point coefficient only at an exact rounding
 * boundary. Immutable.
 */
public enum PILImageResampling {
    /** 0: nearest neighbour (PIL's affine scaling, not the convolution below). */
    NEAREST(0, 0.0),
    /** 1: Lanczos, a = 3. */
    LANCZOS(1, 3.0),
    /** 2: bilinear (triangle). */
    BILINEAR(2, 1.0),
    /** 3: bicubic, a = -0.5: what every LLaVA preprocessor config uses. */
    BICUBIC(3, 2.0),
    /** 4: box. */
    BOX(4, 0.5),
    /** 5: Hamming. */
    HAMMING(5, 1.0);

    private final int pilId;
    private final double support;

    PILImageResampling(int pilId, double support) {
        this.pilId = pilId;
        this.support = support;
    }

    /** The number PIL and preprocessor configs use. */
    public int pilId() {
        return pilId;
    }

    /** The filter's support (half width) at scale 1, as Resample.c's {@code struct filter}. */
    double support() {
        return support;
    }

    /** The filter at {@code x}, as Resample.c evaluates it. */
    double filter(double x) {
        switch (this) {
            case BOX:
                return x > -0.5 && x <= 0.5 ? 1.0 : 0.0;
            case BILINEAR:
                if (x < 0.0) {
                    x = -x;
                }
                return x < 1.0 ? 1.0 - x : 0.0;
            case HAMMING:
                if (x < 0.0) {
                    x = -x;
                }
                if (x == 0.0) {
                    return 1.0;
                }
                if (x >= 1.0) {
                    return 0.0;
                }
                x = x * Math.PI;
                // the C code's constants are float literals (0.54f, 0.46f) promoted to double
                return StrictMath.sin(x) / x * ((double) 0.54f + (double) 0.46f * StrictMath.cos(x));
            case BICUBIC: {
                final double a = -0.5;
                if (x < 0.0) {
                    x = -x;
                }
                if (x < 1.0) {
                    return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
                }
                if (x < 2.0) {
                    return (((x - 5) * x + 8) * x - 4) * a;
                }
                return 0.0;
            }
            case LANCZOS:
                if (-3.0 <= x && x < 3.0) {
                    return sinc(x) * sinc(x / 3);
                }
                return 0.0;
            default:
                throw new IllegalStateException(this + " is not a convolution filter");
        }
    }

    private static double sinc(double x) {
        if (x == 0.0) {
            return 1.0;
        }
        x = x * Math.PI;
        return StrictMath.sin(x) / x;
    }

    /** The filter numbered {@code pilId}. @throws IllegalArgumentException for a number PIL does not know */
    public static PILImageResampling ofPilId(int pilId) {
        for (PILImageResampling r : values()) {
            if (r.pilId == pilId) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown PIL resampling filter " + pilId + "; expected " + known());
    }

    /**
     * The filter a config node holds (a number 0..5).
     *
     * @throws io.vlm4j.ConfigException naming the node's JSON path otherwise
     */
    static PILImageResampling of(ConfigNode node) {
        if (node.isIntegral()) {
            long id = node.asLong();
            for (PILImageResampling r : values()) {
                if (r.pilId == id) {
                    return r;
                }
            }
        }
        throw node.error("a PIL resampling filter, one of " + known());
    }

    private static String known() {
        StringBuilder sb = new StringBuilder();
        for (PILImageResampling r : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(r.pilId).append(" (").append(r).append(')');
        }
        return sb.toString();
    }
}

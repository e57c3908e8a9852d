package io.vlm4j.processors.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's float text: {@code repr} (the shortest digits that round-trip, {@code 1e+20}, {@code 1e-07},
 * {@code 1000000000000000.0}) and the {@code f e g %} formats, rounded as CPython does (half-even on the exact
 * binary value, so {@code '%.2f' % 2.675} is {@code 2.67}). Stateless.
 */
final class PyFloats {
    private PyFloats() {}

    /** Shortest round-tripping digits of a finite, non-zero |d| and the decimal point position. */
    private static final class Digits {
        final String digits;
        final int decpt;

        Digits(String digits, int decpt) {
            this.digits = digits;
            this.decpt = decpt;
        }
    }

    private static Digits shortest(double d) {
        BigDecimal exact = new BigDecimal(Math.abs(d));
        double target = Math.abs(d);
        for (int p = 1; p <= 17; p++) {
            BigDecimal even = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (Double.parseDouble(even.toString()) == target) {
                return digits(even);
            }
            BigDecimal down = exact.round(new MathContext(p, RoundingMode.DOWN));
            BigDecimal up = exact.round(new MathContext(p, RoundingMode.UP));
            boolean downOk = Double.parseDouble(down.toString()) == target;
            boolean upOk = Double.parseDouble(up.toString()) == target;
            if (downOk && upOk) {
                BigDecimal dd = exact.subtract(down);
                BigDecimal du = up.subtract(exact);
                return digits(dd.compareTo(du) <= 0 ? down : up);
            }
            if (downOk) {
                return digits(down);
            }
            if (upOk) {
                return digits(up);
            }
        }
        return digits(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)));
    }

    private static Digits digits(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        String u = s.unscaledValue().toString();
        return new Digits(u, u.length() - s.scale());
    }

    /** Python's {@code repr(float)} (and {@code str}). */
    static String repr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        boolean neg = d < 0 || (d == 0.0 && 1.0 / d < 0);
        if (d == 0.0) {
            return neg ? "-0.0" : "0.0";
        }
        Digits g = shortest(d);
        StringBuilder b = new StringBuilder(24);
        if (neg) {
            b.append('-');
        }
        layout(b, g.digits, g.decpt, true, 16);
        return b.toString();
    }

    /**
     * Lays out digits {@code 0.DIGITS × 10^decpt}: fixed unless {@code decpt <= -4 || decpt > expAbove}; with
     * {@code dot0} an integral fixed value keeps {@code .0}.
     */
    private static void layout(StringBuilder b, String digits, int decpt, boolean dot0, int expAbove) {
        int k = digits.length();
        if (decpt <= -4 || decpt > expAbove) {
            b.append(digits.charAt(0));
            if (k > 1) {
                b.append('.').append(digits, 1, k);
            }
            exponent(b, decpt - 1);
        } else if (decpt <= 0) {
            b.append("0.");
            for (int i = 0; i < -decpt; i++) {
                b.append('0');
            }
            b.append(digits);
        } else if (decpt >= k) {
            b.append(digits);
            for (int i = k; i < decpt; i++) {
                b.append('0');
            }
            if (dot0) {
                b.append(".0");
            }
        } else {
            b.append(digits, 0, decpt).append('.').append(digits, decpt, k);
        }
    }

    private static void exponent(StringBuilder b, int e) {
        b.append('e').append(e < 0 ? '-' : '+');
        int a = Math.abs(e);
        if (a < 10) {
            b.append('0');
        }
        b.append(a);
    }

    /**
     * Formats |d| (sign handled by the caller) with a presentation type {@code f e g %} or {@code 0} for the
     * type-less {@code format(x, '.3')}, Python's rules; {@code alt} is the {@code #} flag.
     */
    static String formatAbs(double d, char type, int precision, boolean alt) {
        double a = Math.abs(d);
        boolean upper = Character.isUpperCase(type);
        char t = Character.toLowerCase(type);
        if (Double.isNaN(a) || Double.isInfinite(a)) {
            String s = Double.isNaN(a) ? "nan" : "inf";
            return (upper ? s.toUpperCase() : s) + (t == '%' ? "%" : "");
        }
        String out;
        switch (t) {
            case 'f':
                out = fixed(a, precision, alt);
                break;
            case '%':
                out = fixed(a * 100, precision, alt) + "%";
                break;
            case 'e':
                out = sci(a, precision, alt);
                break;
            case 'g':
                out = general(a, precision, alt, false);
                break;
            default:
                out = general(a, precision, alt, true);
        }
        return upper ? out.toUpperCase() : out;
    }

    private static String fixed(double a, int precision, boolean alt) {
        String s = new BigDecimal(a).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        if (precision == 0 && alt) {
            s += ".";
        }
        return s;
    }

    private static String sci(double a, int precision, boolean alt) {
        StringBuilder b = new StringBuilder();
        String digits;
        int exp;
        if (a == 0.0) {
            digits = "0".repeat(precision + 1);
            exp = 0;
        } else {
            BigDecimal r = new BigDecimal(a).round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
            String u = r.unscaledValue().toString();
            exp = u.length() - r.scale() - 1;
            digits = u.length() >= precision + 1 ? u.substring(0, precision + 1)
                    : u + "0".repeat(precision + 1 - u.length());
        }
        b.append(digits.charAt(0));
        if (precision > 0 || alt) {
            b.append('.');
        }
        b.append(digits, 1, digits.length());
        exponent(b, exp);
        return b.toString();
    }

    private static String general(double a, int precision, boolean alt, boolean noType) {
        int p = precision == 0 ? 1 : precision;
        if (a == 0.0) {
            if (alt) {
                return "0." + "0".repeat(p - 1);
            }
            return noType ? "0.0" : "0";
        }
        BigDecimal r = new BigDecimal(a).round(new MathContext(p, RoundingMode.HALF_EVEN));
        String u = r.unscaledValue().toString();
        int exp = u.length() - r.scale() - 1;
        String digits = u.length() >= p ? u.substring(0, p) : u + "0".repeat(p - u.length());
        if (!alt) {
            int end = digits.length();
            while (end > 1 && digits.charAt(end - 1) == '0') {
                end--;
            }
            digits = digits.substring(0, end);
        }
        StringBuilder b = new StringBuilder();
        if (exp < -4 || exp >= p) {
            b.append(digits.charAt(0));
            if (digits.length() > 1 || alt) {
                b.append('.');
            }
            b.append(digits, 1, digits.length());
            exponent(b, exp);
            return b.toString();
        }
        int decpt = exp + 1;
        if (decpt <= 0) {
            b.append("0.");
            for (int i = 0; i < -decpt; i++) {
                b.append('0');
            }
            b.append(digits);
        } else if (decpt >= digits.length()) {
            b.append(digits);
            for (int i = digits.length(); i < decpt; i++) {
                b.append('0');
            }
            if (alt) {
                b.append('.');
            } else if (noType) {
                b.append(".0");
            }
        } else {
            b.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
        }
        return b.toString();
    }

    /** Python's {@code round(x, n)} for a float. */
    static double round(double x, long n) {
        if (Double.isNaN(x) || Double.isInfinite(x) || x == 0.0) {
            return x;
        }
        if (n > 400) {
            return x;
        }
        if (n < -400) {
            return Math.copySign(0.0, x);
        }
        double v = new BigDecimal(x).setScale((int) n, RoundingMode.HALF_EVEN).doubleValue();
        if (Double.isInfinite(v)) {
            throw Py.error(Py.OVERFLOW, "rounded value too large to represent");
        }
        return v == 0.0 ? Math.copySign(0.0, x) : v;
    }

    /** Python's {@code round(i, n)} for an int. */
    static Object roundInt(Object i, long n) {
        if (n >= 0) {
            return Py.pos(i);
        }
        BigDecimal v = new BigDecimal(Py.big(i)).setScale((int) Math.max(n, -400), RoundingMode.HALF_EVEN);
        return Py.normalize(v.toBigInteger());
    }

    /** Python's {@code float.is_integer}, {@code as_integer_ratio} helpers. */
    static BigInteger[] ratio(double d) {
        BigDecimal v = new BigDecimal(d);
        BigInteger num = v.unscaledValue();
        BigInteger den = BigInteger.ONE;
        if (v.scale() > 0) {
            den = BigInteger.TEN.pow(v.scale());
        } else if (v.scale() < 0) {
            num = num.multiply(BigInteger.TEN.pow(-v.scale()));
        }
        BigInteger g = num.gcd(den);
        return new BigInteger[] {num.divide(g), den.divide(g)};
    }
}

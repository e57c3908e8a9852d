package io.vlm4j.processors.template;

import io.vlm4j.TemplateException;
import java.math.BigDecimal;
import java.math.BigInteger;

/** Python's {@code int()} and {@code float()} conversions, as the {@code int} and {@code float} filters use them. */
final class Conversions {
    private static final java.util.regex.Pattern FLOAT = java.util.regex.Pattern.compile(
            "((\\d(_?\\d)*)(\\.(\\d(_?\\d)*)?)?|\\.\\d(_?\\d)*)([eE][+-]?\\d(_?\\d)*)?");

    private Conversions() {}

    /** Python's {@code float(v)}. */
    static double toFloat(Object v) {
        if (v instanceof Double) {
            return (Double) v;
        }
        if (Py.isInt(v)) {
            return Py.toDouble(v);
        }
        if (v instanceof Undefined) {
            throw ((Undefined) v).error();
        }
        if (Py.isStr(v)) {
            String s = Py.str(v);
            Double d = parseFloat(s);
            if (d == null) {
                throw Py.valueError("could not convert string to float: " + Py.repr(s));
            }
            return d;
        }
        throw Py.typeError("float() argument must be a string or a real number, not " + Py.repr(Py.typeName(v)));
    }

    private static String asciiDigits(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            int n = Character.charCount(c);
            if (c >= 128 && Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER) {
                if (b == null) {
                    b = new StringBuilder(s.substring(0, i));
                }
                b.append((char) ('0' + Character.digit(c, 10)));
            } else if (b != null) {
                b.appendCodePoint(c);
            }
            i += n;
        }
        return b == null ? s : b.toString();
    }

    /** Python's float literal grammar of {@code float(str)}, or null. */
    static Double parseFloat(String text) {
        String s = asciiDigits(PyStrings.strip(text, null, true, true));
        if (s.isEmpty()) {
            return null;
        }
        String body = s;
        String sign = "";
        if (body.startsWith("+") || body.startsWith("-")) {
            sign = body.substring(0, 1);
            body = body.substring(1);
        }
        String lower = body.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("inf") || lower.equals("infinity")) {
            return sign.equals("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (lower.equals("nan")) {
            return Double.NaN;
        }
        if (!FLOAT.matcher(body).matches()) {
            return null;
        }
        try {
            return Double.parseDouble(sign + body.replace("_", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Python's {@code int(str, base)}, or null for a ValueError. */
    static BigInteger parseInt(String text, int base) {
        String s = asciiDigits(PyStrings.strip(text, null, true, true));
        boolean neg = false;
        if (s.startsWith("+") || s.startsWith("-")) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        if (base == 0) {
            if (lower.startsWith("0x")) {
                base = 16;
            } else if (lower.startsWith("0o")) {
                base = 8;
            } else if (lower.startsWith("0b")) {
                base = 2;
            } else {
                base = 10;
                if (s.length() > 1 && s.charAt(0) == '0' && !s.replace("_", "").matches("0+")) {
                    return null;
                }
            }
        }
        if ((base == 16 && lower.startsWith("0x")) || (base == 8 && lower.startsWith("0o"))
                || (base == 2 && lower.startsWith("0b"))) {
            s = s.substring(2);
            if (s.startsWith("_")) {
                s = s.substring(1);
            }
        }
        if (s.isEmpty() || s.startsWith("_") || s.endsWith("_") || s.contains("__")) {
            return null;
        }
        String digits = s.replace("_", "");
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), base) < 0) {
                return null;
            }
        }
        BigInteger v = new BigInteger(digits, base);
        return neg ? v.negate() : v;
    }

    /** Python's {@code int(x)} of a float. */
    static Object floatToInt(double d) {
        if (Double.isInfinite(d)) {
            throw Py.error(Py.OVERFLOW, "cannot convert float infinity to integer");
        }
        if (Double.isNaN(d)) {
            throw Py.valueError("cannot convert float NaN to integer");
        }
        if (Math.abs(d) < 9.0e18) {
            return (long) d;
        }
        return Py.normalize(new BigDecimal(d).toBigInteger());
    }

    /** Python's {@code int(v)} (not of a str). */
    static Object toInt(Object v) {
        if (Py.isInt(v)) {
            return Py.pos(v);
        }
        if (v instanceof Double) {
            return floatToInt((Double) v);
        }
        if (v instanceof Undefined) {
            throw ((Undefined) v).error();
        }
        throw Py.typeError("int() argument must be a string, a bytes-like object or a real number, not "
                + Py.repr(Py.typeName(v)));
    }

    /** jinja2 3.1.2's {@code do_int(value, default, base)}. */
    static Object intFilter(Render r, Object value, Object dflt, Object base) {
        try {
            if (Py.isStr(value)) {
                if (!Py.isInt(base)) {
                    throw Py.typeError("'" + Py.typeName(base) + "' object cannot be interpreted as an integer");
                }
                long b = Py.asIndex(base);
                if (b != 0 && (b < 2 || b > 36)) {
                    throw Py.valueError("int() base must be >= 2 and <= 36, or 0");
                }
                BigInteger v = parseInt(Py.str(value), (int) b);
                if (v == null) {
                    throw Py.valueError("invalid literal for int() with base " + b + ": " + Py.repr(Py.str(value)));
                }
                return Py.intResult(r, v);
            }
            return toInt(value);
        } catch (TemplateException e) {
            if (!isTypeOrValueError(e)) {
                throw e;
            }
            try {
                return floatToInt(toFloat(value));
            } catch (TemplateException e2) {
                if (!isTypeOrValueError(e2)) {
                    throw e2;
                }
                return dflt;
            }
        }
    }

    private static boolean isTypeOrValueError(TemplateException e) {
        return e.type().equals(Py.TYPE_ERROR) || e.type().equals(Py.VALUE_ERROR);
    }
}

package io.vlm4j.processors.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * HF's {@code tojson}: Python's {@code json.dumps(x, ensure_ascii=..., indent=..., separators=..., sort_keys=...)}
 * with its defaults otherwise: separators {@code ", "} and {@code ": "} ({@code ","} with an indent), insertion
 * order, no HTML escaping, Python's float repr, {@code NaN}/{@code Infinity}. Public for its string literals
 * ({@link #string}), which {@code vlm template --batch} writes its JSON lines with. Stateless.
 */
public final class PyJson {
    private PyJson() {}

    /**
     * Python's {@code json.dumps} of a {@code str}: a JSON string literal, quote, backslash, newline, carriage
     * return, tab, backspace and form feed escaped by their two-character escapes, other control characters (and,
     * with {@code ensureAscii}, everything above {@code ~}) by six-character escapes of their UTF-16 units.
     */
    public static String string(String s, boolean ensureAscii) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        appendString(b, s, ensureAscii);
        return b.toString();
    }

    private static void appendString(StringBuilder b, String s, boolean ascii) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    b.append("\\\"");
                    break;
                case '\\':
                    b.append("\\\\");
                    break;
                case '\n':
                    b.append("\\n");
                    break;
                case '\r':
                    b.append("\\r");
                    break;
                case '\t':
                    b.append("\\t");
                    break;
                case '\b':
                    b.append("\\b");
                    break;
                case '\f':
                    b.append("\\f");
                    break;
                default:
                    if (c < 0x20 || (ascii && c > 0x7e)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        b.append('"');
    }

    static String dumps(Render r, Object value, boolean ensureAscii, Object indent, Object separators,
            boolean sortKeys) {
        String ind = null;
        if (indent != null) {
            if (Py.isStr(indent)) {
                ind = Py.str(indent);
            } else if (Py.isInt(indent)) {
                long n = Py.asIndex(indent);
                r.alloc(Math.max(0, n));
                ind = n > 0 ? " ".repeat((int) n) : "";
            } else {
                throw Py.typeError("can't multiply sequence by non-int of type " + Py.repr(Py.typeName(indent)));
            }
        }
        String itemSep = ind != null ? "," : ", ";
        String keySep = ": ";
        if (separators != null) {
            List<Object> seps = Py.toList(r, separators);
            if (seps.size() != 2) {
                throw Py.valueError((seps.size() > 2 ? "too many" : "not enough") + " values to unpack (expected 2"
                        + (seps.size() > 2 ? ")" : ", got " + seps.size() + ")"));
            }
            itemSep = sepString(seps.get(0));
            keySep = sepString(seps.get(1));
        }
        StringBuilder out = new StringBuilder(256);
        new PyJson.Encoder(r, ensureAscii, ind, itemSep, keySep, sortKeys, out).encode(value, 0);
        r.alloc(out.length());
        return out.toString();
    }

    private static String sepString(Object o) {
        if (!Py.isStr(o)) {
            throw Py.typeError("can only concatenate str (not \"" + Py.typeName(o) + "\") to str");
        }
        return Py.str(o);
    }

    private static final class Encoder {
        private final Render r;
        private final boolean ascii;
        private final String indent;
        private final String itemSep;
        private final String keySep;
        private final boolean sortKeys;
        private final StringBuilder out;

        Encoder(Render r, boolean ascii, String indent, String itemSep, String keySep, boolean sortKeys,
                StringBuilder out) {
            this.r = r;
            this.ascii = ascii;
            this.indent = indent;
            this.itemSep = itemSep;
            this.keySep = keySep;
            this.sortKeys = sortKeys;
            this.out = out;
        }

        private void write(String s) {
            out.append(s);
            if (out.length() > r.limits.maxStringLength()) {
                r.alloc(out.length());
            }
        }

        void encode(Object o, int level) {
            if (Py.isStr(o)) {
                string(Py.str(o));
            } else if (o == null) {
                write("null");
            } else if (o instanceof Boolean) {
                write((Boolean) o ? "true" : "false");
            } else if (Py.isInt(o)) {
                write(Py.str(o));
            } else if (o instanceof Double) {
                write(floatText((Double) o));
            } else if (o instanceof List || o instanceof PyTuple) {
                List<?> items = o instanceof List ? (List<?>) o : java.util.Arrays.asList(((PyTuple) o).items);
                if (items.isEmpty()) {
                    write("[]");
                    return;
                }
                String sep = itemSep;
                write("[");
                if (indent != null) {
                    String nl = newline(level + 1);
                    sep = itemSep + nl;
                    write(nl);
                }
                for (int i = 0; i < items.size(); i++) {
                    r.step();
                    if (i > 0) {
                        write(sep);
                    }
                    encode(items.get(i), level + 1);
                }
                if (indent != null) {
                    write(newline(level));
                }
                write("]");
            } else if (o instanceof Map) {
                Map<?, ?> m = (Map<?, ?>) o;
                if (m.isEmpty()) {
                    write("{}");
                    return;
                }
                List<Map.Entry<?, ?>> entries = new ArrayList<>(m.entrySet());
                if (sortKeys) {
                    entries.sort((a, b) -> Py.order(a.getKey(), b.getKey()));
                }
                String sep = itemSep;
                write("{");
                if (indent != null) {
                    String nl = newline(level + 1);
                    sep = itemSep + nl;
                    write(nl);
                }
                boolean first = true;
                for (Map.Entry<?, ?> e : entries) {
                    r.step();
                    Object k = e.getKey();
                    String key;
                    if (Py.isStr(k)) {
                        key = Py.str(k);
                    } else if (k instanceof Double) {
                        key = floatText((Double) k);
                    } else if (k instanceof Boolean) {
                        key = (Boolean) k ? "true" : "false";
                    } else if (k == null) {
                        key = "null";
                    } else if (Py.isInt(k)) {
                        key = Py.str(k);
                    } else {
                        throw Py.typeError("keys must be str, int, float, bool or None, not " + Py.typeName(k));
                    }
                    if (!first) {
                        write(sep);
                    }
                    first = false;
                    string(key);
                    write(keySep);
                    encode(e.getValue(), level + 1);
                }
                if (indent != null) {
                    write(newline(level));
                }
                write("}");
            } else {
                throw Py.typeError("Object of type " + Py.typeName(o) + " is not JSON serializable");
            }
        }

        private final List<String> newlines = new ArrayList<>();

        private String newline(int level) {
            while (newlines.size() <= level) {
                newlines.add("\n" + indent.repeat(newlines.size()));
            }
            return newlines.get(level);
        }

        private static String floatText(double d) {
            if (Double.isNaN(d)) {
                return "NaN";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "Infinity" : "-Infinity";
            }
            return PyFloats.repr(d);
        }

        private void string(String s) {
            appendString(out, s, ascii);
            if (out.length() > r.limits.maxStringLength()) {
                r.alloc(out.length());
            }
        }
    }
}

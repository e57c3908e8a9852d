package io.vlm4j.processors.template;

import io.vlm4j.TemplateException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Python's string formatting: {@code str.format} as the sandbox's {@code SandboxedFormatter} runs it (field
 * lookups go through {@link Attrs}, so {@code '{0.__class__}'} is the unsafe undefined), the format-spec
 * mini-language of {@code format(value, spec)}, and printf-style {@code str % values}. Stateless.
 */
final class PyFormat {
    private PyFormat() {}

    /** Widths and precisions beyond this would build strings no render may hold. */
    private static final long MAX_FIELD = 1 << 24;

    private static TemplateException valueError(String m) {
        return Py.valueError(m);
    }

    private static void checkField(long width, long precision) {
        if (width > MAX_FIELD || precision > MAX_FIELD) {
            throw new TemplateException(Render.LIMIT_EXCEEDED, "a format field of width or precision above "
                    + MAX_FIELD);
        }
    }

    // ---- str.format

    static String format(Render r, String fmt, Object[] args, Map<String, Object> kwargs) {
        StringBuilder out = new StringBuilder();
        int[] auto = {0};
        vformat(r, fmt, args, kwargs, null, 2, auto, out);
        return out.toString();
    }

    static String formatMap(Render r, String fmt, Object mapping) {
        StringBuilder out = new StringBuilder();
        int[] auto = {0};
        vformat(r, fmt, new Object[0], null, mapping, 2, auto, out);
        return out.toString();
    }

    /** {@code auto[0]}: the next automatic index, or -1 once manual numbering was used. */
    private static void vformat(Render r, String fmt, Object[] args, Map<String, Object> kwargs, Object mapping,
            int depth, int[] auto, StringBuilder out) {
        if (depth < 0) {
            throw valueError("Max string recursion exceeded");
        }
        int n = fmt.length();
        int i = 0;
        while (i < n) {
            char c = fmt.charAt(i);
            if (c == '}') {
                if (i + 1 < n && fmt.charAt(i + 1) == '}') {
                    out.append('}');
                    i += 2;
                    continue;
                }
                throw valueError("Single '}' encountered in format string");
            }
            if (c != '{') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 < n && fmt.charAt(i + 1) == '{') {
                out.append('{');
                i += 2;
                continue;
            }
            int j = i + 1;
            int level = 1;
            while (j < n) {
                char d = fmt.charAt(j);
                if (d == '{') {
                    level++;
                } else if (d == '}') {
                    level--;
                    if (level == 0) {
                        break;
                    }
                } else if (d == '[' && level == 1) {
                    int close = fmt.indexOf(']', j);
                    if (close > 0) {
                        j = close;
                    }
                }
                j++;
            }
            if (j >= n) {
                throw valueError(level > 1 ? "unmatched '{' in format spec" : "expected '}' before end of string");
            }
            String field = fmt.substring(i + 1, j);
            i = j + 1;
            String name = field;
            String conversion = null;
            String spec = "";
            int k = 0;
            int bracket = 0;
            int cut = -1;
            for (; k < field.length(); k++) {
                char d = field.charAt(k);
                if (d == '[') {
                    bracket++;
                } else if (d == ']') {
                    bracket--;
                } else if (bracket == 0 && (d == '!' || d == ':')) {
                    cut = k;
                    break;
                }
            }
            if (cut >= 0) {
                name = field.substring(0, cut);
                String rest = field.substring(cut);
                if (rest.charAt(0) == '!') {
                    if (rest.length() < 2) {
                        throw valueError("end of string while looking for conversion specifier");
                    }
                    conversion = rest.substring(1, 2);
                    rest = rest.substring(2);
                    if (!rest.isEmpty() && rest.charAt(0) != ':') {
                        throw valueError("expected ':' after conversion specifier");
                    }
                }
                if (!rest.isEmpty()) {
                    spec = rest.substring(1);
                }
            }
            Object obj = field(r, name, args, kwargs, mapping, auto);
            if (conversion != null) {
                switch (conversion) {
                    case "r":
                        obj = Py.repr(obj);
                        break;
                    case "s":
                        obj = Py.str(obj);
                        break;
                    case "a":
                        obj = ascii(Py.repr(obj));
                        break;
                    default:
                        throw valueError("Unknown conversion specifier " + conversion);
                }
            }
            StringBuilder specOut = new StringBuilder();
            vformat(r, spec, args, kwargs, mapping, depth - 1, auto, specOut);
            String text = formatValue(obj, specOut.toString());
            r.alloc((long) out.length() + text.length());
            out.append(text);
        }
    }

    static String ascii(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c < 128) {
                b.append((char) c);
            } else if (c <= 0xff) {
                b.append(String.format("\\x%02x", c));
            } else if (c <= 0xffff) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.append(String.format("\\U%08x", c));
            }
        }
        return b.toString();
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static Object field(Render r, String name, Object[] args, Map<String, Object> kwargs, Object mapping,
            int[] auto) {
        int end = name.length();
        for (int k = 0; k < name.length(); k++) {
            char d = name.charAt(k);
            if (d == '.' || d == '[') {
                end = k;
                break;
            }
        }
        String first = name.substring(0, end);
        if (first.isEmpty()) {
            if (auto[0] < 0) {
                throw valueError("cannot switch from manual field specification to automatic field numbering");
            }
            first = String.valueOf(auto[0]++);
        } else if (isDigits(first)) {
            if (auto[0] > 0) {
                throw valueError("cannot switch from manual field specification to automatic field numbering");
            }
            auto[0] = -1;
        }
        Object obj;
        if (isDigits(first)) {
            int idx = Integer.parseInt(first);
            if (mapping != null || idx >= args.length) {
                throw Py.error(Py.INDEX_ERROR, "Replacement index " + idx + " out of range for positional args tuple");
            }
            obj = args[idx];
        } else if (mapping != null) {
            obj = Attrs.item(mapping, first);
            if (obj == Dicts.ABSENT) {
                throw Py.error(Py.KEY_ERROR, Py.repr(first));
            }
        } else {
            if (kwargs == null || !kwargs.containsKey(first)) {
                throw Py.error(Py.KEY_ERROR, Py.repr(first));
            }
            obj = kwargs.get(first);
        }
        int p = end;
        while (p < name.length()) {
            char d = name.charAt(p);
            if (d == '.') {
                int q = p + 1;
                while (q < name.length() && name.charAt(q) != '.' && name.charAt(q) != '[') {
                    q++;
                }
                String attr = name.substring(p + 1, q);
                if (attr.isEmpty()) {
                    throw valueError("Empty attribute in format string");
                }
                obj = Attrs.getattr(obj, attr);
                p = q;
            } else if (d == '[') {
                int q = name.indexOf(']', p);
                if (q < 0) {
                    throw valueError("Missing ']' in format string");
                }
                String key = name.substring(p + 1, q);
                if (key.isEmpty()) {
                    throw valueError("Empty attribute in format string");
                }
                obj = Attrs.getitem(obj, isDigits(key) ? (Object) Long.parseLong(key) : key);
                p = q + 1;
                if (p < name.length() && name.charAt(p) != '.' && name.charAt(p) != '[') {
                    throw valueError("Only '.' or '[' may follow ']' in format field specifier");
                }
            } else {
                throw valueError("Only '.' or '[' may follow ']' in format field specifier");
            }
        }
        return obj;
    }

    // ---- format(value, spec)

    private static final class Spec {
        int fill = ' ';
        char align;
        char sign;
        boolean alt;
        boolean zero;
        long width = -1;
        char grouping;
        int precision = -1;
        char type;
    }

    private static Spec parseSpec(String spec, Object value) {
        Spec s = new Spec();
        int[] cps = spec.codePoints().toArray();
        int i = 0;
        int n = cps.length;
        boolean fillGiven = false;
        if (n >= 2 && "<>=^".indexOf(cps[1]) >= 0) {
            s.fill = cps[0];
            s.align = (char) cps[1];
            fillGiven = true;
            i = 2;
        } else if (n >= 1 && "<>=^".indexOf(cps[0]) >= 0) {
            s.align = (char) cps[0];
            i = 1;
        }
        if (i < n && (cps[i] == '+' || cps[i] == '-' || cps[i] == ' ')) {
            s.sign = (char) cps[i++];
        }
        if (i < n && cps[i] == '#') {
            s.alt = true;
            i++;
        }
        if (i < n && cps[i] == '0') {
            s.zero = true;
            i++;
        }
        int ws = i;
        while (i < n && cps[i] >= '0' && cps[i] <= '9') {
            i++;
        }
        if (i > ws) {
            s.width = i - ws > 12 ? Long.MAX_VALUE : Long.parseLong(new String(cps, ws, i - ws));
        }
        if (i < n && (cps[i] == ',' || cps[i] == '_')) {
            s.grouping = (char) cps[i++];
        }
        if (i < n && cps[i] == '.') {
            i++;
            int ps = i;
            while (i < n && cps[i] >= '0' && cps[i] <= '9') {
                i++;
            }
            if (i == ps) {
                throw valueError("Format specifier missing precision");
            }
            s.precision = i - ps > 9 ? Integer.MAX_VALUE : Integer.parseInt(new String(cps, ps, i - ps));
        }
        if (i < n) {
            s.type = (char) cps[i++];
        }
        if (i < n) {
            throw valueError("Invalid format specifier");
        }
        checkField(s.width, s.precision);
        if (s.zero) {
            if (!fillGiven) {
                s.fill = '0';
            }
            if (s.align == 0 && !Py.isStr(value)) {
                s.align = '=';
            }
        }
        return s;
    }

    /** Python's {@code format(value, spec)}. */
    static String formatValue(Object value, String spec) {
        if (value instanceof Boolean && spec.isEmpty()) {
            return Py.str(value);
        }
        if (Py.isStr(value)) {
            if (spec.isEmpty()) {
                return Py.str(value);
            }
            Spec s = parseSpec(spec, value);
            if (s.type != 0 && s.type != 's') {
                throw valueError("Unknown format code '" + s.type + "' for object of type 'str'");
            }
            if (s.sign != 0) {
                throw valueError("Sign not allowed in string format specifier");
            }
            if (s.alt) {
                throw valueError("Alternate form (#) not allowed in string format specifier");
            }
            if (s.align == '=') {
                throw valueError("'=' alignment not allowed in string format specifier");
            }
            if (s.grouping != 0) {
                throw valueError("Cannot specify ',' with 's'.");
            }
            String str = Py.str(value);
            if (s.precision >= 0 && PyStrings.length(str) > s.precision) {
                str = PyStrings.slice(str, new PySlice(null, (long) s.precision, null));
            }
            return pad(str, "", s, '<');
        }
        if (Py.isInt(value)) {
            Spec s = parseSpec(spec, value);
            if ("eEfFgG%".indexOf(s.type) >= 0 && s.type != 0) {
                return formatFloat(Py.toDouble(value), s);
            }
            return formatInt(Py.big(value), s);
        }
        if (value instanceof Double) {
            if (spec.isEmpty()) {
                return Py.str(value);
            }
            return formatFloat((Double) value, parseSpec(spec, value));
        }
        if (spec.isEmpty()) {
            return Py.str(value);
        }
        throw Py.typeError("unsupported format string passed to " + Py.typeName(value) + ".__format__");
    }

    private static String pad(String body, String signPrefix, Spec s, char defaultAlign) {
        char align = s.align == 0 ? defaultAlign : s.align;
        long len = PyStrings.length(body) + PyStrings.length(signPrefix);
        if (s.width <= len) {
            return signPrefix + body;
        }
        long padding = s.width - len;
        StringBuilder fill = new StringBuilder();
        switch (align) {
            case '<':
                return signPrefix + body + repeat(s.fill, padding);
            case '>':
                return repeat(s.fill, padding) + signPrefix + body;
            case '^':
                long left = padding / 2;
                return repeat(s.fill, left) + signPrefix + body + repeat(s.fill, padding - left);
            default:
                fill.append(signPrefix).append(repeat(s.fill, padding)).append(body);
                return fill.toString();
        }
    }

    private static String repeat(int cp, long n) {
        StringBuilder b = new StringBuilder();
        for (long i = 0; i < n; i++) {
            b.appendCodePoint(cp);
        }
        return b.toString();
    }

    private static String group(String digits, char sep, int every) {
        if (sep == 0) {
            return digits;
        }
        StringBuilder b = new StringBuilder();
        int n = digits.length();
        for (int i = 0; i < n; i++) {
            if (i > 0 && (n - i) % every == 0) {
                b.append(sep);
            }
            b.append(digits.charAt(i));
        }
        return b.toString();
    }

    private static String signPrefix(boolean negative, char sign) {
        if (negative) {
            return "-";
        }
        if (sign == '+') {
            return "+";
        }
        if (sign == ' ') {
            return " ";
        }
        return "";
    }

    private static String formatInt(BigInteger v, Spec s) {
        char type = s.type == 0 ? 'd' : s.type;
        if (s.precision >= 0) {
            throw valueError("Precision not allowed in integer format specifier");
        }
        String digits;
        String prefix = "";
        BigInteger a = v.abs();
        switch (type) {
            case 'd':
            case 'n':
                digits = group(a.toString(), s.grouping, 3);
                break;
            case 'b':
                digits = group(a.toString(2), s.grouping, 4);
                prefix = s.alt ? "0b" : "";
                break;
            case 'o':
                digits = group(a.toString(8), s.grouping, 4);
                prefix = s.alt ? "0o" : "";
                break;
            case 'x':
                digits = group(a.toString(16), s.grouping, 4);
                prefix = s.alt ? "0x" : "";
                break;
            case 'X':
                digits = group(a.toString(16).toUpperCase(), s.grouping, 4);
                prefix = s.alt ? "0X" : "";
                break;
            case 'c':
                if (v.signum() < 0 || v.compareTo(BigInteger.valueOf(0x10ffff)) > 0) {
                    throw Py.error(Py.OVERFLOW, "%c arg not in range(0x110000)");
                }
                return pad(new String(Character.toChars(v.intValue())), "", s, '<');
            default:
                throw valueError("Unknown format code '" + type + "' for object of type 'int'");
        }
        String sign = signPrefix(v.signum() < 0, s.sign) + prefix;
        if (s.align == '=' && s.fill == '0' && s.grouping != 0 && s.width > 0) {
            long want = s.width - sign.length();
            String raw = digits.replace(String.valueOf(s.grouping), "");
            int every = type == 'd' || type == 'n' ? 3 : 4;
            while (group(raw, s.grouping, every).length() < want) {
                raw = "0" + raw;
            }
            digits = group(raw, s.grouping, every);
            if (digits.length() > want && digits.charAt(0) == s.grouping) {
                digits = digits.substring(1);
            }
        }
        return pad(digits, sign, s, '>');
    }

    private static String formatFloat(double d, Spec s) {
        char type = s.type;
        boolean neg = d < 0 || (d == 0.0 && 1.0 / d < 0);
        String body;
        if (type == 0) {
            if (s.precision < 0) {
                body = PyFloats.repr(Math.abs(d));
            } else {
                body = PyFloats.formatAbs(d, '0', s.precision, s.alt);
            }
        } else if ("eEfFgG%n".indexOf(type) >= 0) {
            char t = type == 'n' ? 'g' : type;
            body = PyFloats.formatAbs(d, t, s.precision < 0 ? 6 : s.precision, s.alt);
        } else {
            throw valueError("Unknown format code '" + type + "' for object of type 'float'");
        }
        if (s.grouping != 0 && !Double.isNaN(d) && !Double.isInfinite(d)) {
            int dot = body.indexOf('.');
            int e = body.indexOf('e');
            int end = dot >= 0 ? dot : e >= 0 ? e : body.endsWith("%") ? body.length() - 1 : body.length();
            body = group(body.substring(0, end), s.grouping, 3) + body.substring(end);
        }
        return pad(body, signPrefix(neg, s.sign), s, '>');
    }

    // ---- printf-style

    /** The state of one {@code %} formatting: CPython's {@code argidx}/{@code arglen} of the arguments. */
    private static final class PercentArgs {
        final Object values;
        final Object[] items;
        final int arglen;
        int argidx;

        PercentArgs(Object values) {
            this.values = values;
            if (values instanceof PyTuple) {
                items = ((PyTuple) values).items;
                arglen = items.length;
                argidx = 0;
            } else {
                items = null;
                arglen = -1;
                argidx = -2;
            }
        }

        Object next() {
            if (argidx < arglen) {
                argidx++;
                return arglen < 0 ? values : items[argidx - 1];
            }
            throw Py.typeError("not enough arguments for format string");
        }
    }

    /** {@code fmt % values}. */
    static Object percent(Render r, Object fmtValue, Object values) {
        String fmt = Py.str(fmtValue);
        boolean markup = fmtValue instanceof Markup;
        PercentArgs args = new PercentArgs(values);
        // CPython treats anything with __getitem__ as a mapping here; MarkupSafe wraps a non-tuple argument in a
        // helper that has one
        Object mapping = values instanceof Map || values instanceof List || values instanceof PyRange
                || values instanceof Undefined || markup && !(values instanceof PyTuple) ? values : null;
        StringBuilder out = new StringBuilder();
        int n = fmt.length();
        int i = 0;
        while (i < n) {
            char c = fmt.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            i++;
            if (i >= n) {
                throw valueError("incomplete format");
            }
            Object key = null;
            if (fmt.charAt(i) == '(') {
                int depth = 1;
                int j = i + 1;
                while (j < n && depth > 0) {
                    if (fmt.charAt(j) == '(') {
                        depth++;
                    } else if (fmt.charAt(j) == ')') {
                        depth--;
                    }
                    j++;
                }
                if (depth > 0) {
                    throw valueError("incomplete format key");
                }
                key = fmt.substring(i + 1, j - 1);
                i = j;
                if (mapping == null) {
                    throw Py.typeError("format requires a mapping");
                }
            }
            Spec s = new Spec();
            while (i < n && "-+ #0".indexOf(fmt.charAt(i)) >= 0) {
                char f = fmt.charAt(i++);
                if (f == '-') {
                    s.align = '<';
                } else if (f == '+') {
                    s.sign = '+';
                } else if (f == ' ') {
                    if (s.sign != '+') {
                        s.sign = ' ';
                    }
                } else if (f == '#') {
                    s.alt = true;
                } else {
                    s.zero = true;
                }
            }
            if (i < n && fmt.charAt(i) == '*') {
                i++;
                Object w = args.next();
                if (!Py.isInt(w)) {
                    throw Py.typeError("* wants int");
                }
                long wv = Py.asIndex(w);
                if (wv < 0) {
                    s.align = '<';
                    wv = -wv;
                }
                s.width = wv;
            } else {
                int ws = i;
                while (i < n && fmt.charAt(i) >= '0' && fmt.charAt(i) <= '9') {
                    i++;
                }
                if (i > ws) {
                    s.width = i - ws > 12 ? Long.MAX_VALUE : Long.parseLong(fmt.substring(ws, i));
                }
            }
            if (i < n && fmt.charAt(i) == '.') {
                i++;
                if (i < n && fmt.charAt(i) == '*') {
                    i++;
                    Object p = args.next();
                    if (!Py.isInt(p)) {
                        throw Py.typeError("* wants int");
                    }
                    s.precision = (int) Math.max(0, Math.min(Integer.MAX_VALUE, Py.asIndex(p)));
                } else {
                    int ps = i;
                    while (i < n && fmt.charAt(i) >= '0' && fmt.charAt(i) <= '9') {
                        i++;
                    }
                    s.precision = i - ps > 9 ? Integer.MAX_VALUE : i > ps ? Integer.parseInt(fmt.substring(ps, i)) : 0;
                }
            }
            while (i < n && "hlL".indexOf(fmt.charAt(i)) >= 0) {
                i++;
            }
            if (i >= n) {
                throw valueError("incomplete format");
            }
            char type = fmt.charAt(i++);
            if (type == '%') {
                out.append('%');
                continue;
            }
            checkField(s.width, s.precision);
            if (r != null) {
                r.alloc(s.width);
            }
            Object v;
            if (key != null) {
                v = Attrs.item(mapping, key);
                if (v == Dicts.ABSENT) {
                    if (mapping instanceof Map) {
                        throw Py.error(Py.KEY_ERROR, Py.repr(key));
                    }
                    if (mapping instanceof Undefined) {
                        throw ((Undefined) mapping).error();
                    }
                    throw Py.typeError(Py.typeName(mapping) + " indices must be integers or slices, not str");
                }
            } else {
                v = args.next();
            }
            if (s.zero && s.align != '<') {
                s.fill = '0';
                s.align = '=';
            } else if (s.align == 0) {
                s.align = '>';
            }
            String text = percentOne(v, type, s, i - 1);
            if (markup && (type == 's' || type == 'r' || type == 'a')) {
                text = Markup.escapeText(text);
            }
            out.append(text);
            if (r != null) {
                r.alloc(out.length());
            }
        }
        if (args.argidx < args.arglen && mapping == null) {
            throw Py.typeError("not all arguments converted during string formatting");
        }
        return markup ? new Markup(out.toString()) : out.toString();
    }

    private static String percentOne(Object v, char type, Spec s, int index) {
        switch (type) {
            case 's':
            case 'r':
            case 'a': {
                String str = type == 's' ? Py.str(v) : type == 'r' ? Py.repr(v) : ascii(Py.repr(v));
                if (s.precision >= 0 && PyStrings.length(str) > s.precision) {
                    str = PyStrings.slice(str, new PySlice(null, (long) s.precision, null));
                }
                Spec t = new Spec();
                t.width = s.width;
                t.align = s.align == '<' ? '<' : '>';
                return pad(str, "", t, '>');
            }
            case 'd':
            case 'i':
            case 'u': {
                Object iv;
                if (Py.isInt(v)) {
                    iv = v;
                } else if (v instanceof Double) {
                    iv = Conversions.floatToInt((Double) v);
                } else {
                    if (v instanceof Undefined) {
                        throw ((Undefined) v).error();
                    }
                    throw Py.typeError("%" + type + " format: a real number is required, not " + Py.typeName(v));
                }
                Spec t = copyForInt(s);
                String body = Py.big(iv).abs().toString();
                if (s.precision > 0) {
                    body = "0".repeat(Math.max(0, s.precision - body.length())) + body;
                }
                return pad(body, signPrefix(Py.big(iv).signum() < 0, s.sign), t, '>');
            }
            case 'o':
            case 'x':
            case 'X': {
                if (!Py.isInt(v)) {
                    if (v instanceof Undefined) {
                        throw ((Undefined) v).error();
                    }
                    throw Py.typeError("%" + type + " format: an integer is required, not " + Py.typeName(v));
                }
                BigInteger b = Py.big(v);
                String body = type == 'o' ? b.abs().toString(8) : b.abs().toString(16);
                if (type == 'X') {
                    body = body.toUpperCase();
                }
                if (s.precision > 0) {
                    body = "0".repeat(Math.max(0, s.precision - body.length())) + body;
                }
                String prefix = s.alt ? (type == 'o' ? "0o" : type == 'x' ? "0x" : "0X") : "";
                return pad(body, signPrefix(b.signum() < 0, s.sign) + prefix, copyForInt(s), '>');
            }
            case 'e':
            case 'E':
            case 'f':
            case 'F':
            case 'g':
            case 'G': {
                double d;
                if (v instanceof Double) {
                    d = (Double) v;
                } else if (Py.isInt(v)) {
                    d = Py.toDouble(v);
                } else {
                    if (v instanceof Undefined) {
                        throw ((Undefined) v).error();
                    }
                    throw Py.typeError("must be real number, not " + Py.typeName(v));
                }
                boolean neg = d < 0 || (d == 0.0 && 1.0 / d < 0);
                String body = PyFloats.formatAbs(d, type, s.precision < 0 ? 6 : s.precision, s.alt);
                Spec t = copyForInt(s);
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    t.fill = ' ';
                    if (t.align == '=') {
                        t.align = '>';
                    }
                }
                return pad(body, signPrefix(neg, s.sign), t, '>');
            }
            case 'c': {
                String c;
                if (Py.isInt(v)) {
                    BigInteger b = Py.big(v);
                    if (b.signum() < 0 || b.compareTo(BigInteger.valueOf(0x10ffff)) > 0) {
                        throw Py.error(Py.OVERFLOW, "%c arg not in range(0x110000)");
                    }
                    c = new String(Character.toChars(b.intValue()));
                } else if (Py.isStr(v) && PyStrings.length(Py.str(v)) == 1) {
                    c = Py.str(v);
                } else {
                    throw Py.typeError("%c requires int or char");
                }
                Spec t = new Spec();
                t.width = s.width;
                t.align = s.align == '<' ? '<' : '>';
                return pad(c, "", t, '>');
            }
            default:
                throw valueError("unsupported format character " + Py.repr(String.valueOf(type)) + " (0x"
                        + Integer.toHexString(type) + ") at index " + index);
        }
    }

    private static Spec copyForInt(Spec s) {
        Spec t = new Spec();
        t.width = s.width;
        t.align = s.align;
        t.fill = s.fill;
        return t;
    }
}

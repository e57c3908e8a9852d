package io.vlm4j.processors.template;

import io.vlm4j.TemplateException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Python 3.11's semantics over the values a template sees: None is {@code null}, bool {@link Boolean}, int
 * {@link Long} or {@link BigInteger}, float {@link Double}, str {@link String}, list {@link List}, dict
 * {@link Map} (insertion order), tuple {@link PyTuple}, plus Jinja2's runtime types. Truth, {@code str()} and
 * {@code repr()}, equality and ordering, arithmetic, {@code len()}, iteration and {@code in}, with Python's error
 * types and messages. Stateless.
 */
final class Py {
    static final String TYPE_ERROR = "TypeError";
    static final String VALUE_ERROR = "ValueError";
    static final String ZERO_DIVISION = "ZeroDivisionError";
    static final String OVERFLOW = "OverflowError";
    static final String INDEX_ERROR = "IndexError";
    static final String KEY_ERROR = "KeyError";

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final Object NONE_KEY = new Object();
    private static final Object UNDEFINED_KEY = new Object();

    private Py() {}

    // ---- errors

    static TemplateException error(String type, String message) {
        return new TemplateException(type, message);
    }

    static TemplateException typeError(String message) {
        return new TemplateException(TYPE_ERROR, message);
    }

    static TemplateException valueError(String message) {
        return new TemplateException(VALUE_ERROR, message);
    }

    // ---- types

    /** {@code type(o).__name__}. */
    static String typeName(Object o) {
        if (o == null) {
            return "NoneType";
        }
        if (o instanceof String) {
            return "str";
        }
        if (o instanceof Long || o instanceof BigInteger || o instanceof Integer) {
            return "int";
        }
        if (o instanceof Boolean) {
            return "bool";
        }
        if (o instanceof Double) {
            return "float";
        }
        if (o instanceof List) {
            return "list";
        }
        if (o instanceof Map) {
            return "dict";
        }
        if (o instanceof PyTuple) {
            return ((PyTuple) o).fields != null ? "_GroupTuple" : "tuple";
        }
        if (o instanceof Markup) {
            return "Markup";
        }
        if (o instanceof Undefined) {
            return "Undefined";
        }
        if (o instanceof PyRange) {
            return "range";
        }
        if (o instanceof DictView) {
            return ((DictView) o).kind.typeName;
        }
        if (o instanceof PyIterator) {
            return ((PyIterator) o).typeName;
        }
        if (o instanceof LoopContext) {
            return "LoopContext";
        }
        if (o instanceof Macro) {
            return "Macro";
        }
        if (o instanceof Namespace) {
            return "Namespace";
        }
        if (o instanceof Cycler) {
            return "Cycler";
        }
        if (o instanceof Joiner) {
            return "Joiner";
        }
        if (o instanceof BoundMethod) {
            return ((BoundMethod) o).typeName();
        }
        if (o instanceof Builtin) {
            return ((Builtin) o).pyType;
        }
        if (o instanceof TemplateReference) {
            return "TemplateReference";
        }
        if (o instanceof TemplateReference.BlockReference) {
            return "BlockReference";
        }
        if (o instanceof PySlice) {
            return "slice";
        }
        return o.getClass().getSimpleName();
    }

    /** Jinja2's {@code object_type_repr}: {@code 'dict object'}, {@code jinja2.runtime.LoopContext object}. */
    static String objectTypeRepr(Object o) {
        if (o == null) {
            return "None";
        }
        String module = null;
        if (o instanceof LoopContext || o instanceof Macro || o instanceof Undefined
                || o instanceof TemplateReference || o instanceof TemplateReference.BlockReference) {
            module = "jinja2.runtime";
        } else if (o instanceof Namespace || o instanceof Cycler || o instanceof Joiner) {
            module = "jinja2.utils";
        } else if (o instanceof PyTuple && ((PyTuple) o).fields != null) {
            module = "jinja2.filters";
        } else if (o instanceof Markup) {
            module = "markupsafe";
        }
        return (module == null ? "" : module + ".") + typeName(o) + " object";
    }

    static boolean isStr(Object o) {
        return o instanceof String || o instanceof Markup;
    }

    /** int (bool included, as in Python). */
    static boolean isInt(Object o) {
        return o instanceof Long || o instanceof Boolean || o instanceof BigInteger || o instanceof Integer;
    }

    static boolean isNumber(Object o) {
        return isInt(o) || o instanceof Double;
    }

    static boolean isList(Object o) {
        return o instanceof List;
    }

    // ---- truth

    static boolean truthy(Object o) {
        if (o == null) {
            return false;
        }
        if (o instanceof Boolean) {
            return (Boolean) o;
        }
        if (o instanceof String) {
            return !((String) o).isEmpty();
        }
        if (o instanceof Long) {
            return (Long) o != 0L;
        }
        if (o instanceof Undefined) {
            return false;
        }
        if (o instanceof List) {
            return !((List<?>) o).isEmpty();
        }
        if (o instanceof Map) {
            return !((Map<?, ?>) o).isEmpty();
        }
        if (o instanceof Double) {
            return (Double) o != 0.0;
        }
        if (o instanceof BigInteger) {
            return ((BigInteger) o).signum() != 0;
        }
        if (o instanceof Integer) {
            return (Integer) o != 0;
        }
        if (o instanceof Markup) {
            return !((Markup) o).s.isEmpty();
        }
        if (o instanceof PyTuple) {
            return ((PyTuple) o).size() > 0;
        }
        if (o instanceof PyRange) {
            return ((PyRange) o).length > 0;
        }
        if (o instanceof DictView) {
            return !((DictView) o).map.isEmpty();
        }
        if (o instanceof LoopContext) {
            return ((LoopContext) o).length() > 0;
        }
        return true;
    }

    // ---- str() and repr()

    /** Python's {@code str(o)}; Undefined prints as empty. */
    static String str(Object o) {
        if (o instanceof String) {
            return (String) o;
        }
        if (o == null) {
            return "None";
        }
        if (o instanceof Long || o instanceof Integer) {
            return o.toString();
        }
        if (o instanceof Boolean) {
            return (Boolean) o ? "True" : "False";
        }
        if (o instanceof Undefined) {
            return "";
        }
        if (o instanceof Markup) {
            return ((Markup) o).s;
        }
        if (o instanceof Double) {
            return PyFloats.repr((Double) o);
        }
        if (o instanceof BigInteger) {
            return o.toString();
        }
        return repr(o);
    }

    /**
     * The longest text {@code repr} builds: containers that share themselves ({@code [l] * 1000} nested) would
     * otherwise print without end.
     */
    static final int REPR_CAP = 1 << 26;

    private static void capped(StringBuilder b) {
        if (b.length() > REPR_CAP) {
            throw new TemplateException(Render.LIMIT_EXCEEDED, "the repr of a value is longer than " + REPR_CAP
                    + " characters");
        }
    }

    static String repr(Object o) {
        if (o instanceof String) {
            return reprString((String) o);
        }
        StringBuilder b = new StringBuilder();
        repr(o, b);
        return b.toString();
    }

    static void repr(Object o, StringBuilder b) {
        if (o instanceof String) {
            reprString((String) o, b);
        } else if (o == null) {
            b.append("None");
        } else if (o instanceof Boolean || o instanceof Long || o instanceof BigInteger || o instanceof Integer
                || o instanceof Double) {
            b.append(str(o));
        } else if (o instanceof List) {
            b.append('[');
            List<?> l = (List<?>) o;
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    b.append(", ");
                }
                repr(l.get(i), b);
                capped(b);
            }
            b.append(']');
        } else if (o instanceof Map) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
                if (!first) {
                    b.append(", ");
                }
                first = false;
                repr(e.getKey(), b);
                b.append(": ");
                repr(e.getValue(), b);
                capped(b);
            }
            b.append('}');
        } else if (o instanceof PyTuple) {
            PyTuple t = (PyTuple) o;
            b.append('(');
            for (int i = 0; i < t.size(); i++) {
                if (i > 0) {
                    b.append(", ");
                }
                repr(t.get(i), b);
                capped(b);
            }
            if (t.size() == 1) {
                b.append(',');
            }
            b.append(')');
        } else if (o instanceof Markup) {
            b.append("Markup(");
            reprString(((Markup) o).s, b);
            b.append(')');
        } else if (o instanceof Undefined) {
            b.append("Undefined");
        } else if (o instanceof PyRange) {
            PyRange r = (PyRange) o;
            b.append("range(").append(r.start).append(", ").append(r.stop);
            if (r.step != 1) {
                b.append(", ").append(r.step);
            }
            b.append(')');
        } else if (o instanceof DictView) {
            DictView v = (DictView) o;
            b.append(v.kind.typeName).append("([");
            boolean first = true;
            for (Map.Entry<Object, Object> e : v.map.entrySet()) {
                if (!first) {
                    b.append(", ");
                }
                first = false;
                switch (v.kind) {
                    case KEYS:
                        repr(e.getKey(), b);
                        break;
                    case VALUES:
                        repr(e.getValue(), b);
                        break;
                    default:
                        b.append('(');
                        repr(e.getKey(), b);
                        b.append(", ");
                        repr(e.getValue(), b);
                        b.append(')');
                }
            }
            b.append("])");
        } else if (o instanceof LoopContext) {
            LoopContext l = (LoopContext) o;
            b.append("<LoopContext ").append(l.index0 + 1).append('/').append(l.length()).append('>');
        } else if (o instanceof Macro) {
            Macro m = (Macro) o;
            b.append("<Macro ").append(m.def.name == null ? "anonymous" : reprString(m.def.name)).append('>');
        } else if (o instanceof Namespace) {
            b.append("<Namespace ");
            repr(((Namespace) o).attrs, b);
            b.append('>');
        } else if (o instanceof PyIterator) {
            PyIterator it = (PyIterator) o;
            if (it.functionName != null) {
                b.append("<generator object ").append(it.functionName).append(" at ").append(address(o)).append('>');
            } else {
                b.append('<').append(it.typeName).append(" object at ").append(address(o)).append('>');
            }
        } else if (o instanceof BoundMethod) {
            BoundMethod m = (BoundMethod) o;
            if (m.typeName().equals("method")) {
                b.append("<bound method ").append(typeName(m.self)).append('.').append(m.name).append(" of ");
                repr(m.self, b);
                b.append('>');
            } else {
                b.append("<built-in method ").append(m.name).append(" of ").append(typeName(m.self))
                        .append(" object at ").append(address(m.self)).append('>');
            }
        } else if (o instanceof Builtin) {
            b.append(((Builtin) o).repr());
        } else if (o instanceof TemplateReference) {
            b.append("<TemplateReference None>");
        } else if (o instanceof PySlice) {
            PySlice s = (PySlice) o;
            b.append("slice(");
            repr(s.start, b);
            b.append(", ");
            repr(s.stop, b);
            b.append(", ");
            repr(s.step, b);
            b.append(')');
        } else {
            b.append('<').append(objectTypeRepr(o)).append(" at ").append(address(o)).append('>');
        }
    }

    /** Python shows memory addresses; they cannot match, so a stable stand-in is printed. */
    private static String address(Object o) {
        return String.format("0x7f%010x", System.identityHashCode(o) & 0xffffffffL);
    }

    static String reprString(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2);
        reprString(s, b);
        return b.toString();
    }

    static void reprString(String s, StringBuilder b) {
        char quote = '\'';
        if (s.indexOf('\'') >= 0 && s.indexOf('"') < 0) {
            quote = '"';
        }
        b.append(quote);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == quote || cp == '\\') {
                b.append('\\').append((char) cp);
            } else if (cp == '\t') {
                b.append("\\t");
            } else if (cp == '\n') {
                b.append("\\n");
            } else if (cp == '\r') {
                b.append("\\r");
            } else if (cp < ' ' || cp == 0x7f) {
                b.append(String.format("\\x%02x", cp));
            } else if (cp < 0x7f) {
                b.append((char) cp);
            } else if (PyStrings.isPrintable(cp)) {
                b.appendCodePoint(cp);
            } else if (cp <= 0xff) {
                b.append(String.format("\\x%02x", cp));
            } else if (cp <= 0xffff) {
                b.append(String.format("\\u%04x", cp));
            } else {
                b.append(String.format("\\U%08x", cp));
            }
        }
        b.append(quote);
    }

    // ---- numbers

    static Object normalize(BigInteger v) {
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    /** An int result, within the render's integer bound. */
    static Object intResult(Render r, BigInteger v) {
        if (v.bitLength() < 64) {
            return v.longValue();
        }
        if (r != null && v.bitLength() > r.limits.maxIntBits()) {
            throw new TemplateException(Render.LIMIT_EXCEEDED, "an integer of " + v.bitLength()
                    + " bits, more than " + r.limits.maxIntBits());
        }
        return v;
    }

    static BigInteger big(Object o) {
        if (o instanceof Long) {
            return BigInteger.valueOf((Long) o);
        }
        if (o instanceof BigInteger) {
            return (BigInteger) o;
        }
        if (o instanceof Boolean) {
            return (Boolean) o ? BigInteger.ONE : BigInteger.ZERO;
        }
        if (o instanceof Integer) {
            return BigInteger.valueOf((Integer) o);
        }
        throw new IllegalArgumentException("not an int: " + o);
    }

    /** The value of an int that fits a long (bool as 0/1), or {@code null} for a big one. */
    static Long smallInt(Object o) {
        if (o instanceof Long) {
            return (Long) o;
        }
        if (o instanceof Boolean) {
            return (Boolean) o ? 1L : 0L;
        }
        if (o instanceof Integer) {
            return (long) (Integer) o;
        }
        return null;
    }

    /** Python's {@code float(int)}; OverflowError when too large. */
    static double toDouble(Object o) {
        if (o instanceof Double) {
            return (Double) o;
        }
        Long s = smallInt(o);
        if (s != null) {
            return s;
        }
        BigInteger b = (BigInteger) o;
        double d = b.doubleValue();
        if (Double.isInfinite(d)) {
            throw error(OVERFLOW, "int too large to convert to float");
        }
        return new BigDecimal(b).doubleValue();
    }

    /** An int operand as a Java int (for indices and counts), clamped to the int range. */
    static long asIndex(Object o) {
        Long s = smallInt(o);
        if (s != null) {
            return s;
        }
        BigInteger b = (BigInteger) o;
        return b.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }

    private static int compareNumbers(Object a, Object b) {
        if (a instanceof Double || b instanceof Double) {
            if (a instanceof Double && b instanceof Double) {
                return Double.compare((Double) a, (Double) b);
            }
            boolean aIsFloat = a instanceof Double;
            double d = aIsFloat ? (Double) a : (Double) b;
            Object i = aIsFloat ? b : a;
            int c;
            if (Double.isNaN(d)) {
                return 2;
            } else if (Double.isInfinite(d)) {
                c = d > 0 ? -1 : 1;
            } else {
                Long s = smallInt(i);
                if (s != null && Math.abs(s) < (1L << 53)) {
                    c = Double.compare((double) s, d);
                } else {
                    c = new BigDecimal(big(i)).compareTo(new BigDecimal(d));
                }
            }
            return aIsFloat ? -c : c;
        }
        Long x = smallInt(a);
        Long y = smallInt(b);
        if (x != null && y != null) {
            return Long.compare(x, y);
        }
        return big(a).compareTo(big(b));
    }

    // ---- equality, hashing, ordering

    static boolean eq(Object a, Object b) {
        if (a == b) {
            return !(a instanceof Double && ((Double) a).isNaN());
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof String) {
            if (b instanceof String) {
                return a.equals(b);
            }
            return b instanceof Markup && a.equals(((Markup) b).s);
        }
        if (isNumber(a)) {
            if (!isNumber(b)) {
                return false;
            }
            int c = compareNumbers(a, b);
            return c == 0;
        }
        if (a instanceof Markup) {
            return isStr(b) && ((Markup) a).s.equals(str(b));
        }
        if (a instanceof List) {
            if (!(b instanceof List)) {
                return false;
            }
            List<?> x = (List<?>) a;
            List<?> y = (List<?>) b;
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!eq(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof PyTuple) {
            if (!(b instanceof PyTuple)) {
                return false;
            }
            PyTuple x = (PyTuple) a;
            PyTuple y = (PyTuple) b;
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!eq(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map) {
            if (!(b instanceof Map)) {
                return false;
            }
            Map<?, ?> x = (Map<?, ?>) a;
            @SuppressWarnings("unchecked")
            Map<Object, Object> y = (Map<Object, Object>) b;
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                Object other = Dicts.get(y, e.getKey(), Dicts.ABSENT);
                if (other == Dicts.ABSENT || !eq(e.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Undefined) {
            return b instanceof Undefined;
        }
        if (a instanceof PyRange) {
            if (!(b instanceof PyRange)) {
                return false;
            }
            PyRange x = (PyRange) a;
            PyRange y = (PyRange) b;
            return x.length == y.length && (x.length == 0
                    || (x.start == y.start && (x.length == 1 || x.step == y.step)));
        }
        if (a instanceof DictView && b instanceof DictView) {
            DictView x = (DictView) a;
            DictView y = (DictView) b;
            if (x.kind != y.kind || x.kind == DictView.Kind.VALUES) {
                return false;
            }
            if (x.map.size() != y.map.size()) {
                return false;
            }
            for (Object item : toList(null, x)) {
                if (!contains(y, item)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** A Java key whose equals/hashCode follow Python's equality and hash; TypeError if unhashable. */
    static Object hashKey(Object o) {
        if (o instanceof String) {
            return o;
        }
        if (o == null) {
            return NONE_KEY;
        }
        if (o instanceof Long) {
            return o;
        }
        if (o instanceof Boolean) {
            return (Boolean) o ? 1L : 0L;
        }
        if (o instanceof Integer) {
            return (long) (Integer) o;
        }
        if (o instanceof BigInteger) {
            return normalize((BigInteger) o);
        }
        if (o instanceof Double) {
            double d = (Double) o;
            if (!Double.isInfinite(d) && !Double.isNaN(d) && d == Math.rint(d)) {
                return normalize(new BigDecimal(d).toBigInteger());
            }
            return o;
        }
        if (o instanceof Markup) {
            return ((Markup) o).s;
        }
        if (o instanceof PyTuple) {
            PyTuple t = (PyTuple) o;
            List<Object> keys = new ArrayList<>(t.size());
            for (Object item : t.items) {
                keys.add(hashKey(item));
            }
            return keys;
        }
        if (o instanceof Undefined) {
            return UNDEFINED_KEY;
        }
        if (o instanceof List || o instanceof Map || o instanceof DictView && ((DictView) o).kind != DictView.Kind.VALUES
                || o instanceof PySlice) {
            throw typeError("unhashable type: " + reprString(typeName(o)));
        }
        return new Identity(o);
    }

    private static final class Identity {
        private final Object o;

        Identity(Object o) {
            this.o = o;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Identity && ((Identity) other).o == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(o);
        }
    }

    /** Python's ordering {@code a OP b} for {@code < <= > >=}; TypeError between unorderable types. */
    static boolean compare(Object a, Object b, String op) {
        if (a instanceof Undefined) {
            throw ((Undefined) a).error();
        }
        if (b instanceof Undefined) {
            throw ((Undefined) b).error();
        }
        int c;
        if (isNumber(a) && isNumber(b)) {
            c = compareNumbers(a, b);
            if (c == 2) {
                return false;
            }
        } else if (isStr(a) && isStr(b)) {
            c = PyStrings.compare(str(a), str(b));
        } else if (a instanceof List && b instanceof List) {
            List<?> x = (List<?>) a;
            List<?> y = (List<?>) b;
            int n = Math.min(x.size(), y.size());
            for (int i = 0; i < n; i++) {
                if (!eq(x.get(i), y.get(i))) {
                    return compare(x.get(i), y.get(i), op);
                }
            }
            c = Integer.compare(x.size(), y.size());
        } else if (a instanceof PyTuple && b instanceof PyTuple) {
            PyTuple x = (PyTuple) a;
            PyTuple y = (PyTuple) b;
            int n = Math.min(x.size(), y.size());
            for (int i = 0; i < n; i++) {
                if (!eq(x.get(i), y.get(i))) {
                    return compare(x.get(i), y.get(i), op);
                }
            }
            c = Integer.compare(x.size(), y.size());
        } else {
            throw typeError(reprString(op) + " not supported between instances of " + reprString(typeName(a))
                    + " and " + reprString(typeName(b)));
        }
        switch (op) {
            case "<":
                return c < 0;
            case "<=":
                return c <= 0;
            case ">":
                return c > 0;
            default:
                return c >= 0;
        }
    }

    /** A comparator of Python's {@code <} (for sorting). */
    static int order(Object a, Object b) {
        if (compare(a, b, "<")) {
            return -1;
        }
        if (compare(b, a, "<")) {
            return 1;
        }
        return 0;
    }

    // ---- arithmetic

    private static TemplateException unsupported(String op, Object a, Object b) {
        return typeError("unsupported operand type(s) for " + op + ": " + reprString(typeName(a)) + " and "
                + reprString(typeName(b)));
    }

    private static void failUndefined(Object a, Object b) {
        if (a instanceof Undefined) {
            throw ((Undefined) a).error();
        }
        if (b instanceof Undefined) {
            throw ((Undefined) b).error();
        }
    }

    static Object add(Render r, Object a, Object b) {
        if (a instanceof String && b instanceof String) {
            String x = (String) a;
            String y = (String) b;
            if (y.isEmpty()) {
                return x;
            }
            if (x.isEmpty()) {
                return y;
            }
            r.alloc((long) x.length() + y.length());
            return x.concat(y);
        }
        failUndefined(a, b);
        if (isNumber(a) && isNumber(b)) {
            if (a instanceof Double || b instanceof Double) {
                return toDouble(a) + toDouble(b);
            }
            Long x = smallInt(a);
            Long y = smallInt(b);
            if (x != null && y != null) {
                long s = x + y;
                if (((x ^ s) & (y ^ s)) >= 0) {
                    return s;
                }
            }
            return intResult(r, big(a).add(big(b)));
        }
        if ((a instanceof Markup || b instanceof Markup) && isStr(a) && isStr(b)) {
            String x = a instanceof Markup ? ((Markup) a).s : Markup.escapeText(str(a));
            String y = b instanceof Markup ? ((Markup) b).s : Markup.escapeText(str(b));
            r.alloc((long) x.length() + y.length());
            return new Markup(x + y);
        }
        if (isStr(a)) {
            throw typeError("can only concatenate str (not \"" + typeName(b) + "\") to str");
        }
        if (a instanceof List) {
            if (!(b instanceof List)) {
                throw typeError("can only concatenate list (not \"" + typeName(b) + "\") to list");
            }
            List<?> x = (List<?>) a;
            List<?> y = (List<?>) b;
            r.allocList((long) x.size() + y.size());
            List<Object> out = new ArrayList<>(x.size() + y.size());
            out.addAll(x);
            out.addAll(y);
            return out;
        }
        if (a instanceof PyTuple) {
            if (!(b instanceof PyTuple)) {
                throw typeError("can only concatenate tuple (not \"" + typeName(b) + "\") to tuple");
            }
            PyTuple x = (PyTuple) a;
            PyTuple y = (PyTuple) b;
            r.allocList((long) x.size() + y.size());
            Object[] out = new Object[x.size() + y.size()];
            System.arraycopy(x.items, 0, out, 0, x.size());
            System.arraycopy(y.items, 0, out, x.size(), y.size());
            return new PyTuple(out);
        }
        throw unsupported("+", a, b);
    }

    static Object sub(Render r, Object a, Object b) {
        failUndefined(a, b);
        if (isNumber(a) && isNumber(b)) {
            if (a instanceof Double || b instanceof Double) {
                return toDouble(a) - toDouble(b);
            }
            Long x = smallInt(a);
            Long y = smallInt(b);
            if (x != null && y != null) {
                long s = x - y;
                if (((x ^ y) & (x ^ s)) >= 0) {
                    return s;
                }
            }
            return intResult(r, big(a).subtract(big(b)));
        }
        throw unsupported("-", a, b);
    }

    static Object mul(Render r, Object a, Object b) {
        failUndefined(a, b);
        if (isNumber(a) && isNumber(b)) {
            if (a instanceof Double || b instanceof Double) {
                return toDouble(a) * toDouble(b);
            }
            Long x = smallInt(a);
            Long y = smallInt(b);
            if (x != null && y != null) {
                long hi = Math.multiplyHigh(x, y);
                long lo = x * y;
                if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
                    return lo;
                }
            }
            if (r != null) {
                long bits = (long) big(a).bitLength() + big(b).bitLength();
                if (bits > r.limits.maxIntBits() + 1) {
                    throw new TemplateException(Render.LIMIT_EXCEEDED, "an integer of about " + bits
                            + " bits, more than " + r.limits.maxIntBits());
                }
            }
            return intResult(r, big(a).multiply(big(b)));
        }
        if (isSequence(a) && !isNumber(b) || isSequence(b) && !isNumber(a)) {
            Object seq = isSequence(a) ? a : b;
            Object n = seq == a ? b : a;
            throw typeError("can't multiply sequence by non-int of type " + reprString(typeName(n)));
        }
        if (isSequence(a) && isInt(b)) {
            return repeat(r, a, asIndex(b));
        }
        if (isSequence(b) && isInt(a)) {
            return repeat(r, b, asIndex(a));
        }
        if (isSequence(a) || isSequence(b)) {
            Object n = isSequence(a) ? b : a;
            throw typeError("can't multiply sequence by non-int of type " + reprString(typeName(n)));
        }
        throw unsupported("*", a, b);
    }

    private static boolean isSequence(Object o) {
        return o instanceof String || o instanceof List || o instanceof PyTuple || o instanceof Markup;
    }

    private static Object repeat(Render r, Object seq, long n) {
        if (seq instanceof String || seq instanceof Markup) {
            String s = str(seq);
            if (n <= 0 || s.isEmpty()) {
                return seq instanceof Markup ? new Markup("") : "";
            }
            long total = s.length() * n;
            if (n > Integer.MAX_VALUE || total / n != s.length()) {
                total = Long.MAX_VALUE;
            }
            r.alloc(total);
            String out = s.repeat((int) n);
            return seq instanceof Markup ? new Markup(out) : out;
        }
        if (seq instanceof List) {
            List<?> l = (List<?>) seq;
            if (n <= 0 || l.isEmpty()) {
                return new ArrayList<>();
            }
            long total = l.size() * n;
            if (n > Integer.MAX_VALUE || total / n != l.size()) {
                total = Long.MAX_VALUE;
            }
            r.allocList(total);
            List<Object> out = new ArrayList<>((int) total);
            for (long i = 0; i < n; i++) {
                out.addAll(l);
            }
            return out;
        }
        PyTuple t = (PyTuple) seq;
        if (n <= 0 || t.size() == 0) {
            return PyTuple.EMPTY;
        }
        long total = t.size() * n;
        if (n > Integer.MAX_VALUE || total / n != t.size()) {
            total = Long.MAX_VALUE;
        }
        r.allocList(total);
        Object[] out = new Object[(int) total];
        for (int i = 0; i < n; i++) {
            System.arraycopy(t.items, 0, out, i * t.size(), t.size());
        }
        return new PyTuple(out);
    }

    static Object truediv(Render r, Object a, Object b) {
        failUndefined(a, b);
        if (isNumber(a) && isNumber(b)) {
            if (a instanceof Double || b instanceof Double) {
                double y = toDouble(b);
                double x = toDouble(a);
                if (y == 0.0) {
                    throw error(ZERO_DIVISION, "float division by zero");
                }
                return x / y;
            }
            Long x = smallInt(a);
            Long y = smallInt(b);
            if ((y != null && y == 0) || (y == null && big(b).signum() == 0)) {
                throw error(ZERO_DIVISION, "division by zero");
            }
            if (x != null && y != null && Math.abs(x) <= (1L << 53) && Math.abs(y) <= (1L << 53)) {
                return (double) x / (double) y;
            }
            BigDecimal q = new BigDecimal(big(a)).divide(new BigDecimal(big(b)), new java.math.MathContext(40));
            double d = q.doubleValue();
            if (Double.isInfinite(d)) {
                throw error(OVERFLOW, "integer division result too large for a float");
            }
            return d;
        }
        throw unsupported("/", a, b);
    }

    static Object floordiv(Render r, Object a, Object b) {
        failUndefined(a, b);
        if (isNumber(a) && isNumber(b)) {
            if (a instanceof Double || b instanceof Double) {
                double x = toDouble(a);
                double y = toDouble(b);
                if (y == 0.0) {
                    throw error(ZERO_DIVISION, "float floor division by zero");
                }
                return floatDivmod(x, y)[0];
            }
            Long x = smallInt(a);
            Long y = smallInt(b);
            if (x != null && y != null) {
                if (y == 0) {
                    throw error(ZERO_DIVISION, "integer division or modulo by zero");
                }
                if (!(x == Long.MIN_VALUE && y == -1)) {
                    return Math.floorDiv(x, y);
                }
            }
            BigInteger bb = big(b);
            if (bb.signum() == 0) {
                throw error(ZERO_DIVISION, "integer division or modulo by zero");
            }
            BigInteger[] qr = big(a).divideAndRemainder(bb);
            BigInteger q = qr[0];
            if (qr[1].signum() != 0 && qr[1].signum() != bb.signum()) {
                q = q.subtract(BigInteger.ONE);
            }
            return intResult(r, q);
        }
        throw unsupported("//", a, b);
    }

    static Object mod(Render r, Object a, Object b) {
        if (a instanceof String || a instanceof Markup) {
            return PyFormat.percent(r, a, b);
        }
        failUndefined(a, b);
        if (isNumber(a) && isNumber(b)) {
            if (a instanceof Double || b instanceof Double) {
                double x = toDouble(a);
                double y = toDouble(b);
                if (y == 0.0) {
                    throw error(ZERO_DIVISION, "float modulo");
                }
                return floatDivmod(x, y)[1];
            }
            Long x = smallInt(a);
            Long y = smallInt(b);
            if (x != null && y != null) {
                if (y == 0) {
                    throw error(ZERO_DIVISION, "integer modulo by zero");
                }
                return Math.floorMod(x, y);
            }
            BigInteger bb = big(b);
            if (bb.signum() == 0) {
                throw error(ZERO_DIVISION, "integer modulo by zero");
            }
            BigInteger m = big(a).mod(bb.abs());
            if (bb.signum() < 0 && m.signum() != 0) {
                m = m.add(bb);
            }
            return intResult(r, m);
        }
        throw unsupported("%", a, b);
    }

    /** CPython's {@code float_divmod}: {floor quotient, modulo}. */
    static double[] floatDivmod(double vx, double wx) {
        double mod = vx % wx;
        double div = (vx - mod) / wx;
        if (mod != 0.0) {
            if ((wx < 0) != (mod < 0)) {
                mod += wx;
                div -= 1.0;
            }
        } else {
            mod = Math.copySign(0.0, wx);
        }
        double floordiv;
        if (div != 0.0) {
            floordiv = Math.floor(div);
            if (div - floordiv > 0.5) {
                floordiv += 1.0;
            }
        } else {
            floordiv = Math.copySign(0.0, vx / wx);
        }
        return new double[] {floordiv, mod};
    }

    static Object pow(Render r, Object a, Object b) {
        failUndefined(a, b);
        if (!(isNumber(a) && isNumber(b))) {
            throw typeError("unsupported operand type(s) for ** or pow(): " + reprString(typeName(a)) + " and "
                    + reprString(typeName(b)));
        }
        if (isInt(a) && isInt(b)) {
            BigInteger e = big(b);
            if (e.signum() >= 0) {
                BigInteger base = big(a);
                if (base.signum() == 0) {
                    return e.signum() == 0 ? 1L : 0L;
                }
                if (base.abs().equals(BigInteger.ONE)) {
                    return base.signum() < 0 && e.testBit(0) ? -1L : 1L;
                }
                long bits = base.abs().bitLength() - 1L;
                int maxBits = r == null ? TemplateLimits.DEFAULT.maxIntBits() : r.limits.maxIntBits();
                if (e.bitLength() > 31 || bits * e.longValue() > maxBits) {
                    throw new TemplateException(Render.LIMIT_EXCEEDED, "an integer of more than "
                            + maxBits + " bits (" + str(a) + " ** " + str(b) + ")");
                }
                return intResult(r, base.pow(e.intValue()));
            }
            if (big(a).signum() == 0) {
                throw error(ZERO_DIVISION, "0.0 cannot be raised to a negative power");
            }
        }
        double x = toDouble(a);
        double y = toDouble(b);
        return floatPow(x, y);
    }

    static double floatPow(double x, double y) {
        if (x == 0.0 && y < 0) {
            throw error(ZERO_DIVISION, "0.0 cannot be raised to a negative power");
        }
        if (x < 0 && y != Math.rint(y) && !Double.isInfinite(y)) {
            throw error("NotImplementedError", "a negative number raised to a fractional power is complex,"
                    + " which vlm4j does not implement");
        }
        double v = Math.pow(x, y);
        if (Double.isInfinite(v) && !Double.isInfinite(x) && !Double.isInfinite(y)) {
            throw error(OVERFLOW, "(34, 'Numerical result out of range')");
        }
        return v;
    }

    static Object neg(Object a) {
        if (a instanceof Undefined) {
            throw ((Undefined) a).error();
        }
        if (a instanceof Double) {
            return -(Double) a;
        }
        if (isInt(a)) {
            Long s = smallInt(a);
            if (s != null && s != Long.MIN_VALUE) {
                return -s;
            }
            return normalize(big(a).negate());
        }
        throw typeError("bad operand type for unary -: " + reprString(typeName(a)));
    }

    static Object pos(Object a) {
        if (a instanceof Undefined) {
            throw ((Undefined) a).error();
        }
        if (a instanceof Double) {
            return a;
        }
        if (isInt(a)) {
            Long s = smallInt(a);
            return s != null ? (Object) s : a;
        }
        throw typeError("bad operand type for unary +: " + reprString(typeName(a)));
    }

    // ---- containers

    /** Python's {@code len(o)}; Undefined has length 0. */
    static long len(Object o) {
        if (o instanceof String) {
            return PyStrings.length((String) o);
        }
        if (o instanceof List) {
            return ((List<?>) o).size();
        }
        if (o instanceof Map) {
            return ((Map<?, ?>) o).size();
        }
        if (o instanceof PyTuple) {
            return ((PyTuple) o).size();
        }
        if (o instanceof Undefined) {
            return 0;
        }
        if (o instanceof Markup) {
            return PyStrings.length(((Markup) o).s);
        }
        if (o instanceof PyRange) {
            return ((PyRange) o).length;
        }
        if (o instanceof DictView) {
            return ((DictView) o).map.size();
        }
        if (o instanceof LoopContext) {
            return ((LoopContext) o).length();
        }
        throw typeError("object of type " + reprString(typeName(o)) + " has no len()");
    }

    /** Whether {@code len(o)} works. */
    static boolean hasLen(Object o) {
        return o instanceof String || o instanceof List || o instanceof Map || o instanceof PyTuple
                || o instanceof Undefined || o instanceof Markup || o instanceof PyRange || o instanceof DictView
                || o instanceof LoopContext;
    }

    /** Python's {@code iter(o)}. */
    static Iter iter(Object o) {
        if (o instanceof List) {
            List<?> l = (List<?>) o;
            return new Iter() {
                int i;

                @Override
                public Object next() {
                    return i < l.size() ? l.get(i++) : END;
                }
            };
        }
        if (o instanceof String || o instanceof Markup) {
            String s = str(o);
            return new Iter() {
                int i;

                @Override
                public Object next() {
                    if (i >= s.length()) {
                        return END;
                    }
                    int cp = s.codePointAt(i);
                    int n = Character.charCount(cp);
                    String c = n == 1 ? PyStrings.charString(s.charAt(i)) : s.substring(i, i + n);
                    i += n;
                    return c;
                }
            };
        }
        if (o instanceof Map) {
            return javaIter(((Map<?, ?>) o).keySet().iterator());
        }
        if (o instanceof PyTuple) {
            Object[] items = ((PyTuple) o).items;
            return new Iter() {
                int i;

                @Override
                public Object next() {
                    return i < items.length ? items[i++] : END;
                }
            };
        }
        if (o instanceof Undefined) {
            return () -> Iter.END;
        }
        if (o instanceof PyIterator) {
            return (PyIterator) o;
        }
        if (o instanceof PyRange) {
            return ((PyRange) o).iter();
        }
        if (o instanceof DictView) {
            DictView v = (DictView) o;
            Iterator<Map.Entry<Object, Object>> it = v.map.entrySet().iterator();
            return () -> {
                if (!it.hasNext()) {
                    return Iter.END;
                }
                Map.Entry<Object, Object> e = it.next();
                switch (v.kind) {
                    case KEYS:
                        return e.getKey();
                    case VALUES:
                        return e.getValue();
                    default:
                        return PyTuple.of(e.getKey(), e.getValue());
                }
            };
        }
        if (o instanceof LoopContext) {
            LoopContext l = (LoopContext) o;
            return () -> l.advance() ? PyTuple.of(l.current, l) : Iter.END;
        }
        if (o instanceof TemplateReference) {
            // iterable through __getitem__: self[0] is a missing block
            return () -> {
                throw error(KEY_ERROR, "0");
            };
        }
        throw typeError(reprString(typeName(o)) + " object is not iterable");
    }

    static Iter javaIter(Iterator<?> it) {
        return () -> it.hasNext() ? it.next() : Iter.END;
    }

    static boolean isIterable(Object o) {
        return o instanceof List || o instanceof String || o instanceof Map || o instanceof PyTuple
                || o instanceof Undefined || o instanceof Markup || o instanceof PyIterator || o instanceof PyRange
                || o instanceof DictView || o instanceof LoopContext || o instanceof TemplateReference;
    }

    /** {@code list(o)}: a new list of the items, counting steps and the allocation. */
    static List<Object> toList(Render r, Object o) {
        if (o instanceof List) {
            List<?> l = (List<?>) o;
            if (r != null) {
                r.allocList(l.size());
            }
            return new ArrayList<>(l);
        }
        if (o instanceof PyRange && r != null) {
            r.allocList(((PyRange) o).length);
        }
        Iter it = iter(o);
        List<Object> out = new ArrayList<>();
        for (Object v = it.next(); v != Iter.END; v = it.next()) {
            if (r != null) {
                r.step();
                r.allocList(1);
            }
            out.add(v);
        }
        return out;
    }

    /** Python's {@code item in container}. */
    static boolean contains(Object container, Object item) {
        if (container instanceof String || container instanceof Markup) {
            if (!isStr(item)) {
                throw typeError("'in <string>' requires string as left operand, not " + typeName(item));
            }
            return str(container).contains(str(item));
        }
        if (container instanceof Map) {
            @SuppressWarnings("unchecked")
            Map<Object, Object> m = (Map<Object, Object>) container;
            hashKey(item);
            return Dicts.get(m, item, Dicts.ABSENT) != Dicts.ABSENT;
        }
        if (container instanceof List) {
            for (Object o : (List<?>) container) {
                if (eq(o, item)) {
                    return true;
                }
            }
            return false;
        }
        if (container instanceof DictView && ((DictView) container).kind == DictView.Kind.KEYS) {
            return contains(((DictView) container).map, item);
        }
        if (container instanceof PyRange && isInt(item)) {
            PyRange r = (PyRange) container;
            BigInteger v = big(item).subtract(BigInteger.valueOf(r.start));
            BigInteger[] qr = v.divideAndRemainder(BigInteger.valueOf(r.step));
            return qr[1].signum() == 0 && qr[0].signum() >= 0 && qr[0].compareTo(BigInteger.valueOf(r.length)) < 0;
        }
        if (isIterable(container)) {
            Iter it = iter(container);
            for (Object v = it.next(); v != Iter.END; v = it.next()) {
                if (eq(v, item)) {
                    return true;
                }
            }
            return false;
        }
        throw typeError("argument of type " + reprString(typeName(container)) + " is not iterable");
    }

    /** Unpacks {@code value} into exactly {@code n} items (for-loop and set targets). */
    static Object[] unpack(Render r, Object value, int n) {
        Iter it = iter(value);
        Object[] out = new Object[n];
        int got = 0;
        for (Object v = it.next(); v != Iter.END; v = it.next()) {
            if (got == n) {
                throw valueError("too many values to unpack (expected " + n + ")");
            }
            out[got++] = v;
        }
        if (got < n) {
            throw valueError("not enough values to unpack (expected " + n + ", got " + got + ")");
        }
        return out;
    }

    static boolean same(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a instanceof Long && b instanceof Long) {
            long x = (Long) a;
            return x >= -5 && x <= 256 && x == (Long) b;
        }
        if (a instanceof String && b instanceof String) {
            return Objects.equals(a, b) && PyStrings.isIdentifierLike((String) a);
        }
        return false;
    }
}

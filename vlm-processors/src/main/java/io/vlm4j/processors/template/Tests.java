package io.vlm4j.processors.template;

import java.util.HashMap;
import java.util.Map;

/** Jinja2 3.1.2's tests ({@code x is defined}, {@code is string}, {@code is divisibleby(3)}, ...). Stateless. */
final class Tests {
    /** A test: true or false for a value and its arguments. */
    interface Fn {
        boolean test(Scope s, Object value, Object[] args, Map<String, Object> kwargs);
    }

    private static final Map<String, Fn> TESTS = new HashMap<>();

    private Tests() {}

    static Fn lookup(String name) {
        return TESTS.get(name);
    }

    static boolean exists(String name) {
        return TESTS.containsKey(name);
    }

    private static void unary(String name, java.util.function.Predicate<Object> p) {
        String fname = "test_" + name;
        TESTS.put(name, (s, v, a, k) -> {
            if (a.length > 0 || !k.isEmpty()) {
                Args.bind(fname, a, k, 0, false);
            }
            return p.test(v);
        });
    }

    private interface Binary {
        boolean test(Object a, Object b);
    }

    private static void binary(String name, String param, Binary p) {
        String fname = "test_" + name;
        TESTS.put(name, (s, v, a, k) -> {
            if (a.length == 1 && k.isEmpty()) {
                return p.test(v, a[0]);
            }
            Object[] b = Args.bind(fname, a, k, 1, false, param);
            return p.test(v, b[0]);
        });
    }

    private static void operator(Binary p, String... names) {
        for (String n : names) {
            TESTS.put(n, (s, v, a, k) -> {
                if (a.length == 1 && k.isEmpty()) {
                    return p.test(v, a[0]);
                }
                Object[] b = Args.bind(n, a, k, 1, true, "b");
                return p.test(v, b[0]);
            });
        }
    }

    static boolean isSequence(Object v) {
        return v instanceof String || v instanceof java.util.List || v instanceof java.util.Map
                || v instanceof PyTuple || v instanceof Markup || v instanceof PyRange || v instanceof Undefined;
    }

    static boolean isCallable(Object v) {
        return v instanceof PyCallable || v instanceof Undefined;
    }

    static {
        unary("odd", v -> Py.eq(Py.mod(null, v, 2L), 1L));
        unary("even", v -> Py.eq(Py.mod(null, v, 2L), 0L));
        binary("divisibleby", "num", (v, n) -> Py.eq(Py.mod(null, v, n), 0L));
        unary("defined", v -> !(v instanceof Undefined));
        unary("undefined", v -> v instanceof Undefined);
        TESTS.put("filter", (s, v, a, k) -> {
            Args.bind("test_filter", a, k, 0, false);
            return v instanceof String && Filters.exists((String) v);
        });
        TESTS.put("test", (s, v, a, k) -> {
            Args.bind("test_test", a, k, 0, false);
            return v instanceof String && exists((String) v);
        });
        unary("none", v -> v == null);
        unary("boolean", v -> v instanceof Boolean);
        unary("false", v -> Boolean.FALSE.equals(v));
        unary("true", v -> Boolean.TRUE.equals(v));
        unary("integer", v -> Py.isInt(v) && !(v instanceof Boolean));
        unary("float", v -> v instanceof Double);
        unary("lower", v -> PyStrings.isLower(Py.str(v)));
        unary("upper", v -> PyStrings.isUpper(Py.str(v)));
        unary("string", Py::isStr);
        unary("mapping", v -> v instanceof Map);
        unary("number", Py::isNumber);
        unary("sequence", Tests::isSequence);
        binary("sameas", "other", Py::same);
        unary("iterable", Py::isIterable);
        TESTS.put("callable", (s, v, a, k) -> {
            Args.bind("callable", a, k, 0, true);
            return isCallable(v);
        });
        unary("escaped", v -> v instanceof Markup);
        binary("in", "seq", (v, seq) -> Py.contains(seq, v));
        operator(Py::eq, "==", "eq", "equalto");
        operator((a, b) -> !Py.eq(a, b), "!=", "ne");
        operator((a, b) -> Py.compare(a, b, ">"), ">", "gt", "greaterthan");
        operator((a, b) -> Py.compare(a, b, ">="), "ge", ">=");
        operator((a, b) -> Py.compare(a, b, "<"), "<", "lt", "lessthan");
        operator((a, b) -> Py.compare(a, b, "<="), "<=", "le");
    }
}

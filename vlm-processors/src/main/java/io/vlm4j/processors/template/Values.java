package io.vlm4j.processors.template;

import io.vlm4j.TemplateException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies the Java values of a {@link io.vlm4j.text.TemplateContext} into the render's own Python values: maps
 * become insertion-ordered dicts, collections and arrays lists, {@code Integer}/{@code Long}/{@code BigInteger}
 * ints, {@code Float}/{@code Double}/{@code BigDecimal} floats. Anything else is refused, so that a template never
 * reaches a Java object; the copy also keeps {@code list.pop()} in a template from changing the caller's data.
 * Stateless.
 */
final class Values {
    private static final int MAX_DEPTH = 512;

    private Values() {}

    static Object convert(Object v, String path) {
        try {
            return convert(v, 0);
        } catch (Refused e) {
            throw new TemplateException(e.type, where(v, e.bad, path, 0) + ": " + e.getMessage());
        }
    }

    /** A value that cannot enter a template; the path is found afterwards, so that converting stays cheap. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Object bad;
        final String type;

        Refused(Object bad, String type, String message) {
            super(message, null, false, false);
            this.bad = bad;
            this.type = type;
        }
    }

    private static Object convert(Object v, int depth) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double) {
            return v;
        }
        if (depth > MAX_DEPTH) {
            throw new Refused(v, Render.RECURSION_ERROR, "values nested deeper than " + MAX_DEPTH + " levels (or a cycle)");
        }
        if (v instanceof Map) {
            Map<?, ?> in = (Map<?, ?>) v;
            Map<Object, Object> out = new LinkedHashMap<>(Math.max(4, in.size() * 2));
            for (Map.Entry<?, ?> e : in.entrySet()) {
                Object k = e.getKey();
                Object value = convert(e.getValue(), depth + 1);
                if (k instanceof String) {
                    out.put(k, value);
                } else {
                    Dicts.put(out, convert(k, depth + 1), value);
                }
            }
            return out;
        }
        if (v instanceof List) {
            List<?> in = (List<?>) v;
            List<Object> out = new ArrayList<>(in.size());
            for (Object item : in) {
                out.add(convert(item, depth + 1));
            }
            return out;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger) {
            return Py.normalize((BigInteger) v);
        }
        if (v instanceof Float) {
            return ((Float) v).doubleValue();
        }
        if (v instanceof BigDecimal) {
            return ((BigDecimal) v).doubleValue();
        }
        if (v instanceof Character) {
            return v.toString();
        }
        if (v instanceof Collection) {
            List<Object> out = new ArrayList<>(((Collection<?>) v).size());
            for (Object item : (Collection<?>) v) {
                out.add(convert(item, depth + 1));
            }
            return out;
        }
        if (v instanceof Object[]) {
            Object[] a = (Object[]) v;
            List<Object> out = new ArrayList<>(a.length);
            for (Object item : a) {
                out.add(convert(item, depth + 1));
            }
            return out;
        }
        throw new Refused(v, Py.TYPE_ERROR, "a template value must be null, a string, number, boolean, map or list,"
                + " got a " + v.getClass().getName());
    }

    /** The path of {@code bad} within {@code v}, for the error message. */
    private static String where(Object v, Object bad, String path, int depth) {
        if (v == bad || depth > MAX_DEPTH) {
            return path;
        }
        if (v instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                String child = e.getKey() instanceof String ? path + "." + e.getKey() : path + "[" + e.getKey() + "]";
                if (e.getKey() == bad) {
                    return child;
                }
                String found = where(e.getValue(), bad, child, depth + 1);
                if (found != null) {
                    return found;
                }
            }
        } else if (v instanceof Iterable) {
            int i = 0;
            for (Object item : (Iterable<?>) v) {
                String found = where(item, bad, path + "[" + i++ + "]", depth + 1);
                if (found != null) {
                    return found;
                }
            }
        } else if (v instanceof Object[]) {
            Object[] a = (Object[]) v;
            for (int i = 0; i < a.length; i++) {
                String found = where(a[i], bad, path + "[" + i + "]", depth + 1);
                if (found != null) {
                    return found;
                }
            }
        }
        return depth == 0 ? path : null;
    }
}

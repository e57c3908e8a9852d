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
        return convert(v, path, 0);
    }

    private static Object convert(Object v, String path, int depth) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double) {
            return v;
        }
        if (depth > MAX_DEPTH) {
            throw new TemplateException(Render.RECURSION_ERROR, path + ": values nested deeper than " + MAX_DEPTH
                    + " levels (or a cycle)");
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
        if (v instanceof Map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                Object k = convert(e.getKey(), path, depth + 1);
                String child = k instanceof String ? path + "." + k : path + "[" + Py.repr(k) + "]";
                Dicts.put(out, k, convert(e.getValue(), child, depth + 1));
            }
            return out;
        }
        if (v instanceof Collection) {
            List<Object> out = new ArrayList<>(((Collection<?>) v).size());
            int i = 0;
            for (Object item : (Collection<?>) v) {
                out.add(convert(item, path + "[" + i++ + "]", depth + 1));
            }
            return out;
        }
        if (v instanceof Object[]) {
            Object[] a = (Object[]) v;
            List<Object> out = new ArrayList<>(a.length);
            for (int i = 0; i < a.length; i++) {
                out.add(convert(a[i], path + "[" + i + "]", depth + 1));
            }
            return out;
        }
        throw new TemplateException(Py.TYPE_ERROR, path + ": a template value must be null, a string, number, boolean,"
                + " map or list, got a " + v.getClass().getName());
    }
}

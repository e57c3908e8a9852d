package io.vlm4j.processors.template;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code pprint.pformat(obj)} (width 80, indent 1, dicts sorted by key) for the {@code pprint} filter.
 * Long strings are not split into chunks as Python does. Stateless.
 */
final class PyPrettyPrint {
    private static final int WIDTH = 80;

    private PyPrettyPrint() {}

    static String pformat(Object o) {
        StringBuilder b = new StringBuilder();
        format(o, b, 0, 0);
        return b.toString();
    }

    private static List<Map.Entry<?, ?>> sortedItems(Map<?, ?> m) {
        List<Map.Entry<?, ?>> items = new ArrayList<>(m.entrySet());
        items.sort((x, y) -> {
            try {
                return Py.order(x.getKey(), y.getKey());
            } catch (io.vlm4j.TemplateException e) {
                return Py.typeName(x.getKey()).compareTo(Py.typeName(y.getKey()));
            }
        });
        return items;
    }

    /** {@code saferepr}: repr with dict keys sorted. */
    static String safeRepr(Object o) {
        if (o instanceof Map) {
            StringBuilder b = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : sortedItems((Map<?, ?>) o)) {
                if (!first) {
                    b.append(", ");
                }
                first = false;
                b.append(safeRepr(e.getKey())).append(": ").append(safeRepr(e.getValue()));
            }
            return b.append('}').toString();
        }
        if (o instanceof List || o instanceof PyTuple) {
            boolean tuple = o instanceof PyTuple;
            List<?> items = tuple ? Arrays.asList(((PyTuple) o).items) : (List<?>) o;
            StringBuilder b = new StringBuilder(tuple ? "(" : "[");
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    b.append(", ");
                }
                b.append(safeRepr(items.get(i)));
            }
            if (tuple && items.size() == 1) {
                b.append(',');
            }
            return b.append(tuple ? ")" : "]").toString();
        }
        return Py.repr(o);
    }

    private static void format(Object o, StringBuilder out, int indent, int allowance) {
        String rep = safeRepr(o);
        int max = WIDTH - indent - allowance;
        if (rep.length() > max) {
            if (o instanceof Map && !((Map<?, ?>) o).isEmpty()) {
                out.append('{');
                List<Map.Entry<?, ?>> items = sortedItems((Map<?, ?>) o);
                int ind = indent + 1;
                String delim = ",\n" + " ".repeat(ind);
                for (int i = 0; i < items.size(); i++) {
                    boolean last = i == items.size() - 1;
                    String k = safeRepr(items.get(i).getKey());
                    out.append(k).append(": ");
                    format(items.get(i).getValue(), out, ind + k.length() + 2, last ? allowance + 1 : 1);
                    if (!last) {
                        out.append(delim);
                    }
                }
                out.append('}');
                return;
            }
            if (o instanceof List && !((List<?>) o).isEmpty()
                    || o instanceof PyTuple && ((PyTuple) o).size() > 0) {
                boolean tuple = o instanceof PyTuple;
                List<?> items = tuple ? Arrays.asList(((PyTuple) o).items) : (List<?>) o;
                String end = tuple ? (items.size() == 1 ? ",)" : ")") : "]";
                out.append(tuple ? '(' : '[');
                int ind = indent + 1;
                String delim = ",\n" + " ".repeat(ind);
                int allow = allowance + end.length();
                for (int i = 0; i < items.size(); i++) {
                    boolean last = i == items.size() - 1;
                    if (i > 0) {
                        out.append(delim);
                    }
                    format(items.get(i), out, ind, last ? allow : 1);
                }
                out.append(end);
                return;
            }
        }
        out.append(rep);
    }
}

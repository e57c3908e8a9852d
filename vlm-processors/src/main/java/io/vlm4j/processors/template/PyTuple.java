package io.vlm4j.processors.template;

import java.util.List;

/**
 * A Python tuple (immutable). {@code fields} names the items of a named tuple (Jinja's {@code _GroupTuple}:
 * {@code grouper}, {@code list}), or is null. Immutable (its items may be mutable lists).
 */
final class PyTuple {
    static final PyTuple EMPTY = new PyTuple(new Object[0]);
    private static final String[] GROUP_FIELDS = {"grouper", "list"};

    final Object[] items;
    final String[] fields;

    PyTuple(Object[] items) {
        this(items, null);
    }

    private PyTuple(Object[] items, String[] fields) {
        this.items = items;
        this.fields = fields;
    }

    static PyTuple of(Object... items) {
        return new PyTuple(items);
    }

    static PyTuple of(List<?> items) {
        return new PyTuple(items.toArray());
    }

    /** Jinja's {@code _GroupTuple(grouper, list)} of the {@code groupby} filter. */
    static PyTuple group(Object grouper, List<Object> list) {
        return new PyTuple(new Object[] {grouper, list}, GROUP_FIELDS);
    }

    int size() {
        return items.length;
    }

    Object get(int i) {
        return items[i];
    }

    /** The index of a named field, or -1. */
    int field(String name) {
        if (fields != null) {
            for (int i = 0; i < fields.length; i++) {
                if (fields[i].equals(name)) {
                    return i;
                }
            }
        }
        return -1;
    }
}

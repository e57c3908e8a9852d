package io.vlm4j.processors.template;

import java.util.Map;

/**
 * One level of Jinja2's variable scoping: the template (root) level holds the render's variables and the
 * top-level assignments, and each loop iteration, macro call, {@code with}, {@code set}/{@code filter} block body
 * opens a child whose assignments do not leak out. {@code if} opens none. Lookups fall through to the parent;
 * the root falls back to the globals. One render, one thread.
 */
final class Scope {
    final Scope parent;
    final Render render;
    private final Map<String, Object> rootVars;
    private String[] names;
    private Object[] values;
    private int size;

    private Scope(Scope parent, Render render, Map<String, Object> rootVars) {
        this.parent = parent;
        this.render = render;
        this.rootVars = rootVars;
    }

    /** The root scope of a render, owning {@code vars} (a map the caller no longer uses). */
    static Scope root(Render render, Map<String, Object> vars) {
        return new Scope(null, render, vars);
    }

    Scope child() {
        return new Scope(this, render, null);
    }

    boolean isRoot() {
        return parent == null;
    }

    /** The root (template-level) scope. */
    Scope top() {
        Scope s = this;
        while (s.parent != null) {
            s = s.parent;
        }
        return s;
    }

    /** The value of {@code name}, or {@link Undefined} if no scope nor global defines it. */
    Object lookup(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            if (s.rootVars != null) {
                Object v = s.rootVars.get(name);
                if (v != null || s.rootVars.containsKey(name)) {
                    return v;
                }
                return Globals.lookup(name);
            }
            String[] n = s.names;
            for (int i = s.size - 1; i >= 0; i--) {
                String k = n[i];
                if (k == name || k.equals(name)) {
                    return s.values[i];
                }
            }
        }
        return Undefined.name(name);
    }

    /** Assigns {@code name} in this scope. */
    void set(String name, Object value) {
        if (rootVars != null) {
            rootVars.put(name, value);
            return;
        }
        String[] n = names;
        for (int i = 0; i < size; i++) {
            if (n[i] == name || n[i].equals(name)) {
                values[i] = value;
                return;
            }
        }
        if (n == null) {
            names = new String[4];
            values = new Object[4];
        } else if (size == n.length) {
            names = java.util.Arrays.copyOf(n, size * 2);
            values = java.util.Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size++] = value;
    }
}

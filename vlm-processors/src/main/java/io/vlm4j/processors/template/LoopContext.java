package io.vlm4j.processors.template;

import java.util.List;
import java.util.Map;

/**
 * Jinja2's {@code loop} object: {@code index}, {@code length}, {@code first}/{@code last},
 * {@code previtem}/{@code nextitem} (peeking one item ahead), {@code cycle}, {@code changed}, and
 * {@code loop(items)} for recursive loops. One render.
 */
final class LoopContext implements PyCallable {
    private static final Object MISSING = new Object();

    /** The iterable whose {@code len()} is the length, or null when it has to be counted (a filtered loop). */
    private final Object iterable;
    private Iter iterator;
    final int depth0;
    private final Stmt.For recurse;
    private final Scope scope;
    int index0 = -1;
    private long length = -1;
    private Object after = MISSING;
    Object current = MISSING;
    private Object before = MISSING;
    private Object lastChanged = MISSING;

    LoopContext(Object iterable, Iter iterator, int depth0, Stmt.For recurse, Scope scope) {
        this.iterable = iterable != null && Py.hasLen(iterable) ? iterable : null;
        this.iterator = iterator;
        this.depth0 = depth0;
        this.recurse = recurse;
        this.scope = scope;
    }

    /** Moves to the next item; false when exhausted. */
    boolean advance() {
        Object rv;
        if (after != MISSING) {
            rv = after;
            after = MISSING;
        } else {
            rv = iterator.next();
            if (rv == Iter.END) {
                return false;
            }
        }
        index0++;
        before = current;
        current = rv;
        return true;
    }

    private Object peek() {
        if (after != MISSING) {
            return after;
        }
        Object v = iterator.next();
        if (v != Iter.END) {
            after = v;
        }
        return v;
    }

    long length() {
        if (length >= 0) {
            return length;
        }
        if (iterable != null) {
            length = Py.len(iterable);
        } else {
            List<Object> rest = Py.toList(scope.render, (PyIterator) PyIterator.generator("loop", iterator));
            iterator = Py.iter(rest);
            length = rest.size() + index0 + 1 + (after != MISSING ? 1 : 0);
        }
        return length;
    }

    boolean isLast() {
        return peek() == Iter.END;
    }

    Object previtem() {
        return index0 == 0 ? Undefined.hint("there is no previous item") : before == MISSING ? null : before;
    }

    Object nextitem() {
        Object v = peek();
        return v == Iter.END ? Undefined.hint("there is no next item") : v;
    }

    boolean changed(Object value) {
        if (lastChanged == MISSING || !Py.eq(lastChanged, value)) {
            lastChanged = value;
            return true;
        }
        return false;
    }

    @Override
    public Object call(Render r, Object[] args, Map<String, Object> kwargs) {
        if (recurse == null) {
            throw Py.typeError("The loop must have the 'recursive' marker to be called recursively.");
        }
        Object[] a = Args.bind("loop", args, kwargs, 1, false, "iterable");
        r.enter();
        try {
            StringBuilder out = new StringBuilder();
            recurse.loop(scope, out, a[0], depth0 + 1);
            String text = out.toString();
            return r.autoescape ? new Markup(text) : text;
        } finally {
            r.exit();
        }
    }
}

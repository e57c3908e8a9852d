package io.vlm4j.processors.template;

import java.util.List;
import java.util.Map;

/**
 * Attribute and item access as Jinja2's {@code ImmutableSandboxedEnvironment} does it: {@code x.name} prefers the
 * Python attribute and falls back to the item, {@code x[key]} the other way round; a missing one is
 * {@link Undefined}; an attribute that exists but is private ({@code _x}, {@code __class__}), internal or a
 * mutating method of a list or dict ({@code append}, {@code update}, ...; not {@code list.pop}/{@code clear},
 * as in jinja2 3.1.2) is the sandbox's unsafe undefined. Only the attributes {@link Methods} models exist: a
 * template never reaches a Java object. Stateless.
 */
final class Attrs {
    /** The Python object has no such attribute. */
    static final Object NO_ATTR = new Object();
    /** The attribute exists and the sandbox forbids it. */
    static final Object UNSAFE = new Object();
    private static final Object ABSENT = Dicts.ABSENT;

    private Attrs() {}

    /** {@code obj.name} in sandboxed code. */
    static Object getattr(Object obj, String name) {
        if (obj instanceof Undefined) {
            if (Methods.attribute(obj, name) == UNSAFE) {
                return Undefined.unsafe(obj, name);
            }
            throw ((Undefined) obj).error();
        }
        Object v = Methods.attribute(obj, name);
        if (v == NO_ATTR) {
            Object item = item(obj, name);
            return item != ABSENT ? item : Undefined.of(obj, name);
        }
        if (v == UNSAFE) {
            return Undefined.unsafe(obj, name);
        }
        return v;
    }

    /** {@code obj[key]} in sandboxed code. */
    static Object getitem(Object obj, Object key) {
        if (obj instanceof Undefined) {
            throw ((Undefined) obj).error();
        }
        Object item = item(obj, key);
        if (item != ABSENT) {
            return item;
        }
        if (key instanceof String) {
            Object v = Methods.attribute(obj, (String) key);
            if (v == UNSAFE) {
                return Undefined.unsafe(obj, (String) key);
            }
            if (v != NO_ATTR) {
                return v;
            }
        }
        return Undefined.of(obj, key);
    }

    /** {@code obj[a:b:c]}: Python's subscript with a slice, whose errors propagate (no undefined fallback). */
    static Object slice(Object obj, PySlice slice) {
        if (obj instanceof Undefined) {
            throw ((Undefined) obj).error();
        }
        if (obj instanceof List || obj instanceof String || obj instanceof Markup || obj instanceof PyTuple
                || obj instanceof PyRange) {
            return item(obj, slice);
        }
        if (obj instanceof Map) {
            throw Py.typeError("unhashable type: 'slice'");
        }
        if (obj instanceof TemplateReference) {
            throw Py.typeError("unhashable type: 'slice'");
        }
        throw Py.typeError(Py.repr(Py.typeName(obj)) + " object is not subscriptable");
    }

    /** {@code obj|attr(name)} (jinja2 3.1.2 with the CVE-2025-27516 fix): the attribute only, never the item. */
    static Object attrFilter(Object obj, String name) {
        if (obj instanceof Undefined) {
            if (Methods.attribute(obj, name) == UNSAFE) {
                return Undefined.unsafe(obj, name);
            }
            if (name.startsWith("__") && name.endsWith("__")) {
                return Undefined.of(obj, name);
            }
            throw ((Undefined) obj).error();
        }
        Object v = Methods.attribute(obj, name);
        if (v == NO_ATTR) {
            return Undefined.of(obj, name);
        }
        if (v == UNSAFE) {
            return Undefined.unsafe(obj, name);
        }
        return v;
    }

    /** {@code obj[key]} of the Python object, or {@link Dicts#ABSENT} where Python raises TypeError/LookupError. */
    @SuppressWarnings("unchecked")
    static Object item(Object obj, Object key) {
        if (obj instanceof Map) {
            if (key instanceof List || key instanceof Map || key instanceof PySlice) {
                return ABSENT;
            }
            return Dicts.get((Map<Object, Object>) obj, key, ABSENT);
        }
        if (obj instanceof List) {
            List<Object> l = (List<Object>) obj;
            if (Py.isInt(key)) {
                long i = Py.asIndex(key);
                if (i < 0) {
                    i += l.size();
                }
                return i >= 0 && i < l.size() ? l.get((int) i) : ABSENT;
            }
            if (key instanceof PySlice) {
                long[] idx = ((PySlice) key).indices(l.size());
                java.util.ArrayList<Object> out = new java.util.ArrayList<>((int) Math.max(0, idx[3]));
                for (long k = 0; k < idx[3]; k++) {
                    out.add(l.get((int) (idx[0] + k * idx[2])));
                }
                return out;
            }
            return ABSENT;
        }
        if (obj instanceof String || obj instanceof Markup) {
            String s = Py.str(obj);
            if (Py.isInt(key)) {
                String c = PyStrings.charAt(s, Py.asIndex(key));
                return c == null ? ABSENT : obj instanceof Markup ? new Markup(c) : c;
            }
            if (key instanceof PySlice) {
                String r = PyStrings.slice(s, (PySlice) key);
                return obj instanceof Markup ? new Markup(r) : r;
            }
            return ABSENT;
        }
        if (obj instanceof PyTuple) {
            PyTuple t = (PyTuple) obj;
            if (Py.isInt(key)) {
                long i = Py.asIndex(key);
                if (i < 0) {
                    i += t.size();
                }
                return i >= 0 && i < t.size() ? t.get((int) i) : ABSENT;
            }
            if (key instanceof PySlice) {
                long[] idx = ((PySlice) key).indices(t.size());
                Object[] out = new Object[(int) Math.max(0, idx[3])];
                for (int k = 0; k < out.length; k++) {
                    out[k] = t.get((int) (idx[0] + k * idx[2]));
                }
                return new PyTuple(out);
            }
            return ABSENT;
        }
        if (obj instanceof PyRange) {
            PyRange r = (PyRange) obj;
            if (Py.isInt(key)) {
                long i = Py.asIndex(key);
                if (i < 0) {
                    i += r.length;
                }
                return i >= 0 && i < r.length ? (Object) r.get(i) : ABSENT;
            }
            if (key instanceof PySlice) {
                long[] idx = ((PySlice) key).indices(r.length);
                return new PyRange(r.start + idx[0] * r.step, r.start + idx[1] * r.step, r.step * idx[2]);
            }
            return ABSENT;
        }
        if (obj instanceof TemplateReference && key instanceof String) {
            return ((TemplateReference) obj).block((String) key, ABSENT);
        }
        return ABSENT;
    }
}

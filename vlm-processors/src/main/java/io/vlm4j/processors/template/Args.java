package io.vlm4j.processors.template;

import java.util.Map;

/**
 * Binds call arguments to parameters the way Python does for the functions a template calls (filters, tests,
 * globals, methods), with Python's TypeErrors for a wrong count or an unknown keyword. Stateless.
 */
final class Args {
    /** An absent optional argument. */
    static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "<missing>";
        }
    };

    private Args() {}

    /**
     * Binds {@code args} and {@code kwargs} to {@code params}; the first {@code required} are required. Absent
     * optional parameters are {@link #MISSING}. With {@code positionalOnly} no keyword is accepted.
     */
    static Object[] bind(String fname, Object[] args, Map<String, Object> kwargs, int required,
            boolean positionalOnly, String... params) {
        if (args.length > params.length) {
            if (params.length == 0) {
                throw Py.typeError(fname + "() takes no arguments (" + args.length + " given)");
            }
            throw Py.typeError(fname + "() takes " + (required == params.length ? "" : "at most ")
                    + params.length + " argument" + (params.length == 1 ? "" : "s") + " (" + args.length
                    + " given)");
        }
        Object[] out = new Object[params.length];
        System.arraycopy(args, 0, out, 0, args.length);
        for (int i = args.length; i < params.length; i++) {
            out[i] = MISSING;
        }
        if (!kwargs.isEmpty()) {
            if (positionalOnly) {
                throw Py.typeError(fname + "() takes no keyword arguments");
            }
            for (Map.Entry<String, Object> e : kwargs.entrySet()) {
                int idx = -1;
                for (int i = 0; i < params.length; i++) {
                    if (params[i].equals(e.getKey())) {
                        idx = i;
                        break;
                    }
                }
                if (idx < 0) {
                    throw Py.typeError(fname + "() got an unexpected keyword argument " + Py.repr(e.getKey()));
                }
                if (idx < args.length) {
                    throw Py.typeError(fname + "() got multiple values for argument " + Py.repr(e.getKey()));
                }
                out[idx] = e.getValue();
            }
        }
        for (int i = 0; i < required; i++) {
            if (out[i] == MISSING) {
                throw Py.typeError(fname + "() missing required argument: " + Py.repr(params[i]));
            }
        }
        return out;
    }

    /** No arguments at all. */
    static void none(String fname, Object[] args, Map<String, Object> kwargs) {
        if (args.length > 0 || !kwargs.isEmpty()) {
            throw Py.typeError(fname + "() takes no arguments (" + (args.length + kwargs.size()) + " given)");
        }
    }

    static Object or(Object v, Object dflt) {
        return v == MISSING ? dflt : v;
    }

    /** An int argument (bool included); TypeError otherwise. */
    static long intArg(String fname, Object v) {
        if (!Py.isInt(v)) {
            throw Py.typeError(fname + "(): " + Py.repr(Py.typeName(v))
                    + " object cannot be interpreted as an integer");
        }
        return Py.asIndex(v);
    }

    /** A str argument; TypeError otherwise. */
    static String strArg(String fname, Object v) {
        if (!Py.isStr(v)) {
            throw Py.typeError(fname + "() argument must be str, not " + Py.typeName(v));
        }
        return Py.str(v);
    }
}

package io.vlm4j.processors.template;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A macro bound to the scope it was defined in, called as Jinja2's {@code Macro.__call__} binds arguments:
 * positional first, then keywords by name, defaults evaluated in the macro's scope, {@code caller},
 * {@code varargs} and {@code kwargs} when the body uses them. One render.
 */
final class Macro implements PyCallable {
    final MacroDef def;
    private final Scope closure;

    Macro(MacroDef def, Scope closure) {
        this.def = def;
        this.closure = closure;
    }

    @Override
    public Object call(Render r, Object[] args, Map<String, Object> kwargs) {
        String[] names = def.argNames;
        int argc = names.length;
        Map<String, Object> kw = kwargs.isEmpty() ? kwargs : new LinkedHashMap<>(kwargs);
        Object[] values = new Object[argc];
        int given = Math.min(args.length, argc);
        System.arraycopy(args, 0, values, 0, given);
        boolean foundCaller = false;
        if (given != argc) {
            for (int i = given; i < argc; i++) {
                Object v = kw.isEmpty() || !kw.containsKey(names[i]) ? Args.MISSING : kw.remove(names[i]);
                if (names[i].equals("caller")) {
                    foundCaller = true;
                }
                values[i] = v;
            }
        } else {
            foundCaller = def.explicitCaller;
        }
        Object caller = null;
        boolean hasCaller = false;
        if (def.usesCaller && !foundCaller) {
            Object c = kw.isEmpty() ? null : kw.remove("caller");
            caller = c != null ? c : Undefined.hint("No caller defined");
            hasCaller = true;
        }
        if (!def.catchKwargs && !kw.isEmpty()) {
            if (kw.containsKey("caller")) {
                throw Py.typeError("macro " + Py.repr(def.name) + " was invoked with two values for the special"
                        + " caller argument. This is most likely a bug.");
            }
            throw Py.typeError("macro " + Py.repr(def.name) + " takes no keyword argument "
                    + Py.repr(kw.keySet().iterator().next()));
        }
        if (!def.catchVarargs && args.length > argc) {
            throw Py.typeError("macro " + Py.repr(def.name) + " takes not more than " + argc + " argument(s)");
        }
        r.enter();
        try {
            Scope s = closure.child();
            int firstDefault = argc - def.defaults.length;
            for (int i = 0; i < argc; i++) {
                Object v = values[i];
                if (v == Args.MISSING) {
                    if (i >= firstDefault) {
                        v = def.defaults[i - firstDefault].eval(s);
                    } else {
                        v = Undefined.hint("parameter " + Py.repr(names[i]) + " was not provided");
                    }
                }
                s.set(names[i], v);
            }
            if (hasCaller) {
                s.set("caller", caller);
            }
            if (def.catchKwargs) {
                s.set("kwargs", new LinkedHashMap<Object, Object>(kw));
            }
            if (def.catchVarargs) {
                Object[] extra = new Object[Math.max(0, args.length - argc)];
                if (extra.length > 0) {
                    System.arraycopy(args, argc, extra, 0, extra.length);
                }
                s.set("varargs", new PyTuple(extra));
            }
            StringBuilder out = new StringBuilder();
            Stmt.renderAll(def.body, s, out);
            String text = out.toString();
            return r.autoescape ? new Markup(text) : text;
        } finally {
            r.exit();
        }
    }
}

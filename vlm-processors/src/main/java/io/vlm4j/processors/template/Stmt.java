package io.vlm4j.processors.template;

import io.vlm4j.TemplateException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A statement of a compiled template: renders into a buffer and reports whether a {@code {% break %}} or
 * {@code {% continue %}} is unwinding. Immutable; thread-safe.
 */
abstract class Stmt {
    static final int NORMAL = 0;
    static final int BREAK = 1;
    static final int CONTINUE = 2;
    static final Stmt[] EMPTY = new Stmt[0];

    final int line;

    Stmt(int line) {
        this.line = line;
    }

    abstract int render(Scope s, StringBuilder out);

    static int renderAll(Stmt[] body, Scope s, StringBuilder out) {
        for (Stmt st : body) {
            int r = st.render(s, out);
            if (r != NORMAL) {
                return r;
            }
        }
        return NORMAL;
    }

    /** The text of a value printed by {@code {{ }}}: {@code str()}, or escaped under autoescape. */
    static String text(Render r, Object v) {
        if (v instanceof String) {
            return r.autoescape ? Markup.escapeText((String) v) : (String) v;
        }
        return r.autoescape ? Markup.escape(v).s : Py.str(v);
    }

    /** Assigns a value to a target (a name, a tuple of targets, {@code ns.attr}). */
    static void assign(Scope s, Expr target, Object value) {
        if (target instanceof Expr.Name) {
            s.set(((Expr.Name) target).name, value);
        } else if (target instanceof Expr.TupleLit) {
            Expr[] items = ((Expr.TupleLit) target).items;
            Object[] values = Py.unpack(s.render, value, items.length);
            for (int i = 0; i < items.length; i++) {
                assign(s, items[i], values[i]);
            }
        } else if (target instanceof Expr.NsRef) {
            Expr.NsRef ref = (Expr.NsRef) target;
            Object ns = s.lookup(ref.name);
            if (!(ns instanceof Namespace)) {
                throw new TemplateException("TemplateRuntimeError", "cannot assign attribute on non-namespace object");
            }
            ((Namespace) ns).attrs.put(ref.attr, value);
        } else {
            throw new IllegalStateException("not an assignment target: " + target);
        }
    }

    // ---- output

    static final class Output extends Stmt {
        /** Each part is a {@link String} (template data) or an {@link Expr}. */
        final Object[] parts;

        Output(int line, Object[] parts) {
            super(line);
            this.parts = parts;
        }

        @Override
        int render(Scope s, StringBuilder out) {
            Render r = s.render;
            for (Object p : parts) {
                if (p instanceof String) {
                    r.append(out, (String) p);
                } else {
                    r.append(out, text(r, ((Expr) p).eval(s)));
                }
            }
            return NORMAL;
        }
    }

    // ---- control flow

    static final class If extends Stmt {
        final Expr[] tests;
        final Stmt[][] bodies;
        final Stmt[] orElse;

        If(int line, Expr[] tests, Stmt[][] bodies, Stmt[] orElse) {
            super(line);
            this.tests = tests;
            this.bodies = bodies;
            this.orElse = orElse;
        }

        @Override
        int render(Scope s, StringBuilder out) {
            for (int i = 0; i < tests.length; i++) {
                if (Py.truthy(tests[i].eval(s))) {
                    return renderAll(bodies[i], s, out);
                }
            }
            return renderAll(orElse, s, out);
        }
    }

    static final class For extends Stmt {
        final Expr target;
        final Expr iter;
        final Stmt[] body;
        final Stmt[] orElse;
        final Expr test;
        final boolean recursive;
        final boolean usesLoop;

        For(int line, Expr target, Expr iter, Stmt[] body, Stmt[] orElse, Expr test, boolean recursive,
                boolean usesLoop) {
            super(line);
            this.target = target;
            this.iter = iter;
            this.body = body;
            this.orElse = orElse;
            this.test = test;
            this.recursive = recursive;
            this.usesLoop = usesLoop || recursive;
        }

        @Override
        int render(Scope s, StringBuilder out) {
            loop(s, out, iter.eval(s), 0);
            return NORMAL;
        }

        /** Renders the loop over {@code iterable} at recursion depth {@code depth0}. */
        void loop(Scope s, StringBuilder out, Object iterable, int depth0) {
            Render r = s.render;
            Iter it = Py.iter(iterable);
            Object lengthSource = iterable;
            if (test != null) {
                Iter source = it;
                it = () -> {
                    for (Object v = source.next(); v != Iter.END; v = source.next()) {
                        r.step();
                        Scope ts = s.child();
                        assign(ts, target, v);
                        if (Py.truthy(test.eval(ts))) {
                            return v;
                        }
                    }
                    return Iter.END;
                };
                lengthSource = null;
            }
            LoopContext loop = usesLoop ? new LoopContext(lengthSource, it, depth0, recursive ? this : null, s) : null;
            boolean iterated = false;
            while (true) {
                Object item;
                if (loop != null) {
                    if (!loop.advance()) {
                        break;
                    }
                    item = loop.current;
                } else {
                    item = it.next();
                    if (item == Iter.END) {
                        break;
                    }
                }
                r.step();
                iterated = true;
                Scope is = s.child();
                assign(is, target, item);
                if (loop != null) {
                    is.set("loop", loop);
                }
                if (renderAll(body, is, out) == BREAK) {
                    break;
                }
            }
            if (!iterated && orElse.length > 0) {
                renderAll(orElse, s.child(), out);
            }
        }
    }

    static final class Break extends Stmt {
        Break(int line) {
            super(line);
        }

        @Override
        int render(Scope s, StringBuilder out) {
            return BREAK;
        }
    }

    static final class Continue extends Stmt {
        Continue(int line) {
            super(line);
        }

        @Override
        int render(Scope s, StringBuilder out) {
            return CONTINUE;
        }
    }

    // ---- assignment

    static final class Assign extends Stmt {
        final Expr target;
        final Expr value;

        Assign(int line, Expr target, Expr value) {
            super(line);
            this.target = target;
            this.value = value;
        }

        @Override
        int render(Scope s, StringBuilder out) {
            assign(s, target, value.eval(s));
            return NORMAL;
        }
    }

    /** {@code {% set x | filter %}body{% endset %}}. */
    static final class AssignBlock extends Stmt {
        final Expr target;
        final Expr.Filter filter;
        final Stmt[] body;

        AssignBlock(int line, Expr target, Expr.Filter filter, Stmt[] body) {
            super(line);
            this.target = target;
            this.filter = filter;
            this.body = body;
        }

        @Override
        int render(Scope s, StringBuilder out) {
            Scope inner = s.child();
            StringBuilder buf = new StringBuilder();
            int status = renderAll(body, inner, buf);
            if (status != NORMAL) {
                return status;
            }
            Object value = s.render.autoescape ? new Markup(buf.toString()) : buf.toString();
            if (filter != null) {
                value = filterChain(filter, inner, value);
            }
            assign(s, target, value);
            return NORMAL;
        }
    }

    /** Applies a chain of filters whose innermost input is a block's text. */
    static Object filterChain(Expr.Filter f, Scope s, Object input) {
        Object v = f.node == null ? input : filterChain((Expr.Filter) f.node, s, input);
        return f.apply(s, v);
    }

    static final class With extends Stmt {
        final Expr[] targets;
        final Expr[] values;
        final Stmt[] body;

        With(int line, Expr[] targets, Expr[] values, Stmt[] body) {
            super(line);
            this.targets = targets;
            this.values = values;
            this.body = body;
        }

        @Override
        int render(Scope s, StringBuilder out) {
            Scope inner = s.child();
            for (int i = 0; i < targets.length; i++) {
                assign(inner, targets[i], values[i].eval(s));
            }
            return renderAll(body, inner, out);
        }
    }

    // ---- macros and blocks

    static final class MacroStmt extends Stmt {
        final MacroDef def;

        MacroStmt(int line, MacroDef def) {
            super(line);
            this.def = def;
        }

        @Override
        int render(Scope s, StringBuilder out) {
            s.set(def.name, new Macro(def, s));
            return NORMAL;
        }
    }

    /** {@code {% call(args) m(...) %}body{% endcall %}}: calls {@code m} with {@code caller} = the body. */
    static final class CallBlock extends Stmt {
        final MacroDef caller;
        final Expr.Call call;

        CallBlock(int line, MacroDef caller, Expr.Call call) {
            super(line);
            this.caller = caller;
            this.call = call;
        }

        @Override
        int render(Scope s, StringBuilder out) {
            Object fn = call.node.eval(s);
            Map<String, Object> kwargs = new LinkedHashMap<>();
            Object[] args = call.arguments.eval(s, kwargs);
            kwargs.put("caller", new Macro(caller, s));
            Object result = Expr.Call.call(s.render, fn, args, kwargs);
            s.render.append(out, text(s.render, result));
            return NORMAL;
        }
    }

    static final class FilterBlock extends Stmt {
        final Expr.Filter filter;
        final Stmt[] body;

        FilterBlock(int line, Expr.Filter filter, Stmt[] body) {
            super(line);
            this.filter = filter;
            this.body = body;
        }

        @Override
        int render(Scope s, StringBuilder out) {
            Scope inner = s.child();
            StringBuilder buf = new StringBuilder();
            int status = renderAll(body, inner, buf);
            if (status != NORMAL) {
                return status;
            }
            Object value = s.render.autoescape ? new Markup(buf.toString()) : buf.toString();
            s.render.append(out, text(s.render, filterChain(filter, inner, value)));
            return NORMAL;
        }
    }

    /** HF's {@code {% generation %}...{% endgeneration %}}: renders its body (a call block in HF). */
    static final class Generation extends Stmt {
        final Stmt[] body;

        Generation(int line, Stmt[] body) {
            super(line);
            this.body = body;
        }

        @Override
        int render(Scope s, StringBuilder out) {
            Render r = s.render;
            r.enter();
            try {
                StringBuilder buf = new StringBuilder();
                renderAll(body, s.child(), buf);
                r.append(out, buf.toString());
            } finally {
                r.exit();
            }
            return NORMAL;
        }
    }

    static final class Block extends Stmt {
        final String name;
        final boolean scoped;
        final Stmt[] body;

        Block(int line, String name, boolean scoped, Stmt[] body) {
            super(line);
            this.name = name;
            this.scoped = scoped;
            this.body = body;
        }

        @Override
        int render(Scope s, StringBuilder out) {
            renderBlock(scoped ? s : s.top(), out);
            return NORMAL;
        }

        void renderBlock(Scope base, StringBuilder out) {
            Render r = base.render;
            r.enter();
            try {
                renderAll(body, base.child(), out);
            } finally {
                r.exit();
            }
        }
    }

    /** {@code extends}, {@code include}, {@code import}, {@code from ... import}: HF's environment has no loader. */
    static final class LoadTemplate extends Stmt {
        final Expr template;

        LoadTemplate(int line, Expr template) {
            super(line);
            this.template = template;
        }

        @Override
        int render(Scope s, StringBuilder out) {
            template.eval(s);
            throw Py.typeError("no loader for this environment specified");
        }
    }

    static final class Autoescape extends Stmt {
        final Expr value;
        final Stmt[] body;

        Autoescape(int line, Expr value, Stmt[] body) {
            super(line);
            this.value = value;
            this.body = body;
        }

        @Override
        int render(Scope s, StringBuilder out) {
            Render r = s.render;
            boolean old = r.autoescape;
            r.autoescape = Py.truthy(value.eval(s));
            try {
                return renderAll(body, s.child(), out);
            } finally {
                r.autoescape = old;
            }
        }
    }
}

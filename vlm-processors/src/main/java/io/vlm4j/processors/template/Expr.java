package io.vlm4j.processors.template;

import io.vlm4j.TemplateException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An expression of a compiled template: evaluated against a {@link Scope} with Jinja2's semantics (the order of
 * evaluation is Python's: the object, then the arguments, left to right). Immutable; thread-safe.
 */
abstract class Expr {
    final int line;

    Expr(int line) {
        this.line = line;
    }

    abstract Object eval(Scope s);

    /** Whether the node is a name, tuple of names or namespace attribute that may be assigned. */
    boolean assignable() {
        return false;
    }

    /**
     * Whether jinja2's compiler would fold this node to a constant ({@code as_const}): literals and what
     * operators, filters (but those given the context) and tests make of them. It matters in one place: a slice
     * of a constant goes through the sandbox's {@code getitem} (a failure is undefined), any other slice is a
     * plain Python subscript (a failure raises).
     */
    boolean constant() {
        return false;
    }

    /** Thrown while folding when the expression needs the render (a variable, a call, a context filter). */
    static final class NotConstant extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final NotConstant INSTANCE = new NotConstant();

        private NotConstant() {
            super("not a constant", null, false, false);
        }
    }

    static boolean constant(Expr... nodes) {
        for (Expr e : nodes) {
            if (e != null && !e.constant()) {
                return false;
            }
        }
        return true;
    }

    // ---- leaves

    static final class Const extends Expr {
        final Object value;
        /** A folded list or dict is copied for each use, as Python builds a new one each time the code runs. */
        private final boolean mutable;

        Const(int line, Object value) {
            super(line);
            this.value = value;
            this.mutable = value instanceof List || value instanceof Map || value instanceof PyTuple
                    && containsMutable((PyTuple) value);
        }

        private static boolean containsMutable(PyTuple t) {
            for (Object o : t.items) {
                if (o instanceof List || o instanceof Map || o instanceof PyTuple && containsMutable((PyTuple) o)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        Object eval(Scope s) {
            return mutable ? copy(value) : value;
        }

        @SuppressWarnings("unchecked")
        private static Object copy(Object v) {
            if (v instanceof List) {
                List<Object> out = new ArrayList<>(((List<?>) v).size());
                for (Object o : (List<?>) v) {
                    out.add(copy(o));
                }
                return out;
            }
            if (v instanceof Map) {
                Map<Object, Object> out = new LinkedHashMap<>();
                for (Map.Entry<Object, Object> e : ((Map<Object, Object>) v).entrySet()) {
                    out.put(e.getKey(), copy(e.getValue()));
                }
                return out;
            }
            if (v instanceof PyTuple) {
                Object[] items = ((PyTuple) v).items.clone();
                for (int i = 0; i < items.length; i++) {
                    items[i] = copy(items[i]);
                }
                return new PyTuple(items);
            }
            return v;
        }

        /** jinja2's {@code has_safe_repr}: the values its compiler may write into code as a literal. */
        static boolean safeRepr(Object v) {
            if (v == null || v instanceof Boolean || v instanceof Long || v instanceof java.math.BigInteger
                    || v instanceof Double || v instanceof String || v instanceof Markup || v instanceof PyRange) {
                return true;
            }
            if (v instanceof List) {
                for (Object o : (List<?>) v) {
                    if (!safeRepr(o)) {
                        return false;
                    }
                }
                return true;
            }
            if (v instanceof PyTuple) {
                for (Object o : ((PyTuple) v).items) {
                    if (!safeRepr(o)) {
                        return false;
                    }
                }
                return ((PyTuple) v).fields == null;
            }
            if (v instanceof Map) {
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    if (!safeRepr(e.getKey()) || !safeRepr(e.getValue())) {
                        return false;
                    }
                }
                return true;
            }
            return false;
        }

        @Override
        boolean constant() {
            return true;
        }
    }

    static final class Name extends Expr {
        final String name;

        Name(int line, String name) {
            super(line);
            this.name = name;
        }

        @Override
        Object eval(Scope s) {
            if (s.render.folding) {
                throw NotConstant.INSTANCE;
            }
            return s.lookup(name);
        }

        @Override
        boolean assignable() {
            return true;
        }
    }

    /** {@code ns.attr} as an assignment target. */
    static final class NsRef extends Expr {
        final String name;
        final String attr;

        NsRef(int line, String name, String attr) {
            super(line);
            this.name = name;
            this.attr = attr;
        }

        @Override
        Object eval(Scope s) {
            throw new IllegalStateException("a namespace reference is only a target");
        }

        @Override
        boolean assignable() {
            return true;
        }
    }

    // ---- access

    static final class Getattr extends Expr {
        final Expr node;
        final String attr;

        Getattr(int line, Expr node, String attr) {
            super(line);
            this.node = node;
            this.attr = attr;
        }

        @Override
        Object eval(Scope s) {
            return Attrs.getattr(node.eval(s), attr);
        }

        @Override
        boolean constant() {
            return node.constant();
        }
    }

    static final class Getitem extends Expr {
        final Expr node;
        final Expr arg;

        Getitem(int line, Expr node, Expr arg) {
            super(line);
            this.node = node;
            this.arg = arg;
        }

        @Override
        boolean constant() {
            return node.constant() && arg.constant();
        }

        @Override
        Object eval(Scope s) {
            Object obj = node.eval(s);
            if (arg instanceof Slice && !s.render.folding) {
                // jinja2 compiles slices to a plain Python subscript, bypassing the sandbox's getitem
                return Attrs.slice(obj, (PySlice) arg.eval(s));
            }
            return Attrs.getitem(obj, arg.eval(s));
        }
    }

    static final class Slice extends Expr {
        final Expr start;
        final Expr stop;
        final Expr step;

        Slice(int line, Expr start, Expr stop, Expr step) {
            super(line);
            this.start = start;
            this.stop = stop;
            this.step = step;
        }

        @Override
        Object eval(Scope s) {
            return new PySlice(start == null ? null : start.eval(s), stop == null ? null : stop.eval(s),
                    step == null ? null : step.eval(s));
        }

        @Override
        boolean constant() {
            return constant(start, stop, step);
        }
    }

    // ---- calls, filters, tests

    /** The arguments of a call, filter or test: positional, keywords, {@code *args}, {@code **kwargs}. */
    static final class Arguments {
        static final Arguments NONE = new Arguments(new Expr[0], new String[0], new Expr[0], null, null);
        static final Object[] NO_ARGS = new Object[0];

        final Expr[] args;
        final String[] kwNames;
        final Expr[] kwValues;
        final Expr dynArgs;
        final Expr dynKwargs;

        Arguments(Expr[] args, String[] kwNames, Expr[] kwValues, Expr dynArgs, Expr dynKwargs) {
            this.args = args;
            this.kwNames = kwNames;
            this.kwValues = kwValues;
            this.dynArgs = dynArgs;
            this.dynKwargs = dynKwargs;
        }

        Object[] positional(Scope s) {
            if (args.length == 0 && dynArgs == null) {
                return NO_ARGS;
            }
            Object[] out = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                out[i] = args[i].eval(s);
            }
            return out;
        }

        /** Evaluates everything in Python's order; returns the positional values, fills {@code kwargs}. */
        Object[] eval(Scope s, Map<String, Object> kwargs) {
            Object[] pos = positional(s);
            for (int i = 0; i < kwNames.length; i++) {
                kwargs.put(kwNames[i], kwValues[i].eval(s));
            }
            if (dynArgs != null) {
                Object extra = dynArgs.eval(s);
                List<Object> more = Py.toList(s.render, extra);
                Object[] all = new Object[pos.length + more.size()];
                System.arraycopy(pos, 0, all, 0, pos.length);
                for (int i = 0; i < more.size(); i++) {
                    all[pos.length + i] = more.get(i);
                }
                pos = all;
            }
            if (dynKwargs != null) {
                Object extra = dynKwargs.eval(s);
                if (!(extra instanceof Map)) {
                    throw Py.typeError("argument after ** must be a mapping, not " + Py.typeName(extra));
                }
                for (Map.Entry<?, ?> e : ((Map<?, ?>) extra).entrySet()) {
                    if (!(e.getKey() instanceof String)) {
                        throw Py.typeError("keywords must be strings");
                    }
                    if (kwargs.containsKey(e.getKey())) {
                        throw Py.typeError("got multiple values for keyword argument " + Py.repr(e.getKey()));
                    }
                    kwargs.put((String) e.getKey(), e.getValue());
                }
            }
            return pos;
        }

        boolean simple() {
            return kwNames.length == 0 && dynArgs == null && dynKwargs == null;
        }

        boolean constant() {
            return Expr.constant(args) && Expr.constant(kwValues) && Expr.constant(dynArgs, dynKwargs);
        }
    }

    static Map<String, Object> emptyKwargs() {
        return Collections.emptyMap();
    }

    static final class Call extends Expr {
        final Expr node;
        final Arguments arguments;

        Call(int line, Expr node, Arguments arguments) {
            super(line);
            this.node = node;
            this.arguments = arguments;
        }

        @Override
        Object eval(Scope s) {
            if (s.render.folding) {
                throw NotConstant.INSTANCE;
            }
            Object fn = node.eval(s);
            Map<String, Object> kwargs = arguments.simple() ? emptyKwargs() : new LinkedHashMap<>();
            Object[] args = arguments.eval(s, kwargs);
            return call(s.render, fn, args, kwargs);
        }

        static Object call(Render r, Object fn, Object[] args, Map<String, Object> kwargs) {
            if (fn instanceof PyCallable) {
                return ((PyCallable) fn).call(r, args, kwargs);
            }
            if (fn instanceof Undefined) {
                throw ((Undefined) fn).error();
            }
            throw Py.typeError(Py.repr(Py.typeName(fn)) + " object is not callable");
        }
    }

    static final class Filter extends Expr {
        /** The filtered value; null in a {@code {% filter %}} block, whose body text is the value. */
        final Expr node;
        final String name;
        final Filters.Fn fn;
        final Arguments arguments;

        Filter(int line, Expr node, String name, Filters.Fn fn, Arguments arguments) {
            super(line);
            this.node = node;
            this.name = name;
            this.fn = fn;
            this.arguments = arguments;
        }

        @Override
        Object eval(Scope s) {
            if (s.render.folding && !constant()) {
                throw NotConstant.INSTANCE;
            }
            return apply(s, node.eval(s));
        }

        @Override
        boolean constant() {
            switch (name) {
                case "map":
                case "select":
                case "reject":
                case "selectattr":
                case "rejectattr":
                case "random":
                    return false;
                default:
                    return fn != null && node != null && node.constant() && arguments.constant();
            }
        }

        Object apply(Scope s, Object value) {
            Map<String, Object> kwargs = arguments.simple() ? emptyKwargs() : new LinkedHashMap<>();
            Object[] args = arguments.eval(s, kwargs);
            if (fn == null) {
                throw new TemplateException("TemplateRuntimeError", "No filter named " + Py.repr(name) + " found.");
            }
            return fn.apply(s, value, args, kwargs);
        }
    }

    static final class Test extends Expr {
        final Expr node;
        final String name;
        final Tests.Fn fn;
        final Arguments arguments;

        Test(int line, Expr node, String name, Tests.Fn fn, Arguments arguments) {
            super(line);
            this.node = node;
            this.name = name;
            this.fn = fn;
            this.arguments = arguments;
        }

        @Override
        Object eval(Scope s) {
            Object value = node.eval(s);
            Map<String, Object> kwargs = arguments.simple() ? emptyKwargs() : new LinkedHashMap<>();
            Object[] args = arguments.eval(s, kwargs);
            if (fn == null) {
                throw new TemplateException("TemplateRuntimeError", "No test named " + Py.repr(name) + " found.");
            }
            return fn.test(s, value, args, kwargs);
        }

        @Override
        boolean constant() {
            return fn != null && node.constant() && arguments.constant();
        }
    }

    // ---- operators

    static final class Unary extends Expr {
        final char op;
        final Expr operand;

        Unary(int line, char op, Expr operand) {
            super(line);
            this.op = op;
            this.operand = operand;
        }

        @Override
        Object eval(Scope s) {
            Object v = operand.eval(s);
            switch (op) {
                case '-':
                    return Py.neg(v);
                case '+':
                    return Py.pos(v);
                default:
                    return !Py.truthy(v);
            }
        }

        @Override
        boolean constant() {
            return operand.constant();
        }
    }

    static final class Binary extends Expr {
        final String op;
        final Expr left;
        final Expr right;

        Binary(int line, String op, Expr left, Expr right) {
            super(line);
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        Object eval(Scope s) {
            Object a = left.eval(s);
            Object b = right.eval(s);
            Render r = s.render;
            switch (op) {
                case "+":
                    return Py.add(r, a, b);
                case "-":
                    return Py.sub(r, a, b);
                case "*":
                    return Py.mul(r, a, b);
                case "/":
                    return Py.truediv(r, a, b);
                case "//":
                    return Py.floordiv(r, a, b);
                case "%":
                    return Py.mod(r, a, b);
                default:
                    return Py.pow(r, a, b);
            }
        }

        @Override
        boolean constant() {
            return left.constant() && right.constant();
        }
    }

    static final class And extends Expr {
        final Expr left;
        final Expr right;

        And(int line, Expr left, Expr right) {
            super(line);
            this.left = left;
            this.right = right;
        }

        @Override
        Object eval(Scope s) {
            Object a = left.eval(s);
            return Py.truthy(a) ? right.eval(s) : a;
        }

        /** Short-circuiting, as jinja2's {@code And.as_const}. */
        @Override
        boolean constant() {
            return left.constant();
        }
    }

    static final class Or extends Expr {
        final Expr left;
        final Expr right;

        Or(int line, Expr left, Expr right) {
            super(line);
            this.left = left;
            this.right = right;
        }

        @Override
        Object eval(Scope s) {
            Object a = left.eval(s);
            return Py.truthy(a) ? a : right.eval(s);
        }

        /** Short-circuiting, as jinja2's {@code Or.as_const}. */
        @Override
        boolean constant() {
            return left.constant();
        }
    }

    /** {@code a ~ b ~ c}: {@code str()} of each, joined. */
    static final class Concat extends Expr {
        final Expr[] parts;

        Concat(int line, Expr[] parts) {
            super(line);
            this.parts = parts;
        }

        @Override
        Object eval(Scope s) {
            Render r = s.render;
            Object[] values = new Object[parts.length];
            boolean markup = false;
            long total = 0;
            for (int i = 0; i < parts.length; i++) {
                Object v = parts[i].eval(s);
                values[i] = v;
                markup |= v instanceof Markup;
            }
            String[] strs = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                strs[i] = r.autoescape && markup ? Markup.escape(values[i]).s : Py.str(values[i]);
                total += strs[i].length();
            }
            r.alloc(total);
            StringBuilder b = new StringBuilder((int) total);
            for (String str : strs) {
                b.append(str);
            }
            return r.autoescape && markup ? new Markup(b.toString()) : b.toString();
        }

        @Override
        boolean constant() {
            return Expr.constant(parts);
        }
    }

    static final class Compare extends Expr {
        final Expr first;
        final String[] ops;
        final Expr[] operands;

        Compare(int line, Expr first, String[] ops, Expr[] operands) {
            super(line);
            this.first = first;
            this.ops = ops;
            this.operands = operands;
        }

        @Override
        Object eval(Scope s) {
            Object a = first.eval(s);
            for (int i = 0; i < ops.length; i++) {
                Object b = operands[i].eval(s);
                if (!compare(ops[i], a, b)) {
                    return false;
                }
                a = b;
            }
            return true;
        }

        static boolean compare(String op, Object a, Object b) {
            switch (op) {
                case "==":
                    return Py.eq(a, b);
                case "!=":
                    return !Py.eq(a, b);
                case "in":
                    return Py.contains(b, a);
                case "notin":
                    return !Py.contains(b, a);
                default:
                    return Py.compare(a, b, op);
            }
        }

        @Override
        boolean constant() {
            return first.constant() && Expr.constant(operands);
        }
    }

    static final class CondExpr extends Expr {
        final Expr test;
        final Expr expr1;
        final Expr expr2;

        CondExpr(int line, Expr test, Expr expr1, Expr expr2) {
            super(line);
            this.test = test;
            this.expr1 = expr1;
            this.expr2 = expr2;
        }

        @Override
        Object eval(Scope s) {
            if (Py.truthy(test.eval(s))) {
                return expr1.eval(s);
            }
            if (expr2 != null) {
                return expr2.eval(s);
            }
            return Undefined.hint("the inline if-expression on line " + line
                    + " evaluated to false and no else section was defined.");
        }

        /** jinja2's {@code CondExpr.as_const} needs only the branch the constant test chooses. */
        @Override
        boolean constant() {
            return test.constant();
        }
    }

    // ---- literals

    static final class ListLit extends Expr {
        final Expr[] items;

        ListLit(int line, Expr[] items) {
            super(line);
            this.items = items;
        }

        @Override
        Object eval(Scope s) {
            List<Object> out = new ArrayList<>(items.length);
            for (Expr e : items) {
                out.add(e.eval(s));
            }
            return out;
        }

        @Override
        boolean constant() {
            return Expr.constant(items);
        }
    }

    static final class TupleLit extends Expr {
        final Expr[] items;

        TupleLit(int line, Expr[] items) {
            super(line);
            this.items = items;
        }

        @Override
        Object eval(Scope s) {
            Object[] out = new Object[items.length];
            for (int i = 0; i < items.length; i++) {
                out[i] = items[i].eval(s);
            }
            return new PyTuple(out);
        }

        @Override
        boolean constant() {
            return Expr.constant(items);
        }

        @Override
        boolean assignable() {
            for (Expr e : items) {
                if (!e.assignable()) {
                    return false;
                }
            }
            return true;
        }
    }

    static final class DictLit extends Expr {
        final Expr[] keys;
        final Expr[] values;

        DictLit(int line, Expr[] keys, Expr[] values) {
            super(line);
            this.keys = keys;
            this.values = values;
        }

        @Override
        Object eval(Scope s) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < keys.length; i++) {
                Object k = keys[i].eval(s);
                Object v = values[i].eval(s);
                Dicts.put(out, k, v);
            }
            return out;
        }

        @Override
        boolean constant() {
            return Expr.constant(keys) && Expr.constant(values);
        }
    }
}

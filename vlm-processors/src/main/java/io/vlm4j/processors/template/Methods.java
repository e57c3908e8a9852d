package io.vlm4j.processors.template;

import io.vlm4j.TemplateException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Python attributes of the values a template sees, and the methods behind them: which attributes exist on
 * {@code str}, {@code list}, {@code dict}, {@code int}, {@code float}, {@code tuple}, {@code range}, dict views,
 * and Jinja2's {@code LoopContext}, {@code Macro}, {@code Cycler}, {@code Joiner}, {@code Namespace}, functions and
 * classes (so that the sandbox can tell a missing attribute from an unsafe one), and what calling a method does.
 * Stateless.
 */
final class Methods {
    private Methods() {}

    private static Set<String> set(String names) {
        return new HashSet<>(Arrays.asList(names.trim().split("\\s+")));
    }

    private static Set<String> union(Set<String> a, String names) {
        Set<String> s = new HashSet<>(a);
        s.addAll(set(names));
        return s;
    }

    private static final Set<String> OBJECT = set("__class__ __delattr__ __dir__ __doc__ __eq__ __format__ __ge__"
            + " __getattribute__ __getstate__ __gt__ __hash__ __init__ __init_subclass__ __le__ __lt__ __ne__ __new__"
            + " __reduce__ __reduce_ex__ __repr__ __setattr__ __sizeof__ __str__ __subclasshook__");
    private static final Set<String> PY_CLASS = union(OBJECT, "__dict__ __module__ __weakref__");

    static final Set<String> STR_METHODS = set("capitalize casefold center count encode endswith expandtabs find"
            + " format format_map index isalnum isalpha isascii isdecimal isdigit isidentifier islower isnumeric"
            + " isprintable isspace istitle isupper join ljust lower lstrip maketrans partition removeprefix"
            + " removesuffix replace rfind rindex rjust rpartition rsplit rstrip split splitlines startswith strip"
            + " swapcase title translate upper zfill");
    private static final Set<String> STR_DUNDERS = union(OBJECT, "__add__ __contains__ __getitem__ __getnewargs__"
            + " __iter__ __len__ __mod__ __mul__ __rmod__ __rmul__");
    private static final Set<String> MARKUP_METHODS = union(STR_METHODS, "escape unescape striptags");
    private static final Set<String> MARKUP_DUNDERS = union(STR_DUNDERS, "__html__ __html_format__ __module__"
            + " __slots__ __radd__ __weakref__");
    private static final Set<String> LIST_METHODS = set("append clear copy count extend index insert pop remove"
            + " reverse sort");
    /** jinja2 3.1.2's {@code _mutable_spec} for sequences: {@code clear} and {@code pop} are not in it. */
    private static final Set<String> LIST_MUTATING = set("append reverse insert sort extend remove");
    private static final Set<String> LIST_DUNDERS = union(OBJECT, "__add__ __class_getitem__ __contains__ __delitem__"
            + " __getitem__ __iadd__ __imul__ __iter__ __len__ __mul__ __reversed__ __rmul__ __setitem__");
    private static final Set<String> DICT_METHODS = set("clear copy fromkeys get items keys pop popitem setdefault"
            + " update values");
    private static final Set<String> DICT_MUTATING = set("clear pop popitem setdefault update");
    private static final Set<String> DICT_DUNDERS = union(OBJECT, "__class_getitem__ __contains__ __delitem__"
            + " __getitem__ __ior__ __iter__ __len__ __or__ __reversed__ __ror__ __setitem__");
    private static final Set<String> INT_METHODS = set("as_integer_ratio bit_count bit_length conjugate from_bytes"
            + " to_bytes");
    private static final Set<String> NUMBER_DUNDERS = union(OBJECT, "__abs__ __add__ __and__ __bool__ __ceil__"
            + " __divmod__ __float__ __floor__ __floordiv__ __getnewargs__ __index__ __int__ __invert__ __lshift__"
            + " __mod__ __mul__ __neg__ __or__ __pos__ __pow__ __radd__ __rand__ __rdivmod__ __rfloordiv__"
            + " __rlshift__ __rmod__ __rmul__ __ror__ __round__ __rpow__ __rrshift__ __rshift__ __rsub__"
            + " __rtruediv__ __rxor__ __sub__ __truediv__ __trunc__ __xor__ __getformat__");
    private static final Set<String> FLOAT_METHODS = set("as_integer_ratio conjugate fromhex hex is_integer");
    private static final Set<String> TUPLE_DUNDERS = union(OBJECT, "__add__ __class_getitem__ __contains__"
            + " __getitem__ __getnewargs__ __iter__ __len__ __mul__ __rmul__");
    private static final Set<String> GROUP_DUNDERS = union(TUPLE_DUNDERS, "__match_args__ __module__ __slots__"
            + " _asdict _field_defaults _fields _make _replace");
    private static final Set<String> RANGE_DUNDERS = union(OBJECT, "__bool__ __contains__ __getitem__ __iter__"
            + " __len__ __reversed__");
    private static final Set<String> VIEW_DUNDERS = union(OBJECT, "__and__ __contains__ __iter__ __len__ __or__"
            + " __rand__ __reversed__ __ror__ __rsub__ __rxor__ __sub__ __xor__");
    private static final Set<String> NONE_DUNDERS = union(OBJECT, "__bool__");
    private static final Set<String> UNDEFINED_ATTRS = union(OBJECT, "__add__ __radd__ __sub__ __rsub__ __mul__"
            + " __rmul__ __div__ __rdiv__ __truediv__ __rtruediv__ __floordiv__ __rfloordiv__ __mod__ __rmod__"
            + " __pos__ __neg__ __call__ __getitem__ __int__ __float__ __complex__ __pow__ __rpow__ __iter__"
            + " __aiter__ __len__ __bool__ __slots__ __module__ __getattr__ _undefined_hint _undefined_obj"
            + " _undefined_name _undefined_exception _undefined_message _fail_with_undefined_error");
    private static final Set<String> LOOP_PRIVATE = union(PY_CLASS, "__call__ __iter__ __next__ __len__"
            + " __annotations__ _iterable _iterator _undefined _recurse _length _after _current _before"
            + " _last_changed_value _to_iterator _peek_next");
    private static final Set<String> MACRO_PRIVATE = union(PY_CLASS, "__call__ _environment _func _argument_count"
            + " _default_autoescape _invoke _async_invoke");
    private static final Set<String> CYCLER_PRIVATE = union(PY_CLASS, "__next__");
    private static final Set<String> JOINER_PRIVATE = union(PY_CLASS, "__call__");
    private static final Set<String> FUNCTION_ATTRS = union(OBJECT, "__annotations__ __builtins__ __call__"
            + " __closure__ __code__ __defaults__ __dict__ __get__ __globals__ __kwdefaults__ __module__ __name__"
            + " __qualname__");
    private static final Set<String> TYPE_ATTRS = union(PY_CLASS, "__mro__ __subclasses__ __name__ __qualname__"
            + " __bases__ __base__ __basicsize__ __call__ __dictoffset__ __flags__ __instancecheck__ __itemsize__"
            + " __prepare__ __subclasscheck__ __text_signature__ __weakrefoffset__ __abstractmethods__"
            + " __annotations__ mro");
    private static final Set<String> BUILTIN_METHOD_ATTRS = union(OBJECT, "__call__ __module__ __name__"
            + " __qualname__ __reduce__ __self__ __text_signature__");
    private static final Set<String> METHOD_ATTRS = union(OBJECT, "__call__ __func__ __self__ __name__"
            + " __qualname__ __module__ __get__");
    private static final Set<String> GENERATOR_ATTRS = union(OBJECT, "__del__ __iter__ __next__ __name__"
            + " __qualname__ gi_code gi_frame");
    private static final Set<String> ITERATOR_ATTRS = union(OBJECT, "__iter__ __length_hint__ __next__"
            + " __setstate__");
    private static final Set<String> TEMPLATE_REF_ATTRS = union(PY_CLASS, "__getitem__ _TemplateReference__context");

    private static Object method(Object self, String name) {
        return new BoundMethod(self, name);
    }

    private static Object privateAttr(Set<String> existing, String name) {
        return existing.contains(name) ? Attrs.UNSAFE : Attrs.NO_ATTR;
    }

    /**
     * The Python attribute {@code name} of {@code obj}: its value (a {@link BoundMethod} for a method),
     * {@link Attrs#UNSAFE} if it exists but is private or mutating, {@link Attrs#NO_ATTR} if it does not exist.
     */
    static Object attribute(Object obj, String name) {
        boolean priv = name.startsWith("_");
        if (obj instanceof String) {
            return priv ? privateAttr(STR_DUNDERS, name) : STR_METHODS.contains(name) ? method(obj, name) : Attrs.NO_ATTR;
        }
        if (obj instanceof Map) {
            if (priv) {
                return privateAttr(DICT_DUNDERS, name);
            }
            if (DICT_METHODS.contains(name)) {
                return DICT_MUTATING.contains(name) ? Attrs.UNSAFE : method(obj, name);
            }
            return Attrs.NO_ATTR;
        }
        if (obj instanceof List) {
            if (priv) {
                return privateAttr(LIST_DUNDERS, name);
            }
            if (LIST_METHODS.contains(name)) {
                return LIST_MUTATING.contains(name) ? Attrs.UNSAFE : method(obj, name);
            }
            return Attrs.NO_ATTR;
        }
        if (obj instanceof Long || obj instanceof Boolean || obj instanceof BigInteger || obj instanceof Integer) {
            if (priv) {
                return privateAttr(NUMBER_DUNDERS, name);
            }
            switch (name) {
                case "real":
                case "numerator":
                    return Py.pos(obj);
                case "imag":
                    return 0L;
                case "denominator":
                    return 1L;
                default:
                    return INT_METHODS.contains(name) ? method(obj, name) : Attrs.NO_ATTR;
            }
        }
        if (obj instanceof Double) {
            if (priv) {
                return privateAttr(NUMBER_DUNDERS, name);
            }
            switch (name) {
                case "real":
                    return obj;
                case "imag":
                    return 0.0;
                default:
                    return FLOAT_METHODS.contains(name) ? method(obj, name) : Attrs.NO_ATTR;
            }
        }
        if (obj == null) {
            return priv ? privateAttr(NONE_DUNDERS, name) : Attrs.NO_ATTR;
        }
        if (obj instanceof Undefined) {
            return priv ? privateAttr(UNDEFINED_ATTRS, name) : Attrs.NO_ATTR;
        }
        if (obj instanceof PyTuple) {
            PyTuple t = (PyTuple) obj;
            if (priv) {
                return privateAttr(t.fields != null ? GROUP_DUNDERS : TUPLE_DUNDERS, name);
            }
            int f = t.field(name);
            if (f >= 0) {
                return t.get(f);
            }
            return name.equals("count") || name.equals("index") ? method(obj, name) : Attrs.NO_ATTR;
        }
        if (obj instanceof Markup) {
            return priv ? privateAttr(MARKUP_DUNDERS, name)
                    : MARKUP_METHODS.contains(name) ? method(obj, name) : Attrs.NO_ATTR;
        }
        if (obj instanceof LoopContext) {
            return loopAttr((LoopContext) obj, name, priv);
        }
        if (obj instanceof PyRange) {
            PyRange r = (PyRange) obj;
            if (priv) {
                return privateAttr(RANGE_DUNDERS, name);
            }
            switch (name) {
                case "start":
                    return r.start;
                case "stop":
                    return r.stop;
                case "step":
                    return r.step;
                case "count":
                case "index":
                    return method(obj, name);
                default:
                    return Attrs.NO_ATTR;
            }
        }
        if (obj instanceof DictView) {
            DictView v = (DictView) obj;
            if (priv) {
                return privateAttr(VIEW_DUNDERS, name);
            }
            if (name.equals("mapping")) {
                return v.map;
            }
            return name.equals("isdisjoint") && v.kind != DictView.Kind.VALUES ? method(obj, name) : Attrs.NO_ATTR;
        }
        if (obj instanceof Namespace) {
            if (name.equals("__class__") || name.equals("_Namespace__attrs")) {
                return Attrs.UNSAFE;
            }
            Object v = Dicts.get(((Namespace) obj).attrs, name, Dicts.ABSENT);
            if (v == Dicts.ABSENT) {
                return Attrs.NO_ATTR;
            }
            return priv ? Attrs.UNSAFE : v;
        }
        if (obj instanceof Macro) {
            Macro m = (Macro) obj;
            if (priv) {
                return privateAttr(MACRO_PRIVATE, name);
            }
            switch (name) {
                case "name":
                    return m.def.name;
                case "arguments":
                    return PyTuple.of((Object[]) m.def.argNames);
                case "catch_kwargs":
                    return m.def.catchKwargs;
                case "catch_varargs":
                    return m.def.catchVarargs;
                case "caller":
                    return m.def.usesCaller;
                case "explicit_caller":
                    return m.def.explicitCaller;
                default:
                    return Attrs.NO_ATTR;
            }
        }
        if (obj instanceof Cycler) {
            Cycler c = (Cycler) obj;
            if (priv) {
                return privateAttr(CYCLER_PRIVATE, name);
            }
            switch (name) {
                case "items":
                    return PyTuple.of(c.items);
                case "pos":
                    return (long) c.pos;
                case "current":
                    return c.current();
                case "next":
                case "reset":
                    return method(obj, name);
                default:
                    return Attrs.NO_ATTR;
            }
        }
        if (obj instanceof Joiner) {
            Joiner j = (Joiner) obj;
            if (priv) {
                return privateAttr(JOINER_PRIVATE, name);
            }
            switch (name) {
                case "sep":
                    return j.sep;
                case "used":
                    return j.used;
                default:
                    return Attrs.NO_ATTR;
            }
        }
        if (obj instanceof Builtin) {
            Builtin b = (Builtin) obj;
            if (b.pyType.equals("type")) {
                if (priv || name.equals("mro")) {
                    return privateAttr(TYPE_ATTRS, name);
                }
                return b.classAttribute(name);
            }
            return priv ? privateAttr(FUNCTION_ATTRS, name) : Attrs.NO_ATTR;
        }
        if (obj instanceof BoundMethod) {
            boolean py = ((BoundMethod) obj).typeName().equals("method");
            return priv ? privateAttr(py ? METHOD_ATTRS : BUILTIN_METHOD_ATTRS, name) : Attrs.NO_ATTR;
        }
        if (obj instanceof PyIterator) {
            PyIterator it = (PyIterator) obj;
            if (it.functionName != null) {
                if (priv || name.equals("gi_frame") || name.equals("gi_code")) {
                    return privateAttr(GENERATOR_ATTRS, name);
                }
                switch (name) {
                    case "gi_running":
                    case "gi_suspended":
                        return false;
                    case "gi_yieldfrom":
                        return null;
                    case "close":
                    case "send":
                    case "throw":
                        return method(obj, name);
                    default:
                        return Attrs.NO_ATTR;
                }
            }
            return priv ? privateAttr(ITERATOR_ATTRS, name) : Attrs.NO_ATTR;
        }
        if (obj instanceof TemplateReference) {
            return priv ? privateAttr(TEMPLATE_REF_ATTRS, name) : Attrs.NO_ATTR;
        }
        if (obj instanceof TemplateReference.BlockReference) {
            if (priv) {
                return privateAttr(union(PY_CLASS, "__call__ _context _stack _depth _async_call"), name);
            }
            if (name.equals("name")) {
                return ((TemplateReference.BlockReference) obj).name;
            }
            return Attrs.NO_ATTR;
        }
        if (obj instanceof PySlice) {
            PySlice s = (PySlice) obj;
            if (priv) {
                return privateAttr(OBJECT, name);
            }
            switch (name) {
                case "start":
                    return s.start;
                case "stop":
                    return s.stop;
                case "step":
                    return s.step;
                default:
                    return Attrs.NO_ATTR;
            }
        }
        return priv ? Attrs.UNSAFE : Attrs.NO_ATTR;
    }

    private static Object loopAttr(LoopContext l, String name, boolean priv) {
        if (priv) {
            return privateAttr(LOOP_PRIVATE, name);
        }
        switch (name) {
            case "index0":
                return (long) l.index0;
            case "index":
                return l.index0 + 1L;
            case "depth0":
                return (long) l.depth0;
            case "depth":
                return l.depth0 + 1L;
            case "length":
                return (long) l.length();
            case "revindex":
                return (long) l.length() - l.index0;
            case "revindex0":
                return (long) l.length() - l.index0 - 1;
            case "first":
                return l.index0 == 0;
            case "last":
                return l.isLast();
            case "previtem":
                return l.previtem();
            case "nextitem":
                return l.nextitem();
            case "cycle":
            case "changed":
                return method(l, name);
            default:
                return Attrs.NO_ATTR;
        }
    }

    // ---- calls

    private static TemplateException notImplemented(Object self, String name) {
        return new TemplateException("NotImplementedError", Py.typeName(self) + "." + name
                + "() is not implemented by vlm4j's template engine");
    }

    static Object call(Render r, Object self, String name, Object[] args, Map<String, Object> kwargs) {
        if (self instanceof String) {
            return PyStringMethods.call(r, (String) self, name, args, kwargs);
        }
        if (self instanceof Markup) {
            Object[] escaped = args;
            Map<String, Object> kw = kwargs;
            if (!name.equals("escape") && !name.equals("unescape") && !name.equals("striptags")) {
                // MarkupSafe escapes the str arguments of Markup's methods (and format's values)
                escaped = new Object[args.length];
                for (int i = 0; i < args.length; i++) {
                    escaped[i] = args[i] instanceof String ? Markup.escape(args[i]) : args[i];
                }
                if (!kwargs.isEmpty()) {
                    kw = new java.util.LinkedHashMap<>();
                    for (Map.Entry<String, Object> e : kwargs.entrySet()) {
                        kw.put(e.getKey(), e.getValue() instanceof String ? Markup.escape(e.getValue()) : e.getValue());
                    }
                }
            }
            return markupResult(name, PyStringMethods.call(r, ((Markup) self).s, name, escaped, kw));
        }
        if (self instanceof List) {
            return listMethod(r, self, name, args, kwargs);
        }
        if (self instanceof Map) {
            return dictMethod(r, self, name, args, kwargs);
        }
        if (self instanceof LoopContext) {
            LoopContext l = (LoopContext) self;
            if (name.equals("cycle")) {
                if (!kwargs.isEmpty()) {
                    throw Py.typeError("LoopContext.cycle() got an unexpected keyword argument "
                            + Py.repr(kwargs.keySet().iterator().next()));
                }
                if (args.length == 0) {
                    throw Py.typeError("no items for cycling given");
                }
                return args[Math.floorMod(l.index0, args.length)];
            }
            if (!kwargs.isEmpty()) {
                throw Py.typeError("LoopContext.changed() got an unexpected keyword argument "
                        + Py.repr(kwargs.keySet().iterator().next()));
            }
            return l.changed(PyTuple.of(args.clone()));
        }
        if (self instanceof Cycler) {
            Cycler c = (Cycler) self;
            Args.none(name, args, kwargs);
            if (name.equals("next")) {
                return c.next();
            }
            c.pos = 0;
            return null;
        }
        if (isIntValue(self)) {
            return intMethod(self, name, args, kwargs);
        }
        if (self instanceof Double) {
            return floatMethod((Double) self, name, args, kwargs);
        }
        if (self instanceof PyTuple) {
            PyTuple t = (PyTuple) self;
            return sequenceMethod(name, Arrays.asList(t.items), args, kwargs, "tuple");
        }
        if (self instanceof PyRange) {
            PyRange rg = (PyRange) self;
            Object[] a = Args.bind(name, args, kwargs, 1, true, "value");
            boolean in = Py.contains(rg, a[0]);
            if (name.equals("count")) {
                return in ? 1L : 0L;
            }
            if (!in) {
                throw Py.valueError(Py.repr(a[0]) + " is not in range");
            }
            return (Py.asIndex(a[0]) - rg.start) / rg.step;
        }
        if (self instanceof DictView) {
            Object[] a = Args.bind(name, args, kwargs, 1, true, "other");
            Iter it = Py.iter(a[0]);
            for (Object v = it.next(); v != Iter.END; v = it.next()) {
                if (Py.contains(self, v)) {
                    return false;
                }
            }
            return true;
        }
        throw notImplemented(self, name);
    }

    private static boolean isIntValue(Object o) {
        return o instanceof Long || o instanceof Boolean || o instanceof BigInteger || o instanceof Integer;
    }

    private static Object markupResult(String name, Object v) {
        if (v instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object o : (List<?>) v) {
                out.add(o instanceof String ? new Markup((String) o) : o);
            }
            return out;
        }
        if (v instanceof PyTuple) {
            Object[] items = ((PyTuple) v).items.clone();
            for (int i = 0; i < items.length; i++) {
                if (items[i] instanceof String) {
                    items[i] = new Markup((String) items[i]);
                }
            }
            return new PyTuple(items);
        }
        if (v instanceof String) {
            switch (name) {
                case "escape":
                case "unescape":
                case "striptags":
                    return v;
                default:
                    if (name.startsWith("is") || name.equals("count") || name.equals("find") || name.equals("index")
                            || name.equals("rfind") || name.equals("rindex")) {
                        return v;
                    }
                    return new Markup((String) v);
            }
        }
        return v;
    }

    private static Object sequenceMethod(String name, List<Object> items, Object[] args, Map<String, Object> kwargs,
            String type) {
        if (name.equals("count")) {
            Object[] a = Args.bind(type + ".count", args, kwargs, 1, true, "value");
            long n = 0;
            for (Object o : items) {
                if (Py.eq(o, a[0])) {
                    n++;
                }
            }
            return n;
        }
        if (name.equals("index")) {
            Object[] a = Args.bind(type + ".index", args, kwargs, 1, true, "value", "start", "stop");
            int size = items.size();
            long start = a[1] == Args.MISSING ? 0 : Args.intArg("index", a[1]);
            long stop = a[2] == Args.MISSING ? size : Args.intArg("index", a[2]);
            if (start < 0) {
                start = Math.max(0, start + size);
            }
            if (stop < 0) {
                stop = Math.max(0, stop + size);
            }
            for (long i = start; i < Math.min(stop, size); i++) {
                if (Py.eq(items.get((int) i), a[0])) {
                    return i;
                }
            }
            throw Py.valueError(type.equals("list") ? Py.repr(a[0]) + " is not in list"
                    : "tuple.index(x): x not in tuple");
        }
        throw new TemplateException("NotImplementedError", type + "." + name
                + "() is not implemented by vlm4j's template engine");
    }

    @SuppressWarnings("unchecked")
    private static Object listMethod(Render r, Object self, String name, Object[] args, Map<String, Object> kwargs) {
        List<Object> l = (List<Object>) self;
        switch (name) {
            case "copy":
                Args.none("list.copy", args, kwargs);
                r.allocList(l.size());
                return new ArrayList<>(l);
            case "pop": {
                Object[] a = Args.bind("pop", args, kwargs, 0, true, "index");
                if (l.isEmpty()) {
                    throw Py.error(Py.INDEX_ERROR, "pop from empty list");
                }
                long i = a[0] == Args.MISSING ? -1 : Args.intArg("pop", a[0]);
                if (i < 0) {
                    i += l.size();
                }
                if (i < 0 || i >= l.size()) {
                    throw Py.error(Py.INDEX_ERROR, "pop index out of range");
                }
                return l.remove((int) i);
            }
            case "clear":
                Args.none("list.clear", args, kwargs);
                l.clear();
                return null;
            default:
                return sequenceMethod(name, l, args, kwargs, "list");
        }
    }

    @SuppressWarnings("unchecked")
    private static Object dictMethod(Render r, Object self, String name, Object[] args, Map<String, Object> kwargs) {
        Map<Object, Object> m = (Map<Object, Object>) self;
        switch (name) {
            case "items":
                Args.none("dict.items", args, kwargs);
                return new DictView(DictView.Kind.ITEMS, m);
            case "keys":
                Args.none("dict.keys", args, kwargs);
                return new DictView(DictView.Kind.KEYS, m);
            case "values":
                Args.none("dict.values", args, kwargs);
                return new DictView(DictView.Kind.VALUES, m);
            case "get": {
                Object[] a = Args.bind("get", args, kwargs, 1, true, "key", "default");
                Py.hashKey(a[0]);
                return Dicts.get(m, a[0], a[1] == Args.MISSING ? null : a[1]);
            }
            case "copy":
                Args.none("dict.copy", args, kwargs);
                r.allocList(m.size());
                return new LinkedHashMap<>(m);
            case "fromkeys": {
                Object[] a = Args.bind("fromkeys", args, kwargs, 1, true, "iterable", "value");
                Map<Object, Object> out = new LinkedHashMap<>();
                Iter it = Py.iter(a[0]);
                for (Object k = it.next(); k != Iter.END; k = it.next()) {
                    r.step();
                    Dicts.put(out, k, a[1] == Args.MISSING ? null : a[1]);
                }
                return out;
            }
            default:
                throw notImplemented(self, name);
        }
    }

    private static Object intMethod(Object self, String name, Object[] args, Map<String, Object> kwargs) {
        BigInteger v = Py.big(self);
        switch (name) {
            case "bit_length":
                Args.none("int.bit_length", args, kwargs);
                return (long) v.abs().bitLength();
            case "bit_count":
                Args.none("int.bit_count", args, kwargs);
                return (long) v.abs().bitCount();
            case "conjugate":
                Args.none("int.conjugate", args, kwargs);
                return Py.normalize(v);
            case "as_integer_ratio":
                Args.none("int.as_integer_ratio", args, kwargs);
                return PyTuple.of(Py.normalize(v), 1L);
            default:
                throw notImplemented(self, name);
        }
    }

    private static Object floatMethod(double d, String name, Object[] args, Map<String, Object> kwargs) {
        switch (name) {
            case "is_integer":
                Args.none("float.is_integer", args, kwargs);
                return !Double.isInfinite(d) && !Double.isNaN(d) && d == Math.rint(d);
            case "conjugate":
                Args.none("float.conjugate", args, kwargs);
                return d;
            case "as_integer_ratio": {
                Args.none("float.as_integer_ratio", args, kwargs);
                if (Double.isInfinite(d)) {
                    throw Py.error(Py.OVERFLOW, "cannot convert Infinity to integer ratio");
                }
                if (Double.isNaN(d)) {
                    throw Py.valueError("cannot convert NaN to integer ratio");
                }
                BigInteger[] q = PyFloats.ratio(d);
                return PyTuple.of(Py.normalize(q[0]), Py.normalize(q[1]));
            }
            default:
                throw notImplemented(d, name);
        }
    }
}

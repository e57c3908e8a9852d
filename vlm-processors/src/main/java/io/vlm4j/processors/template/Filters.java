package io.vlm4j.processors.template;

import io.vlm4j.TemplateException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * jinja2 3.1.2's built-in filters, with HF's {@code tojson}, over the values of {@link Py}: case-insensitive
 * {@code sort}/{@code unique}/{@code dictsort}/{@code groupby}/{@code min}/{@code max} by default, lazy generators
 * for {@code map}/{@code select}/{@code reject}/{@code selectattr}/{@code rejectattr}/{@code unique}/{@code batch}/
 * {@code slice}, Python's banker's rounding. Stateless.
 */
final class Filters {
    /** A filter: the filtered value and the call's arguments. */
    interface Fn {
        Object apply(Scope s, Object value, Object[] args, Map<String, Object> kwargs);
    }

    private static final Map<String, Fn> FILTERS = new HashMap<>();
    private static final Pattern WORD_BEGINNING = Pattern.compile("[-\\s({\\[<]+", Pattern.UNICODE_CHARACTER_CLASS);

    private Filters() {}

    static Fn lookup(String name) {
        return FILTERS.get(name);
    }

    static boolean exists(String name) {
        return FILTERS.containsKey(name);
    }

    private static void add(Fn fn, String... names) {
        for (String n : names) {
            FILTERS.put(n, fn);
        }
    }

    private static String softStr(Object v) {
        return Py.str(v);
    }

    /** jinja2's {@code soft_str(s).method()} keeps a {@code Markup} a {@code Markup}. */
    private static Object keepMarkup(Object input, String result) {
        return input instanceof Markup ? new Markup(result) : result;
    }

    private static boolean bool(Object v) {
        return Py.truthy(v);
    }

    // ---- attribute getters (make_attrgetter)

    /** The parts of an attribute path {@code "a.0.b"}: digit parts are ints. */
    private static Object[] parts(Object attribute) {
        if (attribute == null) {
            return new Object[0];
        }
        if (Py.isStr(attribute)) {
            String a = Py.str(attribute);
            if (a.indexOf('.') < 0 && (a.isEmpty() || a.charAt(0) < '0' || a.charAt(0) > '9')) {
                return new Object[] {a};
            }
            String[] p = a.split("\\.", -1);
            Object[] out = new Object[p.length];
            for (int i = 0; i < p.length; i++) {
                out[i] = PyStrings.all(p[i], PyStrings::isDigit) && p[i].chars().allMatch(c -> c >= '0' && c <= '9')
                        ? (Object) Py.normalize(new java.math.BigInteger(p[i])) : p[i];
            }
            return out;
        }
        return new Object[] {attribute};
    }

    private interface Getter {
        Object get(Object item);
    }

    private static Object lower(Object v) {
        return v instanceof String ? PyStrings.lower((String) v) : v instanceof Markup
                ? PyStrings.lower(((Markup) v).s) : v;
    }

    private static Getter attrGetter(Object attribute, boolean ignoreCase, Object dflt) {
        Object[] parts = parts(attribute);
        return item -> {
            Object v = item;
            for (Object p : parts) {
                v = Attrs.getitem(v, p);
                if (dflt != null && v instanceof Undefined) {
                    v = dflt;
                }
            }
            return ignoreCase ? lower(v) : v;
        };
    }

    private static Getter multiAttrGetter(Object attribute, boolean ignoreCase) {
        if (attribute == null || !Py.isStr(attribute)) {
            Getter g = attrGetter(attribute, ignoreCase, null);
            return item -> Collections.singletonList(g.get(item));
        }
        String[] split = Py.str(attribute).split(",", -1);
        Getter[] gs = new Getter[split.length];
        for (int i = 0; i < split.length; i++) {
            gs[i] = attrGetter(split[i], ignoreCase, null);
        }
        return item -> {
            List<Object> keys = new ArrayList<>(gs.length);
            for (Getter g : gs) {
                keys.add(g.get(item));
            }
            return keys;
        };
    }

    private static Object dflt(Object v) {
        return v == Args.MISSING ? null : v;
    }

    // ---- sorting helpers

    private static List<Object> sorted(Render r, List<Object> items, Getter key, boolean reverse) {
        r.steps(items.size());
        int n = items.size();
        Object[] keys = new Object[n];
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            keys[i] = key.get(items.get(i));
            idx[i] = i;
        }
        Comparator<Integer> cmp = (a, b) -> Py.order(keys[a], keys[b]);
        if (reverse) {
            cmp = cmp.reversed();
        }
        java.util.Arrays.sort(idx, cmp);
        List<Object> out = new ArrayList<>(n);
        for (Integer i : idx) {
            out.add(items.get(i));
        }
        return out;
    }

    private static Iter generator(String name, Iter source) {
        return PyIterator.generator(name, source);
    }

    static {
        add((s, v, a, k) -> {
            Args.bind("abs", a, k, 0, true);
            if (v instanceof Double) {
                return Math.abs((Double) v);
            }
            if (Py.isInt(v)) {
                Object p = Py.pos(v);
                return Py.compare(p, 0L, "<") ? Py.neg(p) : p;
            }
            throw Py.typeError("bad operand type for abs(): " + Py.repr(Py.typeName(v)));
        }, "abs");
        add((s, v, a, k) -> {
            Object[] b = Args.bind("do_attr", a, k, 1, false, "name");
            if (!Py.isStr(b[0])) {
                throw Py.typeError("attribute name must be string, not " + Py.repr(Py.typeName(b[0])));
            }
            return Attrs.attrFilter(v, Py.str(b[0]));
        }, "attr");
        add((s, v, a, k) -> {
            Object[] b = Args.bind("do_batch", a, k, 1, false, "linecount", "fill_with");
            long n = Args.intArg("batch", b[0]);
            Object fill = dflt(b[1]);
            Iter it = Py.iter(v);
            Render r = s.render;
            return generator("do_batch", new Iter() {
                List<Object> tmp = new ArrayList<>();
                boolean done;

                @Override
                public Object next() {
                    if (done) {
                        return END;
                    }
                    while (true) {
                        Object x = it.next();
                        if (x == END) {
                            done = true;
                            if (tmp.isEmpty()) {
                                return END;
                            }
                            if (fill != null) {
                                while (tmp.size() < n) {
                                    tmp.add(fill);
                                }
                            }
                            return tmp;
                        }
                        r.step();
                        if (tmp.size() == n) {
                            List<Object> out = tmp;
                            tmp = new ArrayList<>();
                            tmp.add(x);
                            return out;
                        }
                        tmp.add(x);
                    }
                }
            });
        }, "batch");
        add((s, v, a, k) -> {
            Args.bind("do_capitalize", a, k, 0, false);
            return keepMarkup(v, PyStrings.capitalize(softStr(v)));
        }, "capitalize");
        add((s, v, a, k) -> {
            Object[] b = Args.bind("do_center", a, k, 0, false, "width");
            long width = Args.intArg("center", Args.or(b[0], 80L));
            s.render.alloc(width);
            return keepMarkup(v, PyStrings.pad(softStr(v), width, ' ', '^'));
        }, "center");
        add((s, v, a, k) -> {
            Args.bind("len", a, k, 0, true);
            return Py.len(v);
        }, "count", "length");
        add((s, v, a, k) -> {
            Object[] b = Args.bind("do_default", a, k, 0, false, "default_value", "boolean");
            if (v instanceof Undefined || (bool(Args.or(b[1], false)) && !bool(v))) {
                return Args.or(b[0], "");
            }
            return v;
        }, "default", "d");
        add((s, v, a, k) -> {
            Object[] b = Args.bind("do_dictsort", a, k, 0, false, "case_sensitive", "by", "reverse");
            boolean cs = bool(Args.or(b[0], false));
            Object by = Args.or(b[1], "key");
            int pos;
            if (Py.eq(by, "key")) {
                pos = 0;
            } else if (Py.eq(by, "value")) {
                pos = 1;
            } else {
                throw new TemplateException("FilterArgumentError", "You can only sort by either \"key\" or \"value\"");
            }
            castMap(s.render, v);
            List<Object> items = new ArrayList<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                items.add(PyTuple.of(e.getKey(), e.getValue()));
            }
            return sorted(s.render, items, item -> {
                Object x = ((PyTuple) item).get(pos);
                return cs ? x : lower(x);
            }, bool(Args.or(b[2], false)));
        }, "dictsort");
        add((s, v, a, k) -> {
            Args.bind("escape", a, k, 0, true);
            return Markup.escape(v);
        }, "escape", "e");
        add((s, v, a, k) -> {
            Object[] b = Args.bind("do_filesizeformat", a, k, 0, false, "binary");
            return fileSize(Conversions.toFloat(v), bool(Args.or(b[0], false)));
        }, "filesizeformat");
        add((s, v, a, k) -> {
            Args.bind("do_first", a, k, 0, false);
            Object x = Py.iter(v).next();
            return x == Iter.END ? Undefined.hint("No first item, sequence was empty.") : x;
        }, "first");
        add((s, v, a, k) -> {
            Args.bind("do_last", a, k, 0, false);
            Object x = reversed(v).next();
            return x == Iter.END ? Undefined.hint("No last item, sequence was empty.") : x;
        }, "last");
        add((s, v, a, k) -> {
            Object[] b = Args.bind("do_float", a, k, 0, false, "default");
            try {
                return Conversions.toFloat(v);
            } catch (TemplateException e) {
                if (e.type().equals(Py.TYPE_ERROR) || e.type().equals(Py.VALUE_ERROR)) {
                    return Args.or(b[0], 0.0);
                }
                throw e;
            }
        }, "float");
        add((s, v, a, k) -> {
            Args.bind("do_forceescape", a, k, 0, false);
            return new Markup(Markup.escapeText(Py.str(v)));
        }, "forceescape");
        add((s, v, a, k) -> {
            if (a.length > 0 && !k.isEmpty()) {
                throw new TemplateException("FilterArgumentError",
                        "can't handle positional and keyword arguments at the same time");
            }
            Object args;
            if (!k.isEmpty()) {
                args = new LinkedHashMap<Object, Object>(k);
            } else {
                args = new PyTuple(a.clone());
            }
            return PyFormat.percent(s.render, softStr(v), args);
        }, "format");
        add(Filters::groupby, "groupby");
        add((s, v, a, k) -> {
            Object[] b = Args.bind("do_indent", a, k, 0, false, "width", "first", "blank");
            return indent(s.render, v, Args.or(b[0], 4L), bool(Args.or(b[1], false)), bool(Args.or(b[2], false)));
        }, "indent");
        add((s, v, a, k) -> {
            Object[] b = Args.bind("do_int", a, k, 0, false, "default", "base");
            return Conversions.intFilter(s.render, v, Args.or(b[0], 0L), Args.or(b[1], 10L));
        }, "int");
        add((s, v, a, k) -> {
            Object[] b = Args.bind("do_join", a, k, 0, false, "d", "attribute");
            return join(s.render, v, Args.or(b[0], ""), dflt(b[1]));
        }, "join");
        add((s, v, a, k) -> {
            Args.bind("do_list", a, k, 0, false);
            return Py.toList(s.render, v);
        }, "list");
        add((s, v, a, k) -> {
            Args.bind("do_lower", a, k, 0, false);
            return keepMarkup(v, PyStrings.lower(softStr(v)));
        }, "lower");
        add((s, v, a, k) -> {
            Args.bind("do_upper", a, k, 0, false);
            return keepMarkup(v, PyStrings.upper(softStr(v)));
        }, "upper");
        add((s, v, a, k) -> {
            Args.bind("do_items", a, k, 0, false);
            if (v instanceof Undefined) {
                return generator("do_items", () -> Iter.END);
            }
            if (!(v instanceof Map)) {
                throw Py.typeError("Can only get item pairs from a mapping.");
            }
            return generator("do_items", Py.iter(new DictView(DictView.Kind.ITEMS, castMap(s.render, v))));
        }, "items");
        add(Filters::map, "map");
        add((s, v, a, k) -> minMax(s, v, a, k, true), "min");
        add((s, v, a, k) -> minMax(s, v, a, k, false), "max");
        add((s, v, a, k) -> {
            Args.bind("do_pprint", a, k, 0, false);
            return PyPrettyPrint.pformat(v);
        }, "pprint");
        add((s, v, a, k) -> {
            Args.bind("do_random", a, k, 0, false);
            long n = Py.len(v);
            if (n == 0) {
                return Undefined.hint("No random item, sequence was empty.");
            }
            Object key = ThreadLocalRandom.current().nextLong(n);
            Object item = Attrs.item(v, key);
            if (item == Dicts.ABSENT) {
                if (v instanceof Map) {
                    throw Py.error(Py.KEY_ERROR, Py.str(key));
                }
                throw Py.typeError(Py.repr(Py.typeName(v)) + " object is not subscriptable");
            }
            return item;
        }, "random");
        add((s, v, a, k) -> selectOrReject(s, v, a, k, false, false), "reject");
        add((s, v, a, k) -> selectOrReject(s, v, a, k, false, true), "rejectattr");
        add((s, v, a, k) -> selectOrReject(s, v, a, k, true, false), "select");
        add((s, v, a, k) -> selectOrReject(s, v, a, k, true, true), "selectattr");
        add((s, v, a, k) -> {
            Object[] b = Args.bind("do_replace", a, k, 2, false, "old", "new", "count");
            long count = b[2] == Args.MISSING || b[2] == null ? -1 : Args.intArg("replace", b[2]);
            return PyStringMethods.call(s.render, Py.str(v), "replace",
                    new Object[] {Py.str(b[0]), Py.str(b[1]), count}, Expr.emptyKwargs());
        }, "replace");
        add((s, v, a, k) -> {
            Args.bind("do_reverse", a, k, 0, false);
            if (v instanceof String) {
                return PyStrings.reverse((String) v);
            }
            if (v instanceof Markup) {
                return new Markup(PyStrings.reverse(((Markup) v).s));
            }
            if (v instanceof PyIterator || v instanceof LoopContext) {
                List<Object> l = Py.toList(s.render, v);
                Collections.reverse(l);
                return l;
            }
            return reversedValue(v);
        }, "reverse");
        add((s, v, a, k) -> {
            Object[] b = Args.bind("do_round", a, k, 0, false, "precision", "method");
            return round(v, Args.or(b[0], 0L), Args.or(b[1], "common"));
        }, "round");
        add((s, v, a, k) -> {
            Args.bind("do_mark_safe", a, k, 0, false);
            return v instanceof Markup ? v : new Markup(Py.str(v));
        }, "safe");
        add(Filters::slice, "slice");
        add((s, v, a, k) -> {
            Object[] b = Args.bind("do_sort", a, k, 0, false, "reverse", "case_sensitive", "attribute");
            boolean cs = bool(Args.or(b[1], false));
            List<Object> items = Py.toList(s.render, v);
            return sorted(s.render, items, multiAttrGetter(dflt(b[2]), !cs), bool(Args.or(b[0], false)));
        }, "sort");
        add((s, v, a, k) -> {
            Args.bind("soft_str", a, k, 0, true);
            return v instanceof Markup ? v : Py.str(v);
        }, "string");
        add((s, v, a, k) -> {
            Args.bind("do_striptags", a, k, 0, false);
            return PyStringMethods.striptags(Py.str(v));
        }, "striptags");
        add(Filters::sum, "sum");
        add((s, v, a, k) -> {
            Args.bind("do_title", a, k, 0, false);
            return jinjaTitle(softStr(v));
        }, "title");
        add((s, v, a, k) -> {
            Object[] b = Args.bind("do_trim", a, k, 0, false, "chars");
            Object chars = dflt(b[0]);
            return keepMarkup(v, PyStrings.strip(softStr(v), chars == null ? null : Args.strArg("strip", chars), true,
                    true));
        }, "trim");
        add(Filters::truncate, "truncate");
        add(Filters::unique, "unique");
        add((s, v, a, k) -> {
            Args.bind("do_urlencode", a, k, 0, false);
            return Urls.urlencode(v);
        }, "urlencode");
        add((s, v, a, k) -> {
            Args.bind("do_wordcount", a, k, 0, false);
            String str = softStr(v);
            long n = 0;
            boolean in = false;
            for (int i = 0; i < str.length(); ) {
                int c = str.codePointAt(i);
                i += Character.charCount(c);
                boolean w = PyStrings.isWord(c);
                if (w && !in) {
                    n++;
                }
                in = w;
            }
            return n;
        }, "wordcount");
        add((s, v, a, k) -> {
            Object[] b = Args.bind("do_xmlattr", a, k, 0, false, "autospace");
            return xmlattr(castMap(s.render, v), bool(Args.or(b[0], true)), s.render.autoescape);
        }, "xmlattr");
        add((s, v, a, k) -> {
            Object[] b = Args.bind("tojson", a, k, 0, false, "ensure_ascii", "indent", "separators", "sort_keys");
            String out = PyJson.dumps(s.render, v, bool(Args.or(b[0], false)), dflt(b[1]), dflt(b[2]),
                    bool(Args.or(b[3], false)));
            return out;
        }, "tojson");
        add((s, v, a, k) -> {
            Object[] b = Args.bind("do_urlize", a, k, 0, false, "trim_url_limit", "nofollow", "target", "rel",
                    "extra_schemes");
            Object limit = dflt(b[0]);
            List<String> schemes = null;
            if (dflt(b[4]) != null) {
                schemes = new ArrayList<>();
                for (Object o : Py.toList(s.render, b[4])) {
                    schemes.add(Py.str(o));
                }
            }
            String out = PyText.urlize(Py.str(v), limit == null ? null : Args.intArg("urlize", limit),
                    bool(Args.or(b[1], false)), dflt(b[2]) == null ? null : Py.str(b[2]),
                    dflt(b[3]) == null ? null : Py.str(b[3]), schemes);
            return s.render.autoescape ? new Markup(out) : out;
        }, "urlize");
        add((s, v, a, k) -> {
            Object[] b = Args.bind("do_wordwrap", a, k, 0, false, "width", "break_long_words", "wrapstring",
                    "break_on_hyphens");
            Object wrap = dflt(b[2]);
            if (!Py.isStr(v)) {
                if (v instanceof Undefined) {
                    throw ((Undefined) v).error();
                }
                throw Py.error("AttributeError", Py.repr(Py.typeName(v)) + " object has no attribute 'splitlines'");
            }
            return PyText.wordwrap(Py.str(v), Args.intArg("wordwrap", Args.or(b[0], 79L)),
                    bool(Args.or(b[1], true)), wrap == null ? "\n" : Py.str(wrap), bool(Args.or(b[3], true)));
        }, "wordwrap");
    }

    /** The mapping a filter calls {@code .items()} on: Python's duck typing for anything else. */
    @SuppressWarnings("unchecked")
    private static Map<Object, Object> castMap(Render r, Object v) {
        if (v instanceof Map) {
            return (Map<Object, Object>) v;
        }
        Object items = Attrs.getattr(v, "items");
        if (items instanceof Undefined) {
            if (v instanceof Undefined) {
                throw ((Undefined) v).error();
            }
            throw Py.error("AttributeError", Py.repr(Py.typeName(v)) + " object has no attribute 'items'");
        }
        Expr.Call.call(r, items, Expr.Arguments.NO_ARGS, Expr.emptyKwargs());
        throw Py.typeError("cannot unpack the items of a " + Py.typeName(v));
    }

    /** Python's {@code reversed(v)} as an iterator. */
    static Iter reversed(Object v) {
        if (v instanceof List) {
            List<?> l = (List<?>) v;
            return new Iter() {
                int i = l.size() - 1;

                @Override
                public Object next() {
                    if (i < 0 || i >= l.size()) {
                        return END;
                    }
                    return l.get(i--);
                }
            };
        }
        if (v instanceof String || v instanceof Markup) {
            return Py.iter(PyStrings.reverse(Py.str(v)));
        }
        if (v instanceof PyTuple) {
            Object[] items = ((PyTuple) v).items;
            return new Iter() {
                int i = items.length - 1;

                @Override
                public Object next() {
                    return i >= 0 ? items[i--] : END;
                }
            };
        }
        if (v instanceof Map) {
            List<Object> keys = new ArrayList<>(((Map<?, ?>) v).keySet());
            Collections.reverse(keys);
            return Py.iter(keys);
        }
        if (v instanceof PyRange) {
            PyRange r = (PyRange) v;
            return new PyRange(r.get(r.length - 1), r.get(-1), -r.step).iter();
        }
        if (v instanceof DictView) {
            List<Object> items = Py.toList(null, v);
            Collections.reverse(items);
            return Py.iter(items);
        }
        if (v instanceof Undefined) {
            return () -> Iter.END;
        }
        throw Py.typeError(Py.repr(Py.typeName(v)) + " object is not reversible");
    }

    private static Object reversedValue(Object v) {
        String type;
        if (v instanceof List) {
            type = "list_reverseiterator";
        } else if (v instanceof PyTuple) {
            type = "reversed";
        } else if (v instanceof Map) {
            type = "dict_reversekeyiterator";
        } else if (v instanceof PyRange) {
            type = "range_iterator";
        } else if (v instanceof DictView) {
            DictView d = (DictView) v;
            type = d.kind == DictView.Kind.KEYS ? "dict_reversekeyiterator"
                    : d.kind == DictView.Kind.VALUES ? "dict_reversevalueiterator" : "dict_reverseitemiterator";
        } else if (v instanceof Undefined) {
            type = "reversed";
        } else {
            try {
                return reversed(v);
            } catch (TemplateException e) {
                throw new TemplateException("FilterArgumentError", "argument must be iterable");
            }
        }
        return new PyIterator(type, null, reversed(v));
    }

    private static Object groupby(Scope s, Object v, Object[] a, Map<String, Object> k) {
        Object[] b = Args.bind("do_groupby", a, k, 1, false, "attribute", "default", "case_sensitive");
        boolean cs = bool(Args.or(b[2], false));
        Object dflt = dflt(b[1]);
        Getter expr = attrGetter(b[0], !cs, dflt);
        List<Object> items = sorted(s.render, Py.toList(s.render, v), expr, false);
        List<Object> out = new ArrayList<>();
        Getter outExpr = attrGetter(b[0], false, dflt);
        List<Object> group = null;
        Object groupKey = null;
        for (Object item : items) {
            Object key = expr.get(item);
            if (group == null || !Py.eq(key, groupKey)) {
                if (group != null) {
                    out.add(PyTuple.group(cs ? groupKey : outExpr.get(group.get(0)), group));
                }
                group = new ArrayList<>();
                groupKey = key;
            }
            group.add(item);
        }
        if (group != null) {
            out.add(PyTuple.group(cs ? groupKey : outExpr.get(group.get(0)), group));
        }
        return out;
    }

    private static Object indent(Render r, Object v, Object width, boolean first, boolean blank) {
        String indention;
        if (Py.isStr(width)) {
            indention = Py.str(width);
        } else {
            long w = Args.intArg("indent", width);
            r.alloc(Math.max(0, w));
            indention = w > 0 ? " ".repeat((int) w) : "";
        }
        if (!Py.isStr(v)) {
            if (v instanceof Undefined) {
                throw ((Undefined) v).error();
            }
            if (v instanceof List) {
                throw Py.error("AttributeError", "'list' object has no attribute 'splitlines'");
            }
            if (v instanceof PyTuple) {
                throw Py.typeError("can only concatenate tuple (not \"str\") to tuple");
            }
            throw Py.typeError("unsupported operand type(s) for +=: " + Py.repr(Py.typeName(v)) + " and 'str'");
        }
        String s = Py.str(v) + "\n";
        List<Object> lines = PyStrings.splitlines(s, false);
        long total = s.length() + (long) lines.size() * indention.length();
        r.alloc(total);
        StringBuilder rv = new StringBuilder();
        if (blank) {
            for (int i = 0; i < lines.size(); i++) {
                if (i > 0) {
                    rv.append('\n').append(indention);
                }
                rv.append((String) lines.get(i));
            }
        } else {
            rv.append((String) lines.get(0));
            if (lines.size() > 1) {
                rv.append('\n');
                for (int i = 1; i < lines.size(); i++) {
                    if (i > 1) {
                        rv.append('\n');
                    }
                    String line = (String) lines.get(i);
                    if (!line.isEmpty()) {
                        rv.append(indention);
                    }
                    rv.append(line);
                }
            }
        }
        String out = first ? indention + rv : rv.toString();
        return v instanceof Markup ? new Markup(out) : out;
    }

    private static Object join(Render r, Object v, Object d, Object attribute) {
        Iter it = Py.iter(v);
        Getter g = attribute == null ? null : attrGetter(attribute, false, null);
        if (r.autoescape) {
            List<Object> items = new ArrayList<>();
            boolean escape = d instanceof Markup;
            for (Object x = it.next(); x != Iter.END; x = it.next()) {
                r.step();
                Object item = g == null ? x : g.get(x);
                escape |= item instanceof Markup;
                items.add(item);
            }
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    r.append(b, escape ? Markup.escape(d).s : Py.str(d));
                }
                r.append(b, escape ? Markup.escape(items.get(i)).s : Py.str(items.get(i)));
            }
            return escape ? new Markup(b.toString()) : b.toString();
        }
        String sep = Py.str(d);
        StringBuilder b = new StringBuilder();
        boolean firstItem = true;
        for (Object x = it.next(); x != Iter.END; x = it.next()) {
            r.step();
            Object item = g == null ? x : g.get(x);
            if (!firstItem) {
                r.append(b, sep);
            }
            firstItem = false;
            r.append(b, Py.str(item));
        }
        return b.toString();
    }

    private static Object map(Scope s, Object v, Object[] a, Map<String, Object> k) {
        if (!bool(v)) {
            return generator("sync_do_map", () -> Iter.END);
        }
        Getter fn;
        if (a.length == 0 && k.containsKey("attribute")) {
            Map<String, Object> kw = new LinkedHashMap<>(k);
            Object attribute = kw.remove("attribute");
            Object dflt = kw.remove("default");
            if (!kw.isEmpty()) {
                throw new TemplateException("FilterArgumentError", "Unexpected keyword argument "
                        + Py.repr(kw.keySet().iterator().next()));
            }
            fn = attrGetter(attribute, false, dflt);
        } else {
            if (a.length == 0) {
                throw new TemplateException("FilterArgumentError", "map requires a filter argument");
            }
            Object name = a[0];
            Object[] rest = java.util.Arrays.copyOfRange(a, 1, a.length);
            fn = item -> callFilter(s, name, item, rest, k);
        }
        Iter it = Py.iter(v);
        Render r = s.render;
        return generator("sync_do_map", () -> {
            Object x = it.next();
            if (x == Iter.END) {
                return Iter.END;
            }
            r.step();
            return fn.get(x);
        });
    }

    private static Object callFilter(Scope s, Object name, Object value, Object[] args, Map<String, Object> kwargs) {
        Fn f = name instanceof String ? FILTERS.get(name) : null;
        if (f == null) {
            throw new TemplateException("TemplateRuntimeError", "No filter named " + Py.repr(name) + ".");
        }
        return f.apply(s, value, args, kwargs);
    }

    private static Object selectOrReject(Scope s, Object v, Object[] a, Map<String, Object> k, boolean select,
            boolean lookupAttr) {
        String fname = lookupAttr ? "select_or_reject" : "select_or_reject";
        if (!bool(v)) {
            return generator(fname, () -> Iter.END);
        }
        Getter trans;
        int off;
        if (lookupAttr) {
            if (a.length == 0) {
                throw new TemplateException("FilterArgumentError", "Missing parameter for attribute name");
            }
            trans = attrGetter(a[0], false, null);
            off = 1;
        } else {
            trans = x -> x;
            off = 0;
        }
        Getter func;
        if (a.length > off) {
            Object name = a[off];
            Object[] rest = java.util.Arrays.copyOfRange(a, off + 1, a.length);
            Tests.Fn t = name instanceof String ? Tests.lookup((String) name) : null;
            func = item -> {
                if (t == null) {
                    throw new TemplateException("TemplateRuntimeError", "No test named " + Py.repr(name) + ".");
                }
                return t.test(s, item, rest, k);
            };
        } else {
            func = Py::truthy;
        }
        Iter it = Py.iter(v);
        Render r = s.render;
        return generator(fname, () -> {
            for (Object x = it.next(); x != Iter.END; x = it.next()) {
                r.step();
                boolean ok = Py.truthy(func.get(trans.get(x)));
                if (ok == select) {
                    return x;
                }
            }
            return Iter.END;
        });
    }

    private static Object minMax(Scope s, Object v, Object[] a, Map<String, Object> k, boolean min) {
        Object[] b = Args.bind(min ? "do_min" : "do_max", a, k, 0, false, "case_sensitive", "attribute");
        boolean cs = bool(Args.or(b[0], false));
        Getter key = attrGetter(dflt(b[1]), !cs, null);
        Iter it = Py.iter(v);
        Object best = it.next();
        if (best == Iter.END) {
            return Undefined.hint("No aggregated item, sequence was empty.");
        }
        Object bestKey = key.get(best);
        for (Object x = it.next(); x != Iter.END; x = it.next()) {
            s.render.step();
            Object xk = key.get(x);
            if (min ? Py.compare(xk, bestKey, "<") : Py.compare(xk, bestKey, ">")) {
                best = x;
                bestKey = xk;
            }
        }
        return best;
    }

    private static Object round(Object v, Object precision, Object method) {
        if (!(Py.eq(method, "common") || Py.eq(method, "ceil") || Py.eq(method, "floor"))) {
            throw new TemplateException("FilterArgumentError", "method must be common, ceil or floor");
        }
        if (!Py.isInt(precision)) {
            throw Py.typeError(Py.repr(Py.typeName(precision)) + " object cannot be interpreted as an integer");
        }
        long p = Py.asIndex(precision);
        if (Py.eq(method, "common")) {
            if (v instanceof Double) {
                return PyFloats.round((Double) v, p);
            }
            if (Py.isInt(v)) {
                return PyFloats.roundInt(v, p);
            }
            throw Py.typeError("type " + Py.typeName(v) + " doesn't define __round__ method");
        }
        Object scale = Py.pow(null, 10L, precision);
        Object scaled = Py.mul(null, v, scale);
        double d = Py.toDouble(scaled);
        double f = Py.eq(method, "ceil") ? Math.ceil(d) : Math.floor(d);
        Object i = Conversions.floatToInt(f);
        return Py.truediv(null, i, scale);
    }

    private static Object slice(Scope s, Object v, Object[] a, Map<String, Object> k) {
        Object[] b = Args.bind("do_slice", a, k, 1, false, "slices", "fill_with");
        long slices = Args.intArg("slice", b[0]);
        Object fill = dflt(b[1]);
        List<Object> seq = Py.toList(s.render, v);
        int length = seq.size();
        if (slices == 0) {
            throw Py.error(Py.ZERO_DIVISION, "integer division or modulo by zero");
        }
        long perSlice = Math.floorDiv(length, slices);
        long withExtra = Math.floorMod(length, slices);
        return generator("sync_do_slice", new Iter() {
            long sliceNumber;
            long offset;

            @Override
            public Object next() {
                if (sliceNumber >= slices) {
                    return END;
                }
                long start = offset + sliceNumber * perSlice;
                if (sliceNumber < withExtra) {
                    offset++;
                }
                long end = offset + (sliceNumber + 1) * perSlice;
                List<Object> tmp = new ArrayList<>();
                for (long i = Math.max(0, start); i < Math.min(end, length); i++) {
                    tmp.add(seq.get((int) i));
                }
                if (fill != null && sliceNumber >= withExtra) {
                    tmp.add(fill);
                }
                sliceNumber++;
                return tmp;
            }
        });
    }

    private static Object sum(Scope s, Object v, Object[] a, Map<String, Object> k) {
        Object[] b = Args.bind("do_sum", a, k, 0, false, "attribute", "start");
        Object attribute = dflt(b[0]);
        Object total = Args.or(b[1], 0L);
        if (Py.isStr(total)) {
            throw Py.typeError("sum() can't sum strings [use ''.join(seq) instead]");
        }
        Getter g = attribute == null ? x -> x : attrGetter(attribute, false, null);
        Iter it = Py.iter(v);
        for (Object x = it.next(); x != Iter.END; x = it.next()) {
            s.render.step();
            total = Py.add(s.render, total, g.get(x));
        }
        return total;
    }

    private static Object truncate(Scope s, Object v, Object[] a, Map<String, Object> k) {
        Object[] b = Args.bind("do_truncate", a, k, 0, false, "length", "killwords", "end", "leeway");
        long length = Args.intArg("truncate", Args.or(b[0], 255L));
        boolean killwords = bool(Args.or(b[1], false));
        Object endValue = Args.or(b[2], "...");
        long leeway = b[3] == Args.MISSING || b[3] == null ? 5 : Args.intArg("truncate", b[3]);
        long endLen = Py.len(endValue);
        if (length < endLen) {
            throw Py.error("AssertionError", "expected length >= " + endLen + ", got " + length);
        }
        if (leeway < 0) {
            throw Py.error("AssertionError", "expected leeway >= 0, got " + leeway);
        }
        if (Py.len(v) <= length + leeway) {
            return v;
        }
        Object head = Attrs.getitem(v, new PySlice(null, length - endLen, null));
        if (killwords) {
            return Py.add(s.render, head, endValue);
        }
        if (!Py.isStr(head)) {
            throw Py.error("AttributeError", Py.repr(Py.typeName(head)) + " object has no attribute 'rsplit'");
        }
        List<Object> parts = PyStrings.rsplit(Py.str(head), " ", 1);
        return Py.add(s.render, parts.get(0), endValue);
    }

    private static Object unique(Scope s, Object v, Object[] a, Map<String, Object> k) {
        Object[] b = Args.bind("do_unique", a, k, 0, false, "case_sensitive", "attribute");
        boolean cs = bool(Args.or(b[0], false));
        Getter key = attrGetter(dflt(b[1]), !cs, null);
        Iter it = Py.iter(v);
        Set<Object> seen = new HashSet<>();
        Render r = s.render;
        return generator("sync_do_unique", () -> {
            for (Object x = it.next(); x != Iter.END; x = it.next()) {
                r.step();
                Object h = Py.hashKey(key.get(x));
                if (seen.add(h)) {
                    return x;
                }
            }
            return Iter.END;
        });
    }

    /** jinja2's {@code do_title}: words split at {@code [-\s({[<]+}, first letter upper, the rest lower. */
    static String jinjaTitle(String s) {
        StringBuilder b = new StringBuilder(s.length());
        Matcher m = WORD_BEGINNING.matcher(s);
        int last = 0;
        while (m.find()) {
            titleWord(b, s.substring(last, m.start()));
            b.append(m.group());
            last = m.end();
        }
        titleWord(b, s.substring(last));
        return b.toString();
    }

    private static void titleWord(StringBuilder b, String item) {
        if (item.isEmpty()) {
            return;
        }
        int c = item.codePointAt(0);
        int n = Character.charCount(c);
        b.append(PyStrings.upperChar(c)).append(PyStrings.lower(item.substring(n)));
    }

    private static String fileSize(double bytes, boolean binary) {
        double base = binary ? 1024 : 1000;
        String[] prefixes = binary ? new String[] {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"}
                : new String[] {"kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
        if (bytes == 1) {
            return "1 Byte";
        }
        if (bytes < base) {
            return Py.str(Conversions.floatToInt(bytes)) + " Bytes";
        }
        double unit = 0;
        String prefix = null;
        for (int i = 0; i < prefixes.length; i++) {
            unit = Math.pow(base, i + 2);
            prefix = prefixes[i];
            if (bytes < unit) {
                break;
            }
        }
        return PyFloats.formatAbs(base * bytes / unit, 'f', 1, false) + " " + prefix;
    }

    private static Object xmlattr(Map<Object, Object> d, boolean autospace, boolean autoescape) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<Object, Object> e : d.entrySet()) {
            Object value = e.getValue();
            if (value == null || value instanceof Undefined) {
                continue;
            }
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(Markup.escape(e.getKey()).s).append("=\"").append(Markup.escape(value).s).append('"');
        }
        String rv = b.toString();
        if (autospace && !rv.isEmpty()) {
            rv = " " + rv;
        }
        return autoescape ? new Markup(rv) : rv;
    }
}

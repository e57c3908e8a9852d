package io.vlm4j.processors.template;

import io.vlm4j.TemplateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The methods of Python 3.11's {@code str} (and MarkupSafe's {@code Markup} extras) a template may call. Stateless. */
final class PyStringMethods {
    private static final Pattern COMMENTS = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern TAGS = Pattern.compile("<.*?>", Pattern.DOTALL);

    private PyStringMethods() {}

    private static String str(Object[] a, int i, String fname) {
        return Args.strArg(fname, a[i]);
    }

    private static String optStr(Object v, String fname) {
        if (v == Args.MISSING || v == null) {
            return null;
        }
        return Args.strArg(fname, v);
    }

    private static Object optIndex(Object v) {
        if (v == Args.MISSING || v == null) {
            return null;
        }
        if (!Py.isInt(v)) {
            throw Py.typeError("slice indices must be integers or None or have an __index__ method");
        }
        return v;
    }

    private static String result(Render r, String s) {
        r.alloc(s.length());
        return s;
    }

    static Object call(Render r, String s, String name, Object[] args, Map<String, Object> kwargs) {
        switch (name) {
            case "upper":
                Args.none("str.upper", args, kwargs);
                return result(r, PyStrings.upper(s));
            case "lower":
                Args.none("str.lower", args, kwargs);
                return result(r, PyStrings.lower(s));
            case "casefold":
                Args.none("str.casefold", args, kwargs);
                return result(r, PyStrings.casefold(s));
            case "title":
                Args.none("str.title", args, kwargs);
                return result(r, PyStrings.title(s));
            case "capitalize":
                Args.none("str.capitalize", args, kwargs);
                return result(r, PyStrings.capitalize(s));
            case "swapcase":
                Args.none("str.swapcase", args, kwargs);
                return result(r, PyStrings.swapcase(s));
            case "strip":
            case "lstrip":
            case "rstrip": {
                Object[] a = Args.bind(name, args, kwargs, 0, true, "chars");
                String chars = optStr(a[0], name);
                return PyStrings.strip(s, chars, !name.equals("rstrip"), !name.equals("lstrip"));
            }
            case "split":
            case "rsplit": {
                Object[] a = Args.bind(name, args, kwargs, 0, false, "sep", "maxsplit");
                String sep = optStr(a[0], name);
                long max = a[1] == Args.MISSING ? -1 : Args.intArg(name, a[1]);
                List<Object> out = name.equals("split") ? PyStrings.split(s, sep, max) : PyStrings.rsplit(s, sep, max);
                r.allocList(out.size());
                r.alloc(s.length());
                return out;
            }
            case "splitlines": {
                Object[] a = Args.bind(name, args, kwargs, 0, false, "keepends");
                List<Object> out = PyStrings.splitlines(s, Py.truthy(Args.or(a[0], false)));
                r.allocList(out.size());
                return out;
            }
            case "startswith":
            case "endswith": {
                Object[] a = Args.bind(name, args, kwargs, 1, true, "prefix", "start", "end");
                Object start = optIndex(a[1]);
                Object end = optIndex(a[2]);
                boolean suffix = name.equals("endswith");
                if (a[0] instanceof PyTuple) {
                    for (Object p : ((PyTuple) a[0]).items) {
                        if (!Py.isStr(p)) {
                            throw Py.typeError("tuple for " + name + " must only contain str, not " + Py.typeName(p));
                        }
                        if (PyStrings.startsWith(s, Py.str(p), start, end, suffix)) {
                            return true;
                        }
                    }
                    return false;
                }
                if (!Py.isStr(a[0])) {
                    throw Py.typeError(name + " first arg must be str or a tuple of str, not " + Py.typeName(a[0]));
                }
                return PyStrings.startsWith(s, Py.str(a[0]), start, end, suffix);
            }
            case "find":
            case "rfind":
            case "index":
            case "rindex": {
                Object[] a = Args.bind(name, args, kwargs, 1, true, "sub", "start", "end");
                String sub = str(a, 0, name);
                long i = PyStrings.find(s, sub, optIndex(a[1]), optIndex(a[2]), name.startsWith("r"));
                if (i < 0 && name.endsWith("index")) {
                    throw Py.valueError("substring not found");
                }
                return i;
            }
            case "count": {
                Object[] a = Args.bind(name, args, kwargs, 1, true, "sub", "start", "end");
                return PyStrings.count(s, str(a, 0, name), optIndex(a[1]), optIndex(a[2]));
            }
            case "replace": {
                Object[] a = Args.bind(name, args, kwargs, 2, true, "old", "new", "count");
                String old = str(a, 0, name);
                String rep = str(a, 1, name);
                long count = a[2] == Args.MISSING ? -1 : Args.intArg(name, a[2]);
                if (!old.isEmpty() && !rep.isEmpty()) {
                    long n = PyStrings.count(s, old, null, null);
                    r.alloc(s.length() + Math.max(0, n) * Math.max(0, rep.length() - old.length()));
                } else if (old.isEmpty()) {
                    r.alloc(s.length() + (PyStrings.length(s) + 1L) * rep.length());
                }
                return PyStrings.replace(s, old, rep, count);
            }
            case "join": {
                Object[] a = Args.bind(name, args, kwargs, 1, true, "iterable");
                Iter it = Py.iter(a[0]);
                StringBuilder b = new StringBuilder();
                int i = 0;
                for (Object v = it.next(); v != Iter.END; v = it.next(), i++) {
                    r.step();
                    if (!Py.isStr(v)) {
                        throw Py.typeError("sequence item " + i + ": expected str instance, " + Py.typeName(v) + " found");
                    }
                    if (i > 0) {
                        r.append(b, s);
                    }
                    r.append(b, Py.str(v));
                }
                return b.toString();
            }
            case "center":
            case "ljust":
            case "rjust": {
                Object[] a = Args.bind(name, args, kwargs, 1, true, "width", "fillchar");
                long width = Args.intArg(name, a[0]);
                int fill = ' ';
                if (a[1] != Args.MISSING) {
                    String f = Args.strArg(name, a[1]);
                    if (PyStrings.length(f) != 1) {
                        throw Py.typeError("The fill character must be exactly one character long");
                    }
                    fill = f.codePointAt(0);
                }
                r.alloc(Math.max(width, s.length()));
                return PyStrings.pad(s, width, fill, name.equals("center") ? '^' : name.equals("ljust") ? '<' : '>');
            }
            case "zfill": {
                Object[] a = Args.bind(name, args, kwargs, 1, true, "width");
                long width = Args.intArg(name, a[0]);
                r.alloc(Math.max(width, s.length()));
                return PyStrings.zfill(s, width);
            }
            case "expandtabs": {
                Object[] a = Args.bind(name, args, kwargs, 0, false, "tabsize");
                long tab = a[0] == Args.MISSING ? 8 : Args.intArg(name, a[0]);
                long tabs = PyStrings.count(s, "\t", null, null);
                r.alloc(s.length() + tabs * Math.max(0, tab));
                return PyStrings.expandtabs(s, tab);
            }
            case "partition":
            case "rpartition": {
                Object[] a = Args.bind(name, args, kwargs, 1, true, "sep");
                String sep = str(a, 0, name);
                if (sep.isEmpty()) {
                    throw Py.valueError("empty separator");
                }
                int i = name.equals("partition") ? s.indexOf(sep) : s.lastIndexOf(sep);
                if (i < 0) {
                    return name.equals("partition") ? PyTuple.of(s, "", "") : PyTuple.of("", "", s);
                }
                return PyTuple.of(s.substring(0, i), sep, s.substring(i + sep.length()));
            }
            case "removeprefix": {
                Object[] a = Args.bind(name, args, kwargs, 1, true, "prefix");
                String p = str(a, 0, name);
                return s.startsWith(p) ? s.substring(p.length()) : s;
            }
            case "removesuffix": {
                Object[] a = Args.bind(name, args, kwargs, 1, true, "suffix");
                String p = str(a, 0, name);
                return !p.isEmpty() && s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s;
            }
            case "isalpha":
                Args.none("str.isalpha", args, kwargs);
                return PyStrings.all(s, PyStrings::isAlpha);
            case "isalnum":
                Args.none("str.isalnum", args, kwargs);
                return PyStrings.all(s, PyStrings::isAlnum);
            case "isdigit":
                Args.none("str.isdigit", args, kwargs);
                return PyStrings.all(s, PyStrings::isDigit);
            case "isdecimal":
                Args.none("str.isdecimal", args, kwargs);
                return PyStrings.all(s, PyStrings::isDecimal);
            case "isnumeric":
                Args.none("str.isnumeric", args, kwargs);
                return PyStrings.all(s, PyStrings::isNumeric);
            case "isspace":
                Args.none("str.isspace", args, kwargs);
                return PyStrings.all(s, PyStrings::isSpace);
            case "isascii":
                Args.none("str.isascii", args, kwargs);
                return s.chars().allMatch(c -> c < 128);
            case "isprintable":
                Args.none("str.isprintable", args, kwargs);
                return s.isEmpty() || PyStrings.all(s, PyStrings::isPrintable);
            case "isidentifier":
                Args.none("str.isidentifier", args, kwargs);
                return PyStrings.isIdentifierLike(s);
            case "islower":
                Args.none("str.islower", args, kwargs);
                return PyStrings.isLower(s);
            case "isupper":
                Args.none("str.isupper", args, kwargs);
                return PyStrings.isUpper(s);
            case "istitle":
                Args.none("str.istitle", args, kwargs);
                return PyStrings.isTitle(s);
            case "format":
                return PyFormat.format(r, s, args, kwargs);
            case "format_map": {
                if (!kwargs.isEmpty()) {
                    throw Py.typeError("format_map() takes no keyword arguments");
                }
                if (args.length != 1) {
                    throw Py.typeError("format_map() takes exactly one argument (" + args.length + " given)");
                }
                return PyFormat.formatMap(r, s, args[0]);
            }
            case "escape":
                Args.none("Markup.escape", args, kwargs);
                return Markup.escapeText(s);
            case "striptags":
                Args.none("Markup.striptags", args, kwargs);
                return striptags(s);
            case "unescape":
                Args.none("Markup.unescape", args, kwargs);
                return unescape(s);
            default:
                throw new TemplateException("NotImplementedError", "str." + name
                        + "() is not implemented by vlm4j's template engine");
        }
    }

    /** MarkupSafe 2.1's {@code Markup.striptags}. */
    static String striptags(String s) {
        String v = COMMENTS.matcher(s).replaceAll("");
        v = TAGS.matcher(v).replaceAll("");
        List<Object> words = PyStrings.split(v, null, -1);
        List<String> parts = new ArrayList<>(words.size());
        for (Object w : words) {
            parts.add((String) w);
        }
        return unescape(String.join(" ", parts));
    }

    /** {@code html.unescape} for numeric references and the common named ones. */
    static String unescape(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '&') {
                b.append(c);
                i++;
                continue;
            }
            int semi = s.indexOf(';', i);
            String ent = semi > i ? s.substring(i + 1, semi) : "";
            String rep = null;
            if (ent.startsWith("#x") || ent.startsWith("#X")) {
                try {
                    rep = new String(Character.toChars(Integer.parseInt(ent.substring(2), 16)));
                } catch (IllegalArgumentException e) {
                    rep = null;
                }
            } else if (ent.startsWith("#")) {
                try {
                    rep = new String(Character.toChars(Integer.parseInt(ent.substring(1))));
                } catch (IllegalArgumentException e) {
                    rep = null;
                }
            } else {
                switch (ent) {
                    case "amp": rep = "&"; break;
                    case "lt": rep = "<"; break;
                    case "gt": rep = ">"; break;
                    case "quot": rep = "\""; break;
                    case "apos": rep = "'"; break;
                    case "nbsp": rep = "\u00a0"; break;
                    default: rep = null;
                }
            }
            if (rep == null) {
                b.append(c);
                i++;
            } else {
                b.append(rep);
                i = semi + 1;
            }
        }
        return b.toString();
    }
}

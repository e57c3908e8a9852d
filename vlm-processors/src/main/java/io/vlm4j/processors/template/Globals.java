package io.vlm4j.processors.template;

import io.vlm4j.TemplateException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The globals of HF 4.46's environment: jinja2's ({@code range} as the sandbox's {@code safe_range}, at most
 * 100000 items; {@code dict}, {@code lipsum}, {@code cycler}, {@code joiner}, {@code namespace}) plus HF's
 * {@code raise_exception(message)} and {@code strftime_now(format)}. Stateless.
 */
final class Globals {
    static final int MAX_RANGE = 100000;

    private static final Map<String, Builtin> GLOBALS = new HashMap<>();

    static {
        add(new Builtin("range", "function", "safe_range"));
        add(new Builtin("dict", "type", "dict"));
        add(new Builtin("lipsum", "function", "generate_lorem_ipsum"));
        add(new Builtin("cycler", "type", "jinja2.utils.Cycler"));
        add(new Builtin("joiner", "type", "jinja2.utils.Joiner"));
        add(new Builtin("namespace", "type", "jinja2.utils.Namespace"));
        add(new Builtin("raise_exception", "function", "_compile_jinja_template.<locals>.raise_exception"));
        add(new Builtin("strftime_now", "function", "_compile_jinja_template.<locals>.strftime_now"));
    }

    private static final String[] LOREM = ("a ac accumsan ad adipiscing aenean aliquam aliquet amet ante aptent arcu"
            + " at auctor augue bibendum blandit class commodo condimentum congue consectetuer consequat conubia"
            + " convallis cras cubilia cum curabitur curae cursus dapibus diam dictum dictumst dignissim dis dolor"
            + " donec dui duis egestas eget eleifend elementum elit enim erat eros est et etiam eu euismod facilisi"
            + " facilisis fames faucibus felis fermentum feugiat fringilla fusce gravida habitant habitasse hac"
            + " hendrerit hymenaeos iaculis id imperdiet in inceptos integer interdum ipsum justo lacinia lacus"
            + " laoreet lectus leo libero ligula litora lobortis lorem luctus maecenas magna magnis malesuada massa"
            + " mattis mauris metus mi molestie mollis montes morbi mus nam nascetur natoque nec neque netus nibh"
            + " nisi nisl non nonummy nostra nulla nullam nunc odio orci ornare parturient pede pellentesque"
            + " penatibus per pharetra phasellus placerat platea porta porttitor posuere potenti praesent pretium"
            + " primis proin pulvinar purus quam quis quisque rhoncus ridiculus risus rutrum sagittis sapien"
            + " scelerisque sed sem semper senectus sit sociis sociosqu sodales sollicitudin suscipit suspendisse"
            + " taciti tellus tempor tempus tincidunt torquent tortor tristique turpis ullamcorper ultrices"
            + " ultricies urna ut varius vehicula vel velit venenatis vestibulum vitae vivamus viverra volutpat"
            + " vulputate").split(" ");

    private Globals() {}

    private static void add(Builtin b) {
        GLOBALS.put(b.name, b);
    }

    static Object lookup(String name) {
        Builtin b = GLOBALS.get(name);
        return b != null ? b : Undefined.name(name);
    }

    static Object call(Render r, Builtin fn, Object[] args, Map<String, Object> kwargs) {
        switch (fn.name) {
            case "range":
                if (!kwargs.isEmpty()) {
                    throw Py.typeError("range() takes no keyword arguments");
                }
                return range(args);
            case "dict": {
                if (args.length > 1) {
                    throw Py.typeError("dict expected at most 1 argument, got " + args.length);
                }
                Map<Object, Object> out = new LinkedHashMap<>();
                if (args.length == 1) {
                    update(r, out, args[0]);
                }
                for (Map.Entry<String, Object> e : kwargs.entrySet()) {
                    out.put(e.getKey(), e.getValue());
                }
                return out;
            }
            case "namespace": {
                if (args.length > 1) {
                    throw Py.typeError("dict expected at most 1 argument, got " + args.length);
                }
                Namespace ns = new Namespace();
                if (args.length == 1) {
                    update(r, ns.attrs, args[0]);
                }
                ns.attrs.putAll(kwargs);
                return ns;
            }
            case "cycler":
                if (!kwargs.isEmpty()) {
                    throw Py.typeError("Cycler.__init__() got an unexpected keyword argument "
                            + Py.repr(kwargs.keySet().iterator().next()));
                }
                if (args.length == 0) {
                    throw new TemplateException("RuntimeError", "at least one item has to be provided");
                }
                return new Cycler(args.clone());
            case "joiner": {
                Object[] a = Args.bind("Joiner.__init__", args, kwargs, 0, false, "sep");
                return new Joiner(Args.or(a[0], ", "));
            }
            case "raise_exception": {
                Object[] a = Args.bind("raise_exception", args, kwargs, 1, false, "message");
                throw new TemplateException(TemplateException.TEMPLATE_ERROR, Py.str(a[0]));
            }
            case "strftime_now": {
                Object[] a = Args.bind("strftime_now", args, kwargs, 1, false, "format");
                if (!Py.isStr(a[0])) {
                    throw Py.typeError("strftime() argument 1 must be str, not " + Py.typeName(a[0]));
                }
                String out = Strftime.format(r.now(), Py.str(a[0]));
                r.alloc(out.length());
                return out;
            }
            case "lipsum":
                return lipsum(r, args, kwargs);
            default:
                throw new IllegalStateException("unknown global " + fn.name);
        }
    }

    /** {@code dict(arg)} / {@code dict.update(arg)}: a mapping or an iterable of pairs. */
    @SuppressWarnings("unchecked")
    static void update(Render r, Map<Object, Object> out, Object arg) {
        if (arg instanceof Map) {
            for (Map.Entry<Object, Object> e : ((Map<Object, Object>) arg).entrySet()) {
                Dicts.put(out, e.getKey(), e.getValue());
            }
            return;
        }
        Iter it = Py.iter(arg);
        int i = 0;
        for (Object item = it.next(); item != Iter.END; item = it.next(), i++) {
            r.step();
            List<Object> pair;
            if (!Py.isIterable(item)) {
                throw Py.typeError("cannot convert dictionary update sequence element #" + i + " to a sequence");
            }
            pair = Py.toList(r, item);
            if (pair.size() != 2) {
                throw Py.valueError("dictionary update sequence element #" + i + " has length " + pair.size()
                        + "; 2 is required");
            }
            Dicts.put(out, pair.get(0), pair.get(1));
        }
    }

    private static BigInteger rangeArg(Object o) {
        if (!Py.isInt(o)) {
            throw Py.typeError(Py.repr(Py.typeName(o)) + " object cannot be interpreted as an integer");
        }
        return Py.big(o);
    }

    static PyRange range(Object[] args) {
        if (args.length == 0) {
            throw Py.typeError("range expected at least 1 argument, got 0");
        }
        if (args.length > 3) {
            throw Py.typeError("range expected at most 3 arguments, got " + args.length);
        }
        BigInteger start = BigInteger.ZERO;
        BigInteger stop;
        BigInteger step = BigInteger.ONE;
        if (args.length == 1) {
            stop = rangeArg(args[0]);
        } else {
            start = rangeArg(args[0]);
            stop = rangeArg(args[1]);
            if (args.length == 3) {
                step = rangeArg(args[2]);
            }
        }
        if (step.signum() == 0) {
            throw Py.valueError("range() arg 3 must not be zero");
        }
        BigInteger len;
        if (step.signum() > 0) {
            len = start.compareTo(stop) < 0 ? stop.subtract(start).subtract(BigInteger.ONE).divide(step).add(BigInteger.ONE)
                    : BigInteger.ZERO;
        } else {
            len = start.compareTo(stop) > 0
                    ? start.subtract(stop).subtract(BigInteger.ONE).divide(step.negate()).add(BigInteger.ONE)
                    : BigInteger.ZERO;
        }
        if (len.compareTo(BigInteger.valueOf(MAX_RANGE)) > 0) {
            throw Py.error(Py.OVERFLOW, "Range too big. The sandbox blocks ranges larger than MAX_RANGE ("
                    + MAX_RANGE + ").");
        }
        if (start.bitLength() > 62 || stop.bitLength() > 62 || step.bitLength() > 62) {
            throw Py.error(Py.OVERFLOW, "range() bounds beyond 62 bits are not supported");
        }
        return new PyRange(start.longValue(), stop.longValue(), step.longValue());
    }

    private static Object lipsum(Render r, Object[] args, Map<String, Object> kwargs) {
        Object[] a = Args.bind("generate_lorem_ipsum", args, kwargs, 0, false, "n", "html", "min", "max");
        long n = Args.intArg("lipsum", Args.or(a[0], 5L));
        boolean html = Py.truthy(Args.or(a[1], true));
        long min = Args.intArg("lipsum", Args.or(a[2], 20L));
        long max = Args.intArg("lipsum", Args.or(a[3], 100L));
        if (min >= max) {
            throw Py.valueError("empty range for randrange()");
        }
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        List<String> result = new ArrayList<>();
        for (long p = 0; p < n; p++) {
            r.step();
            boolean nextCapitalized = true;
            long lastComma = 0;
            long lastFullstop = 0;
            String last = null;
            List<String> words = new ArrayList<>();
            long count = min + rnd.nextLong(max - min);
            for (long idx = 0; idx < count; idx++) {
                r.step();
                String word;
                do {
                    word = LOREM[rnd.nextInt(LOREM.length)];
                } while (word.equals(last));
                last = word;
                if (nextCapitalized) {
                    word = PyStrings.capitalize(word);
                    nextCapitalized = false;
                }
                if (idx - (3 + rnd.nextInt(5)) > lastComma) {
                    lastComma = idx;
                    lastFullstop += 2;
                    word += ",";
                }
                if (idx - (10 + rnd.nextInt(10)) > lastFullstop) {
                    lastComma = idx;
                    lastFullstop = idx;
                    word += ".";
                    nextCapitalized = true;
                }
                words.add(word);
            }
            String para = String.join(" ", words);
            if (para.endsWith(",")) {
                para = para.substring(0, para.length() - 1) + ".";
            } else if (!para.endsWith(".")) {
                para += ".";
            }
            result.add(para);
        }
        if (!html) {
            return String.join("\n\n", result);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < result.size(); i++) {
            if (i > 0) {
                b.append('\n');
            }
            b.append("<p>").append(Markup.escapeText(result.get(i))).append("</p>");
        }
        return new Markup(b.toString());
    }
}

package io.vlm4j.processors.template;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** jinja2's {@code urlencode} filter ({@code url_quote} over UTF-8, {@code /} kept outside query strings). */
final class Urls {
    private Urls() {}

    static String quote(Object o, boolean forQs) {
        byte[] bytes = Py.str(o).getBytes(StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder();
        for (byte x : bytes) {
            int c = x & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
                    || c == '-' || c == '~' || (!forQs && c == '/')) {
                b.append((char) c);
            } else if (forQs && c == ' ') {
                b.append('+');
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        return b.toString();
    }

    static String urlencode(Object v) {
        if (Py.isStr(v) || !Py.isIterable(v) || v instanceof TemplateReference) {
            return quote(v, false);
        }
        Iter it;
        if (v instanceof Map) {
            @SuppressWarnings("unchecked")
            Map<Object, Object> m = (Map<Object, Object>) v;
            it = Py.iter(new DictView(DictView.Kind.ITEMS, m));
        } else {
            it = Py.iter(v);
        }
        StringBuilder b = new StringBuilder();
        boolean first = true;
        for (Object item = it.next(); item != Iter.END; item = it.next()) {
            Object[] kv = Py.unpack(null, item, 2);
            if (!first) {
                b.append('&');
            }
            first = false;
            b.append(quote(kv[0], true)).append('=').append(quote(kv[1], true));
        }
        return b.toString();
    }
}

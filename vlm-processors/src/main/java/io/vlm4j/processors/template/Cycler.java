package io.vlm4j.processors.template;

/** Jinja2's {@code cycler(*items)}: {@code next()}, {@code reset()}, {@code current}. One render. */
final class Cycler {
    final Object[] items;
    int pos;

    Cycler(Object[] items) {
        this.items = items;
    }

    Object current() {
        return items[pos];
    }

    Object next() {
        Object rv = items[pos];
        pos = (pos + 1) % items.length;
        return rv;
    }
}

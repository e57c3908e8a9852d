package io.vlm4j.processors.template;

import java.util.Map;

/** Jinja2's {@code joiner(sep=', ')}: returns '' on the first call, {@code sep} after. One render. */
final class Joiner implements PyCallable {
    final Object sep;
    boolean used;

    Joiner(Object sep) {
        this.sep = sep;
    }

    @Override
    public Object call(Render render, Object[] args, Map<String, Object> kwargs) {
        Args.none("__call__", args, kwargs);
        if (!used) {
            used = true;
            return "";
        }
        return sep;
    }
}

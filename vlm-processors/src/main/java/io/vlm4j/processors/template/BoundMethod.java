package io.vlm4j.processors.template;

import java.util.Map;

/**
 * A method of a value bound to it ({@code 'a b'.split}, {@code d.items}, {@code loop.cycle}), as Python's bound
 * method objects are: calling it runs the method {@link Methods} implements for that type. Immutable.
 */
final class BoundMethod implements PyCallable {
    final Object self;
    final String name;

    BoundMethod(Object self, String name) {
        this.self = self;
        this.name = name;
    }

    /** {@code builtin_function_or_method} for the built-in types, {@code method} for Jinja's Python classes. */
    String typeName() {
        Object s = self;
        if (s instanceof LoopContext || s instanceof Cycler || s instanceof Joiner || s instanceof Macro
                || s instanceof Markup) {
            return "method";
        }
        return "builtin_function_or_method";
    }

    @Override
    public Object call(Render render, Object[] args, Map<String, Object> kwargs) {
        return Methods.call(render, self, name, args, kwargs);
    }
}

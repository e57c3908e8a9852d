package io.vlm4j.processors.template;

import java.util.Map;

/** A value a template may call: macros, {@code loop}, the globals, bound methods of the Python types. */
interface PyCallable {
    /**
     * Calls this value.
     *
     * @param args the positional arguments
     * @param kwargs the keyword arguments in call order (never null)
     */
    Object call(Render render, Object[] args, Map<String, Object> kwargs);
}

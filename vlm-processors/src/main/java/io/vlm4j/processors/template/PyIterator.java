package io.vlm4j.processors.template;

/**
 * A Python iterator object as a value: the generators Jinja2's filters return ({@code map}, {@code select},
 * {@code unique}, ...) and {@code reversed(...)}. Single pass, always true, no length. Not thread-safe (one render).
 */
final class PyIterator implements Iter {
    /** The Python type name: {@code generator}, {@code list_reverseiterator}, ... */
    final String typeName;
    /** For generators, the function name Python shows in the repr. */
    final String functionName;
    private Iter source;

    PyIterator(String typeName, String functionName, Iter source) {
        this.typeName = typeName;
        this.functionName = functionName;
        this.source = source;
    }

    static PyIterator generator(String functionName, Iter source) {
        return new PyIterator("generator", functionName, source);
    }

    @Override
    public Object next() {
        if (source == null) {
            return END;
        }
        Object v;
        try {
            v = source.next();
        } catch (RuntimeException e) {
            source = null;
            throw e;
        }
        if (v == END) {
            source = null;
        }
        return v;
    }
}

package io.vlm4j.processors.template;

import io.vlm4j.TemplateException;

/**
 * Jinja2's default {@code Undefined}: prints as empty, iterates as empty, is false and has length 0; any other
 * use raises its error ({@code UndefinedError}, or {@code SecurityError} for the "unsafe undefined" the sandbox
 * returns for a forbidden attribute). Immutable.
 */
final class Undefined {
    /** Marks "no object" (Jinja's {@code missing}): the undefined value is a plain name. */
    static final Object NO_OBJECT = new Object();

    static final String UNDEFINED_ERROR = "UndefinedError";
    static final String SECURITY_ERROR = "SecurityError";

    private final String hint;
    private final Object obj;
    private final Object name;
    private final String errorType;

    private Undefined(String hint, Object obj, Object name, String errorType) {
        this.hint = hint;
        this.obj = obj;
        this.name = name;
        this.errorType = errorType;
    }

    /** An undefined variable {@code name}. */
    static Undefined name(String name) {
        return new Undefined(null, NO_OBJECT, name, UNDEFINED_ERROR);
    }

    /** A missing attribute or item {@code name} of {@code obj}. */
    static Undefined of(Object obj, Object name) {
        return new Undefined(null, obj, name, UNDEFINED_ERROR);
    }

    /** An undefined value with its own message. */
    static Undefined hint(String hint) {
        return new Undefined(hint, NO_OBJECT, null, UNDEFINED_ERROR);
    }

    /** The sandbox's undefined for an unsafe attribute: using it raises {@code SecurityError}. */
    static Undefined unsafe(Object obj, String attribute) {
        String hint = "access to attribute " + Py.repr(attribute) + " of " + Py.repr(Py.typeName(obj))
                + " object is unsafe.";
        return new Undefined(hint, obj, attribute, SECURITY_ERROR);
    }

    /** The message Jinja2 builds for this undefined value. */
    String message() {
        if (hint != null && !hint.isEmpty()) {
            return hint;
        }
        if (obj == NO_OBJECT) {
            return Py.repr(name) + " is undefined";
        }
        if (!(name instanceof String)) {
            return Py.objectTypeRepr(obj) + " has no element " + Py.repr(name);
        }
        return Py.repr(Py.objectTypeRepr(obj)) + " has no attribute " + Py.repr(name);
    }

    /** The error that using this value raises. */
    TemplateException error() {
        return new TemplateException(errorType, message());
    }
}

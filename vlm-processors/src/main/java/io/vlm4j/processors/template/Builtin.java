package io.vlm4j.processors.template;

import java.util.Map;

/**
 * A global function or class of HF's environment ({@code range}, {@code dict}, {@code namespace},
 * {@code cycler}, {@code joiner}, {@code lipsum}, {@code raise_exception}, {@code strftime_now}). Immutable.
 */
final class Builtin implements PyCallable {
    final String name;
    /** {@code function} or {@code type}. */
    final String pyType;
    private final String qualname;

    Builtin(String name, String pyType, String qualname) {
        this.name = name;
        this.pyType = pyType;
        this.qualname = qualname;
    }

    String repr() {
        if (pyType.equals("type")) {
            return "<class '" + qualname + "'>";
        }
        return "<function " + qualname + " at 0x7f" + String.format("%010x", System.identityHashCode(this)) + ">";
    }

    /** A public attribute of the class (only {@code dict.fromkeys}, {@code Cycler.next} and friends exist). */
    Object classAttribute(String attr) {
        return Attrs.NO_ATTR;
    }

    @Override
    public Object call(Render r, Object[] args, Map<String, Object> kwargs) {
        return Globals.call(r, this, args, kwargs);
    }
}

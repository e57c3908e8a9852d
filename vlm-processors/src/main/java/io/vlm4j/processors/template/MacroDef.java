package io.vlm4j.processors.template;

/**
 * A macro (or call-block caller) as compiled: its name, parameters with defaults for the last ones, body, and
 * whether the body uses {@code caller}, {@code varargs}, {@code kwargs} (Jinja2 decides these statically).
 * Immutable.
 */
final class MacroDef {
    final String name;
    final String[] argNames;
    /** Defaults of the last {@code defaults.length} parameters. */
    final Expr[] defaults;
    final Stmt[] body;
    final boolean usesCaller;
    final boolean catchVarargs;
    final boolean catchKwargs;
    final boolean explicitCaller;

    MacroDef(String name, String[] argNames, Expr[] defaults, Stmt[] body, boolean usesCaller, boolean catchVarargs,
            boolean catchKwargs) {
        this.name = name;
        this.argNames = argNames;
        this.defaults = defaults;
        this.body = body;
        boolean explicit = false;
        for (String a : argNames) {
            explicit |= a.equals("caller");
        }
        this.explicitCaller = explicit;
        this.usesCaller = usesCaller && !explicit;
        this.catchVarargs = catchVarargs;
        this.catchKwargs = catchKwargs;
    }
}

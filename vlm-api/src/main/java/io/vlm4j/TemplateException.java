package io.vlm4j;

import java.util.Objects;

/**
 * A chat template failed to compile or to render.
 *
 * <p>{@link #type()} names the failure as Python's Jinja2 would ({@code TemplateError} for the template's own
 * {@code raise_exception(msg)}, whose message is then exactly {@code msg}; {@code TemplateSyntaxError},
 * {@code UndefinedError}, {@code SecurityError}, {@code TypeError}, {@code OverflowError},
 * {@code ZeroDivisionError}, {@code RecursionError}), or {@code LimitExceeded} when a render ran past vlm4j's
 * time, size or depth bounds.
 */
public class TemplateException extends VlmException {
    private static final long serialVersionUID = 1L;

    /** The type of a template's own {@code raise_exception(msg)}. */
    public static final String TEMPLATE_ERROR = "TemplateError";
    /** The type of a render stopped by a time, output-size, recursion or allocation bound. */
    public static final String LIMIT_EXCEEDED = "LimitExceeded";

    private final String type;

    public TemplateException(String type, String message) {
        super(ErrorCode.TEMPLATE_FAILED, message);
        this.type = Objects.requireNonNull(type, "type");
    }

    public TemplateException(String type, String message, Throwable cause) {
        super(ErrorCode.TEMPLATE_FAILED, message, cause);
        this.type = Objects.requireNonNull(type, "type");
    }

    /** The Jinja2 name of the failure, e.g. {@code TemplateError} or {@code LimitExceeded}. */
    public String type() {
        return type;
    }
}

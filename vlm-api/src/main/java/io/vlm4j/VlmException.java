package io.vlm4j;

import java.util.Objects;

/**
 * The root of every error vlm4j raises: unchecked, with an {@link ErrorCode} of one {@link ErrorKind}.
 *
 * <p>Messages say what was wrong, where, and what was expected. Subclasses exist only where callers catch them.
 */
public class VlmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public VlmException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public VlmException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The code of this error. */
    public ErrorCode code() {
        return code;
    }

    /** The kind of this error: {@code code().kind()}. */
    public ErrorKind kind() {
        return code.kind();
    }
}

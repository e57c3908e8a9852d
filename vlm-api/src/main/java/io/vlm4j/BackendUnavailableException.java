package io.vlm4j;

/** A backend or device cannot be used here; the message says which and why. */
public class BackendUnavailableException extends VlmException {
    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(String message) {
        super(ErrorCode.BACKEND_UNAVAILABLE, message);
    }

    public BackendUnavailableException(String message, Throwable cause) {
        super(ErrorCode.BACKEND_UNAVAILABLE, message, cause);
    }
}

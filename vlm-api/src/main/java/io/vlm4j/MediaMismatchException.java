package io.vlm4j;

/** The media of a request do not match its placeholders or the model's features; the message names both counts. */
public class MediaMismatchException extends VlmException {
    private static final long serialVersionUID = 1L;

    public MediaMismatchException(String message) {
        super(ErrorCode.MEDIA_MISMATCH, message);
    }

    public MediaMismatchException(String message, Throwable cause) {
        super(ErrorCode.MEDIA_MISMATCH, message, cause);
    }
}

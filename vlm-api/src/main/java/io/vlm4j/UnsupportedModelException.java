package io.vlm4j;

/** No registered family serves a model_type; the message names it and the registered ones. */
public class UnsupportedModelException extends VlmException {
    private static final long serialVersionUID = 1L;

    public UnsupportedModelException(String message) {
        super(ErrorCode.MODEL_UNSUPPORTED, message);
    }

    public UnsupportedModelException(String message, Throwable cause) {
        super(ErrorCode.MODEL_UNSUPPORTED, message, cause);
    }
}

package io.vlm4j;

/** An image cannot be decoded; the message names the source and the reason. */
public class ImageDecodeException extends VlmException {
    private static final long serialVersionUID = 1L;

    public ImageDecodeException(String message) {
        super(ErrorCode.IMAGE_DECODE_FAILED, message);
    }

    public ImageDecodeException(String message, Throwable cause) {
        super(ErrorCode.IMAGE_DECODE_FAILED, message, cause);
    }
}

package io.vlm4j;

/** A video cannot be opened or decoded; the message names the source and the reason. */
public class VideoDecodeException extends VlmException {
    private static final long serialVersionUID = 1L;

    public VideoDecodeException(String message) {
        super(ErrorCode.VIDEO_DECODE_FAILED, message);
    }

    public VideoDecodeException(String message, Throwable cause) {
        super(ErrorCode.VIDEO_DECODE_FAILED, message, cause);
    }
}

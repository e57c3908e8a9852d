package io.vlm4j.video;

/**
 * Why media could not be read, before the caller knows which typed error to raise: the decoder wraps it once,
 * with the source's name, into a {@link io.vlm4j.VideoDecodeException} or an {@link io.vlm4j.ImageDecodeException}.
 */
final class MediaFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MediaFailure(String reason) {
        super(reason);
    }

    MediaFailure(String reason, Throwable cause) {
        super(reason, cause);
    }
}

package io.vlm4j;

/**
 * The error codes of vlm4j, each of one {@link ErrorKind}.
 *
 * <p>Codes are contract: scripts and callers may match on them. New codes are added at the end.
 * Immutable.
 */
public enum ErrorCode {
    /** An argument or option is invalid or conflicts with another. */
    INVALID_ARGUMENT(ErrorKind.USAGE),
    /** A config file (config.json, preprocessor_config.json, …) has a bad or missing value. */
    CONFIG_INVALID(ErrorKind.INPUT),
    /** A checkpoint file (safetensors, index) is malformed or inconsistent. */
    CHECKPOINT_INVALID(ErrorKind.INPUT),
    /** A tokenizer file is missing or malformed, or a tokenizer operation failed on its input. */
    TOKENIZER_INVALID(ErrorKind.INPUT),
    /** A chat template does not compile or fails while rendering. */
    TEMPLATE_FAILED(ErrorKind.INPUT),
    /** An image cannot be decoded. */
    IMAGE_DECODE_FAILED(ErrorKind.INPUT),
    /** A video cannot be opened or decoded. */
    VIDEO_DECODE_FAILED(ErrorKind.INPUT),
    /** The media of a request do not match its placeholders or the model's features (counts or kinds). */
    MEDIA_MISMATCH(ErrorKind.INPUT),
    /** A file or folder the request names does not exist. */
    NOT_FOUND(ErrorKind.INPUT),
    /** No registered family serves the checkpoint's model_type. */
    MODEL_UNSUPPORTED(ErrorKind.UNAVAILABLE),
    /** The requested backend or device is not available (natives missing, no GPU). */
    BACKEND_UNAVAILABLE(ErrorKind.UNAVAILABLE),
    /** A provider lacks a capability the request needs. */
    CAPABILITY_UNSUPPORTED(ErrorKind.UNAVAILABLE),
    /** A plugin cannot be used: duplicate id, wrong SPI version, failure to load. */
    PLUGIN_INVALID(ErrorKind.UNAVAILABLE),
    /** A remote resource (the hub) cannot be reached or refuses the request, or the cache lacks a file offline. */
    REMOTE_UNAVAILABLE(ErrorKind.UNAVAILABLE),
    /** An unexpected failure inside vlm4j or a plugin. */
    INTERNAL_ERROR(ErrorKind.INTERNAL);

    private final ErrorKind kind;

    ErrorCode(ErrorKind kind) {
        this.kind = kind;
    }

    /** The kind of this code. */
    public ErrorKind kind() {
        return kind;
    }
}

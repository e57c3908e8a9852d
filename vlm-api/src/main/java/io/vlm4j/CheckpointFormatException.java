package io.vlm4j;

/** A checkpoint file is malformed; the message names the file and, where there is one, the tensor. */
public class CheckpointFormatException extends VlmException {
    private static final long serialVersionUID = 1L;

    public CheckpointFormatException(String message) {
        super(ErrorCode.CHECKPOINT_INVALID, message);
    }

    public CheckpointFormatException(String message, Throwable cause) {
        super(ErrorCode.CHECKPOINT_INVALID, message, cause);
    }
}

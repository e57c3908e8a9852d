package io.vlm4j;

/** A tokenizer cannot be loaded from its files or fails on its input. */
public class TokenizerException extends VlmException {
    private static final long serialVersionUID = 1L;

    public TokenizerException(String message) {
        super(ErrorCode.TOKENIZER_INVALID, message);
    }

    public TokenizerException(String message, Throwable cause) {
        super(ErrorCode.TOKENIZER_INVALID, message, cause);
    }
}

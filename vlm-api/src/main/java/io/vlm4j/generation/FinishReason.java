package io.vlm4j.generation;

/**
 * Why a sequence stopped. Immutable.
 */
public enum FinishReason {
    /** It produced one of the end-of-sequence tokens (kept as its last token, as HF keeps it). */
    STOP,
    /** Its text came to end with one of the stop strings. */
    STOP_STRING,
    /** It reached {@code max_new_tokens}. */
    LENGTH;

    /** The name HF-style records use ({@code "stop"}, {@code "stop_string"}, {@code "length"}). */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

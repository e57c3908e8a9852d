package io.vlm4j;

/**
 * The four kinds of failure a caller tells apart; the CLI maps each to one exit code.
 *
 * <p>Immutable.
 */
public enum ErrorKind {
    /** The caller used the API or the command line wrongly (a bad option, conflicting arguments). */
    USAGE,
    /** The input is bad: a malformed config, checkpoint, template, image or video, a prompt that does not match its media. */
    INPUT,
    /** Something needed is not there: an unsupported model type, a missing backend or native library, an unreachable hub. */
    UNAVAILABLE,
    /** A bug or an unexpected failure inside vlm4j or a plugin. */
    INTERNAL
}

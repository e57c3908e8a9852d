package io.vlm4j.cli;

import io.vlm4j.ErrorKind;

/**
 * The one table from error kinds to the exit codes of {@code vlm}. Scripts depend on these numbers.
 */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** Bad usage: an unknown option, a missing or conflicting argument. */
    public static final int USAGE = 2;
    /** Bad input: a malformed config, checkpoint, template, image or video, a prompt that does not fit its media. */
    public static final int INPUT = 3;
    /** Unavailable: an unsupported model, a missing backend, natives or hub file, an unreachable hub. */
    public static final int UNAVAILABLE = 4;
    /** Internal failure: a bug. */
    public static final int INTERNAL = 5;

    private ExitCodes() {}

    /** The exit code of an error kind. */
    public static int of(ErrorKind kind) {
        switch (kind) {
            case USAGE:
                return USAGE;
            case INPUT:
                return INPUT;
            case UNAVAILABLE:
                return UNAVAILABLE;
            default:
                return INTERNAL;
        }
    }
}

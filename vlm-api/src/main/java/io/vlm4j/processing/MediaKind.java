package io.vlm4j.processing;

/**
 * The two kinds of media a prompt holds, each with its own placeholder token ({@code <image>}, {@code <video>}).
 *
 * <p>Immutable.
 */
public enum MediaKind {
    /** A still image (and, for LLaVA-Interleave, each sampled frame of a video). */
    IMAGE,
    /** A video: sampled frames that the model sees together. */
    VIDEO;

    /** The word for messages: {@code image} or {@code video}. */
    public String word() {
        return this == IMAGE ? "image" : "video";
    }
}

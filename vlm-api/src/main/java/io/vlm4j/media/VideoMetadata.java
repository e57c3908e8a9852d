package io.vlm4j.media;

import java.util.Objects;

/**
 * What a video is, as HF's {@code VideoMetadata} and PyAV report it, with the frame count established.
 *
 * @param totalFrames the number of frames of the video stream (established, see {@code frameCountSource})
 * @param fps the stream's average frame rate
 * @param durationSeconds the duration in seconds
 * @param width frame width in pixels
 * @param height frame height in pixels
 * @param codec the codec's short name ({@code h264}, {@code vp9})
 * @param rotationDegrees the display rotation the stream declares (reported, not applied — as PyAV)
 * @param frameCountSource how {@code totalFrames} was established
 * @param containerFrames the frame count the container states (PyAV's {@code stream.frames}; 0 when it states
 *     none), which may be wrong
 */
public record VideoMetadata(int totalFrames, double fps, double durationSeconds, int width, int height, String codec,
        int rotationDegrees, FrameCountSource frameCountSource, long containerFrames) {
    public VideoMetadata {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(frameCountSource, "frameCountSource");
        if (totalFrames < 0 || width < 0 || height < 0 || containerFrames < 0) {
            throw new IllegalArgumentException("negative frame count or size");
        }
    }

    /** Metadata whose container stated {@code totalFrames} (the count was checked against the stream). */
    public VideoMetadata(int totalFrames, double fps, double durationSeconds, int width, int height, String codec,
            int rotationDegrees, FrameCountSource frameCountSource) {
        this(totalFrames, fps, durationSeconds, width, height, codec, rotationDegrees, frameCountSource, totalFrames);
    }

    /** How a frame count was established. */
    public enum FrameCountSource {
        /** The container's count, checked. */
        CONTAINER,
        /** Counted from the stream's packets, where that provably equals the frame count. */
        PACKETS,
        /** Counted by decoding every frame. */
        DECODED
    }
}

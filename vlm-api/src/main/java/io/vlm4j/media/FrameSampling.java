package io.vlm4j.media;

import java.util.Arrays;

/**
 * Which frames of a video to take, as HF's video processors choose them.
 *
 * <p>Immutable.
 */
public sealed interface FrameSampling {
    /** {@code num_frames} frames spread uniformly: indices {@code np.arange(0, T, T / n).astype(int)}. */
    static FrameSampling uniform(int numFrames) {
        return new Uniform(numFrames);
    }

    /** {@code fps} frames per second of video: {@code n = int(T / video_fps * fps)}, then uniform. */
    static FrameSampling fps(double fps) {
        return new Fps(fps);
    }

    /** These frame indices, in this order. */
    static FrameSampling indices(int... indices) {
        return new Indices(indices);
    }

    /**
     * {@code numFrames} frames spread uniformly over the frames whose timestamps lie in
     * {@code [startSeconds, endSeconds)}: with {@code first} the first such frame and {@code m} their number, indices
     * {@code first + np.arange(0, m, m / n).astype(int)}.
     */
    static FrameSampling timeRange(double startSeconds, double endSeconds, int numFrames) {
        return new TimeRange(startSeconds, endSeconds, numFrames);
    }

    /** {@code numFrames} uniform frames. */
    record Uniform(int numFrames) implements FrameSampling {
        public Uniform {
            if (numFrames < 1) {
                throw new IllegalArgumentException("num_frames must be at least 1, got " + numFrames);
            }
        }
    }

    /** Frames at a rate in frames per second of video. */
    record Fps(double fps) implements FrameSampling {
        public Fps {
            if (!(fps > 0) || Double.isInfinite(fps)) {
                throw new IllegalArgumentException("fps must be a number above 0, got " + fps);
            }
        }
    }

    /**
     * Uniform frames within a time range of the video, in seconds of presentation time as the decoder reports
     * frame timestamps.
     */
    record TimeRange(double startSeconds, double endSeconds, int numFrames) implements FrameSampling {
        public TimeRange {
            if (!Double.isFinite(startSeconds) || !Double.isFinite(endSeconds) || !(endSeconds > startSeconds)) {
                throw new IllegalArgumentException("a time range needs finite seconds with start < end, got ["
                        + startSeconds + ", " + endSeconds + ")");
            }
            if (numFrames < 1) {
                throw new IllegalArgumentException("num_frames must be at least 1, got " + numFrames);
            }
        }
    }

    /** Explicit frame indices. */
    record Indices(int[] indices) implements FrameSampling {
        public Indices {
            indices = indices.clone();
            if (indices.length == 0) {
                throw new IllegalArgumentException("at least one frame index is needed");
            }
            for (int i : indices) {
                if (i < 0) {
                    throw new IllegalArgumentException("frame indices must be >= 0, got " + i);
                }
            }
        }

        @Override
        public int[] indices() {
            return indices.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Indices other && Arrays.equals(other.indices, indices);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(indices);
        }

        @Override
        public String toString() {
            return "Indices" + Arrays.toString(indices);
        }
    }
}

package io.vlm4j.video;

import io.vlm4j.ErrorCode;
import io.vlm4j.VlmException;
import io.vlm4j.media.FrameSampling;
import java.util.function.IntToDoubleFunction;

/**
 * The frame indices a {@link FrameSampling} selects, computed as HF and the seeds compute them.
 *
 * <p>Uniform sampling is {@code np.arange(0, T, T / n).astype(int)} in float64 — numpy's length
 * {@code ceil(T / (T / n))}, which is {@code n + 1} for some pairs (T = 15, n = 13 gives 14 indices), and values
 * {@code i * step} truncated — reproduced to the bit. Fps sampling is {@code n = int(T / video_fps * fps)}, then
 * uniform. Asking for more frames than the video has, or for both a count and a rate, fails with HF's messages.
 *
 * <p>Stateless; thread-safe.
 */
final class Sampler {
    private Sampler() {}

    /**
     * The indices of {@code sampling} in a video of {@code totalFrames} frames at {@code fps}, whose frame
     * {@code k} is shown at {@code frameTime.applyAsDouble(k)} seconds.
     *
     * @throws VlmException of kind usage if the sampling cannot be applied to this video
     */
    static int[] indices(FrameSampling sampling, int totalFrames, double fps, IntToDoubleFunction frameTime,
            String video) {
        if (sampling instanceof FrameSampling.Uniform u) {
            return uniform(0, totalFrames, u.numFrames(), video);
        }
        if (sampling instanceof FrameSampling.Fps f) {
            if (!(fps > 0) || Double.isInfinite(fps)) {
                throw usage(video + ": asked to sample fps=" + f.fps() + " frames per second but the video states no "
                        + "frame rate; use a fixed num_frames");
            }
            long n = (long) (totalFrames / fps * f.fps());
            if (n < 1) {
                throw usage(video + ": fps=" + f.fps() + " selects int(" + totalFrames + " / " + fps + " * "
                        + f.fps() + ") = 0 frames; ask for a higher rate or a fixed num_frames");
            }
            if (n > totalFrames) {
                throw usage(video + ": Video can't be sampled. The inferred `num_frames=" + n
                        + "` exceeds `total_num_frames=" + totalFrames + "`.");
            }
            return uniform(0, totalFrames, (int) n, video);
        }
        if (sampling instanceof FrameSampling.Indices ix) {
            int[] out = ix.indices();
            for (int i : out) {
                if (i >= totalFrames) {
                    throw usage(video + ": frame index " + i + " is past the last frame " + (totalFrames - 1)
                            + " (the video has " + totalFrames + " frames)");
                }
            }
            return out;
        }
        FrameSampling.TimeRange r = (FrameSampling.TimeRange) sampling;
        int first = 0;
        while (first < totalFrames && frameTime.applyAsDouble(first) < r.startSeconds()) {
            first++;
        }
        int end = first;
        while (end < totalFrames && frameTime.applyAsDouble(end) < r.endSeconds()) {
            end++;
        }
        int m = end - first;
        if (m == 0) {
            throw usage(video + ": no frame is shown in [" + r.startSeconds() + " s, " + r.endSeconds() + " s)");
        }
        return uniform(first, m, r.numFrames(), video);
    }

    /** {@code offset + np.arange(0, total, total / n).astype(int)}. */
    static int[] uniform(int offset, int total, int n, String video) {
        if (n > total) {
            throw usage(video + ": Video can't be sampled. The `num_frames=" + n + "` exceeds `total_num_frames="
                    + total + "`.");
        }
        double step = (double) total / n;
        long length = (long) Math.ceil(total / step);
        int[] out = new int[(int) length];
        for (int i = 0; i < out.length; i++) {
            double value = i * step;
            if (value >= total) {
                throw usage(video + ": np.arange(0, " + total + ", " + total + " / " + n + ") yields " + value
                        + ", past the last frame " + (total - 1) + " (HF's sampling fails here too); ask for another "
                        + "num_frames");
            }
            out[i] = offset + (int) value;
        }
        return out;
    }

    /** Rejects asking for a frame count and a frame rate together, with HF's message. */
    static void checkExclusive(Integer numFrames, Double fps) {
        if (numFrames != null && fps != null) {
            throw usage("`num_frames` and `fps` are mutually exclusive arguments, please use only one!");
        }
    }

    private static VlmException usage(String message) {
        return new VlmException(ErrorCode.INVALID_ARGUMENT, message);
    }
}

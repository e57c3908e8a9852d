package io.vlm4j.media;

import io.vlm4j.tensor.DType;
import io.vlm4j.tensor.HostTensor;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Decoded frames of one video, all of one size, with the indices they were taken at.
 *
 * <p>Immutable by contract (the images are not copied).
 *
 * @param frames the frames in order, RGB, all {@code width x height}
 * @param indices the frame index of each frame in the video
 * @param timestamps the presentation time of each frame in seconds ({@code pts * time_base}, PyAV's
 *     {@code frame.time}); {@code NaN} where unknown (frames made from a tensor)
 */
public record VideoFrames(List<RgbImage> frames, int[] indices, double[] timestamps) {
    public VideoFrames {
        frames = List.copyOf(frames);
        indices = indices.clone();
        timestamps = timestamps.clone();
        if (timestamps.length != indices.length) {
            throw new IllegalArgumentException(indices.length + " indices but " + timestamps.length + " timestamps");
        }
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a video needs at least one frame");
        }
        if (frames.size() != indices.length) {
            throw new IllegalArgumentException(frames.size() + " frames but " + indices.length + " indices");
        }
        RgbImage first = frames.get(0);
        for (RgbImage f : frames) {
            if (f.width() != first.width() || f.height() != first.height()) {
                throw new IllegalArgumentException("frames differ in size: " + first + " and " + f);
            }
        }
    }

    /** Frames at {@code indices} whose timestamps are unknown ({@code NaN}). */
    public VideoFrames(List<RgbImage> frames, int[] indices) {
        this(frames, indices, unknownTimestamps(indices.length));
    }

    private static double[] unknownTimestamps(int n) {
        double[] t = new double[n];
        Arrays.fill(t, Double.NaN);
        return t;
    }

    /** The frames of a {@code uint8 [T, H, W, 3]} tensor, at {@code indices}. */
    public static VideoFrames fromTensor(HostTensor frames, int[] indices) {
        if (frames.rank() != 4 || frames.dim(3) != 3 || frames.dtype() != DType.U8) {
            throw new IllegalArgumentException("expected uint8 [T, H, W, 3] frames, got " + frames);
        }
        int t = frames.dim(0);
        int h = frames.dim(1);
        int w = frames.dim(2);
        byte[] all = frames.toBytes();
        RgbImage[] images = new RgbImage[t];
        int frameBytes = h * w * 3;
        for (int i = 0; i < t; i++) {
            images[i] = new RgbImage(w, h, Arrays.copyOfRange(all, i * frameBytes, (i + 1) * frameBytes));
        }
        return new VideoFrames(List.of(images), indices);
    }

    /** The frames as one {@code uint8 [T, H, W, 3]} tensor (copied). */
    public HostTensor toTensor() {
        int frameBytes = width() * height() * 3;
        byte[] all = new byte[frames.size() * frameBytes];
        for (int i = 0; i < frames.size(); i++) {
            System.arraycopy(frames.get(i).rgb(), 0, all, i * frameBytes, frameBytes);
        }
        return HostTensor.ofUnsignedBytes(all, frames.size(), height(), width(), 3);
    }

    /** The number of frames. */
    public int count() {
        return frames.size();
    }

    public int width() {
        return frames.get(0).width();
    }

    public int height() {
        return frames.get(0).height();
    }

    @Override
    public int[] indices() {
        return indices.clone();
    }

    @Override
    public double[] timestamps() {
        return timestamps.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VideoFrames v && v.frames.equals(frames) && Arrays.equals(v.indices, indices)
                && Arrays.equals(v.timestamps, timestamps);
    }

    @Override
    public int hashCode() {
        return Objects.hash(frames, Arrays.hashCode(indices), Arrays.hashCode(timestamps));
    }

    @Override
    public String toString() {
        return "VideoFrames[" + count() + " x " + width() + "x" + height() + " at " + Arrays.toString(indices) + "]";
    }
}

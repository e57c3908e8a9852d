package io.vlm4j.cli;

import io.vlm4j.CheckpointFormatException;
import io.vlm4j.media.FrameSampling;
import io.vlm4j.media.VideoFrames;
import io.vlm4j.safetensors.SafeTensors;
import io.vlm4j.tensor.DType;
import io.vlm4j.tensor.HostTensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of {@code vlm process} and {@code vlm generate} that choose a video item's frames
 * ({@link FrameSamplingOptions}) or supply them decoded ({@code --video-frames FRAMES.safetensors}, one file per
 * video item in message order). A picocli mixin.
 */
final class VideoFrameOptions {
    @Mixin
    FrameSamplingOptions sampling;

    @Option(names = "--video-frames", paramLabel = "FRAMES.safetensors",
            description = "Decoded frames of the next video item, in message order (repeatable).")
    List<Path> videoFrames = new ArrayList<>();

    /** The frames of a video item that is decoded ({@link FrameSamplingOptions#sampling()}). */
    FrameSampling sampling() {
        return sampling.sampling();
    }

    /**
     * The frames of each {@code --video-frames} file, in order.
     *
     * @throws CheckpointFormatException naming the file and tensor if one is not uint8 frames
     */
    List<VideoFrames> frames() {
        List<VideoFrames> frames = new ArrayList<>();
        for (Path file : videoFrames) {
            frames.add(readFrames(file));
        }
        return frames;
    }

    /** A {@code frames} uint8 [T, H, W, 3] tensor and its optional {@code indices} int64 [T]. */
    static VideoFrames readFrames(Path file) {
        try (SafeTensors st = SafeTensors.open(file)) {
            String name = String.valueOf(file.getFileName());
            if (!st.contains("frames")) {
                throw new CheckpointFormatException(name + ": no tensor 'frames' (expected uint8 [T, H, W, 3]; it has "
                        + st.tensors().keySet() + ")");
            }
            HostTensor frames = st.get("frames");
            if (frames.dtype() != DType.U8 || frames.rank() != 4 || frames.dim(3) != 3 || frames.dim(0) < 1
                    || frames.dim(1) < 1 || frames.dim(2) < 1) {
                throw new CheckpointFormatException(name + " 'frames': expected uint8 [T, H, W, 3] with T, H, W >= 1,"
                        + " got " + frames.dtype() + " " + Arrays.toString(frames.shape()));
            }
            int t = frames.dim(0);
            int[] indices = new int[t];
            if (st.contains("indices")) {
                HostTensor ix = st.get("indices");
                if (ix.dtype() != DType.I64 || ix.rank() != 1 || ix.dim(0) != t) {
                    throw new CheckpointFormatException(name + " 'indices': expected int64 [" + t + "], got "
                            + ix.dtype() + " " + Arrays.toString(ix.shape()));
                }
                long[] values = ix.toLongs();
                for (int i = 0; i < t; i++) {
                    if (values[i] < 0 || values[i] > Integer.MAX_VALUE) {
                        throw new CheckpointFormatException(name + " 'indices'[" + i + "]: expected a frame index"
                                + " >= 0, got " + values[i]);
                    }
                    indices[i] = (int) values[i];
                }
            } else {
                Arrays.setAll(indices, i -> i);
            }
            return VideoFrames.fromTensor(frames, indices);
        }
    }
}

package io.vlm4j.cli;

import io.vlm4j.ErrorCode;
import io.vlm4j.VlmException;
import io.vlm4j.media.FrameSampling;
import io.vlm4j.processing.ChatOptions;
import picocli.CommandLine.Option;

/**
 * The options that choose a video item's frames: {@code --num-frames N | --fps F}. A picocli mixin of the
 * commands that decode videos for a model ({@code process}, {@code generate}, {@code run}, {@code chat}).
 */
final class FrameSamplingOptions {
    @Option(names = "--num-frames", paramLabel = "N",
            description = "Frames per video, spread uniformly: np.arange(0, T, T / N).astype(int) (default "
                    + ChatOptions.DEFAULT_NUM_FRAMES + ").")
    Integer numFrames;

    @Option(names = "--fps", paramLabel = "F", description = "F frames per second of video: N = int(T / video_fps * F).")
    Double fps;

    /**
     * The frames of a video item: {@code --num-frames} or {@code --fps} (not both), else
     * {@value ChatOptions#DEFAULT_NUM_FRAMES} uniform frames.
     *
     * @throws VlmException (usage) if both are given or one is out of range
     */
    FrameSampling sampling() {
        if (numFrames != null && fps != null) {
            throw new VlmException(ErrorCode.INVALID_ARGUMENT,
                    "`num_frames` and `fps` are mutually exclusive arguments, please use only one!");
        }
        try {
            if (fps != null) {
                return FrameSampling.fps(fps);
            }
            return FrameSampling.uniform(numFrames != null ? numFrames : ChatOptions.DEFAULT_NUM_FRAMES);
        } catch (IllegalArgumentException e) {
            throw new VlmException(ErrorCode.INVALID_ARGUMENT, e.getMessage(), e);
        }
    }
}

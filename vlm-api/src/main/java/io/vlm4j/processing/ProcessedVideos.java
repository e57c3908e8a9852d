package io.vlm4j.processing;

import io.vlm4j.tensor.HostTensor;
import java.util.Objects;

/**
 * What a video processor produced for a list of videos, with the shape-deciding numbers as Java ints.
 *
 * @param pixelValuesVideos float32 {@code [videos, frames, 3, H, W]} ({@code pixel_values_videos})
 * @param framesPerVideo the frames of each video
 */
public record ProcessedVideos(HostTensor pixelValuesVideos, int[] framesPerVideo) {
    public ProcessedVideos {
        Objects.requireNonNull(pixelValuesVideos, "pixelValuesVideos");
        framesPerVideo = framesPerVideo.clone();
    }

    @Override
    public int[] framesPerVideo() {
        return framesPerVideo.clone();
    }
}

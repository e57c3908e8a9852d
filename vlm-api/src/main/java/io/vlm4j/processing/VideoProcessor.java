package io.vlm4j.processing;

import io.vlm4j.media.VideoFrames;
import java.util.List;

/**
 * Turns decoded video frames into a model's {@code pixel_values_videos} as an HF video processor does.
 * Immutable and thread-safe.
 */
public interface VideoProcessor {
    /** Processes videos, in order. */
    ProcessedVideos preprocess(List<VideoFrames> videos);
}

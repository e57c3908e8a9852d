package io.vlm4j.models.processing;

import io.vlm4j.media.RgbImage;
import io.vlm4j.media.VideoFrames;
import java.util.List;

/**
 * The images and videos one prompt is processed with, each kind in the order of its placeholders, with the
 * request's media item each comes from ({@link io.vlm4j.processing.MediaItem#sourceIndex()}).
 *
 * <p>Immutable.
 *
 * @param images the images
 * @param imageSources the source index of each image
 * @param videos the videos
 * @param videoSources the source index of each video
 */
public record MediaInputs(List<RgbImage> images, List<Integer> imageSources, List<VideoFrames> videos,
        List<Integer> videoSources) {
    public MediaInputs {
        images = List.copyOf(images);
        imageSources = List.copyOf(imageSources);
        videos = List.copyOf(videos);
        videoSources = List.copyOf(videoSources);
        if (images.size() != imageSources.size() || videos.size() != videoSources.size()) {
            throw new IllegalArgumentException("one source index per image and per video is needed");
        }
    }
}

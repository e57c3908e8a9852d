package io.vlm4j.models.processing;

import io.vlm4j.tensor.HostTensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a family's processor made of a batch's images and videos: the pixel tensors under HF's names (in HF's
 * order) and one {@link MediaExpansion} per image and per video, in the order they were given.
 *
 * <p>Immutable.
 *
 * @param tensors the pixel tensors ({@code pixel_values}, {@code image_sizes}, {@code pixel_values_videos}, …)
 * @param images one per image
 * @param videos one per video
 */
public record ProcessedMedia(Map<String, HostTensor> tensors, List<MediaExpansion> images,
        List<MediaExpansion> videos) {
    public ProcessedMedia {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        images = List.copyOf(images);
        videos = List.copyOf(videos);
    }

    /** No media. */
    public static ProcessedMedia none() {
        return new ProcessedMedia(Map.of(), List.of(), List.of());
    }
}

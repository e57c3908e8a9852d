package io.vlm4j.models.processing;

import io.vlm4j.media.RgbImage;
import io.vlm4j.media.VideoFrames;
import io.vlm4j.processing.MediaKind;
import java.util.Objects;

/**
 * One media item of a conversation after decoding, with its place among the conversation's media.
 *
 * <p>Immutable.
 *
 * @param kind image or video
 * @param image the pixels of an image, or {@code null}
 * @param video the frames of a video, or {@code null}
 * @param sourceIndex its position among the request's media items (images and videos together, message order)
 */
public record DecodedMedia(MediaKind kind, RgbImage image, VideoFrames video, int sourceIndex) {
    public DecodedMedia {
        Objects.requireNonNull(kind, "kind");
        if ((kind == MediaKind.IMAGE) != (image != null) || (kind == MediaKind.VIDEO) != (video != null)) {
            throw new IllegalArgumentException("a decoded " + kind.word() + " needs exactly its own pixels");
        }
    }

    /** A decoded image. */
    public static DecodedMedia image(RgbImage image, int sourceIndex) {
        return new DecodedMedia(MediaKind.IMAGE, image, null, sourceIndex);
    }

    /** Decoded video frames. */
    public static DecodedMedia video(VideoFrames video, int sourceIndex) {
        return new DecodedMedia(MediaKind.VIDEO, null, video, sourceIndex);
    }
}

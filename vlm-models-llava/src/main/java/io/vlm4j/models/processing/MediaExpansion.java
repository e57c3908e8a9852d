package io.vlm4j.models.processing;

import io.vlm4j.processing.AnyresLayout;
import io.vlm4j.processing.ImageSize;
import java.util.Objects;

/**
 * What one image or video becomes in a family's processor: its geometry and the number of placeholder tokens its
 * {@code <image>} or {@code <video>} expands to. The base ({@link ProcessorMixin}) adds where the tokens land.
 *
 * <p>Immutable.
 *
 * @param originalSize an image's size before processing, a video's frame size
 * @param processedSize the height and width of each patch or frame in the pixel tensor
 * @param patches the pictures the vision tower sees for it (see {@link io.vlm4j.processing.MediaItem#patches()})
 * @param frames a video's frames, 1 for an image
 * @param anyres an anyres image's tiling, or {@code null}
 * @param tokenCount the placeholder tokens
 */
public record MediaExpansion(ImageSize originalSize, ImageSize processedSize, int patches, int frames,
        AnyresLayout anyres, int tokenCount) {
    public MediaExpansion {
        Objects.requireNonNull(originalSize, "originalSize");
        Objects.requireNonNull(processedSize, "processedSize");
        if (tokenCount < 1) {
            throw new IllegalArgumentException("a media item needs at least one placeholder token, got "
                    + tokenCount);
        }
    }

    /** A fixed-size image (one patch, no tiling). */
    public static MediaExpansion image(ImageSize originalSize, ImageSize processedSize, int tokenCount) {
        return new MediaExpansion(originalSize, processedSize, 1, 1, null, tokenCount);
    }

    /** A video of {@code frames} frames. */
    public static MediaExpansion video(ImageSize frameSize, ImageSize processedSize, int frames, int tokenCount) {
        return new MediaExpansion(frameSize, processedSize, frames, frames, null, tokenCount);
    }
}

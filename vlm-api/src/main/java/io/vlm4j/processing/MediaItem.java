package io.vlm4j.processing;

import java.util.Objects;
import java.util.Optional;

/**
 * One image or video of a processed batch, with every number that decides a shape as a Java int: where its
 * pixels are, how it was tiled, and where and how many placeholder tokens it expanded to. Model code reads these
 * instead of tensor values (where HF calls {@code .tolist()} on {@code image_sizes}).
 *
 * <p>Items are listed in prompt order: by {@code batchIndex}, then {@code tokenOffset}.
 *
 * <p>Immutable.
 *
 * @param kind image or video
 * @param batchIndex the prompt (row of {@code input_ids}) it belongs to
 * @param index its position among the items of its kind in the batch: its row of {@code pixel_values} (or
 *     Video-LLaVA's {@code pixel_values_images}) and {@code image_sizes} for an image, of {@code pixel_values_videos}
 *     for a video
 * @param sourceIndex the media input it comes from, counting a request's images and videos together in message
 *     order (in the raw form: images first, then videos); LLaVA-Interleave's frame images share their video's
 * @param originalSize an image's size before processing (its {@code image_sizes} row), a video's frame size
 * @param processedSize the height and width of each patch or frame in the pixel tensor
 * @param patches the pictures of {@code processedSize} the vision tower sees for it: 1 + tiles for an anyres image
 *     (its real rows of {@code pixel_values}' patch axis; the rest of that axis is zero padding), 1 for a
 *     fixed-size image, the frames for a video
 * @param frames a video's frames; 1 for an image
 * @param anyres the tiling of an anyres image, or {@code null} (fixed-size images, videos)
 * @param tokenId the placeholder token's id ({@code image_token_index} or {@code video_token_index})
 * @param tokenCount the placeholder tokens it expanded to: exactly the features the model produces for it
 * @param tokenOffset the position of its first placeholder token in its row of {@code input_ids} (padding
 *     included); its tokens are {@code tokenOffset .. tokenOffset + tokenCount - 1}
 */
public record MediaItem(MediaKind kind, int batchIndex, int index, int sourceIndex, ImageSize originalSize,
        ImageSize processedSize, int patches, int frames, AnyresLayout anyres, int tokenId, int tokenCount,
        int tokenOffset) {
    public MediaItem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(originalSize, "originalSize");
        Objects.requireNonNull(processedSize, "processedSize");
        if (batchIndex < 0 || index < 0 || sourceIndex < 0 || tokenOffset < 0) {
            throw new IllegalArgumentException("negative position in " + kind.word() + " item: batch " + batchIndex
                    + ", index " + index + ", source " + sourceIndex + ", token offset " + tokenOffset);
        }
        if (patches < 1 || frames < 1 || tokenCount < 1) {
            throw new IllegalArgumentException(kind.word() + " item needs patches, frames and tokens >= 1, got "
                    + patches + ", " + frames + ", " + tokenCount);
        }
        if (kind == MediaKind.IMAGE && frames != 1) {
            throw new IllegalArgumentException("an image item has 1 frame, got " + frames);
        }
        if (kind == MediaKind.VIDEO && anyres != null) {
            throw new IllegalArgumentException("a video item has no anyres layout");
        }
    }

    /** The anyres layout, if this is an anyres image. */
    public Optional<AnyresLayout> optAnyres() {
        return Optional.ofNullable(anyres);
    }

    /** The position after its last placeholder token. */
    public int tokenEnd() {
        return tokenOffset + tokenCount;
    }
}

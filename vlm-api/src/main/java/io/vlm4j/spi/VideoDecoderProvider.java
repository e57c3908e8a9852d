package io.vlm4j.spi;

import io.vlm4j.media.MediaSource;
import io.vlm4j.media.RgbImage;
import io.vlm4j.media.VideoDecoder;

/**
 * Opens videos and decodes still images.
 *
 * <p>Ids: a decoder name ({@code ffmpeg}). Thread-safe.
 */
public interface VideoDecoderProvider extends Provider<VideoDecoderProvider.Capability> {
    /** The version of this SPI; a provider returns it from {@link #spiVersion()}. */
    int SPI_VERSION = 1;

    /** Sources and features a decoder may support. */
    enum Capability {
        /** Local files. */
        FILES,
        /** {@code http(s)} URLs. */
        URLS,
        /** Bytes in memory. */
        BYTES,
        /** Still images (PNG, JPEG, WebP, BMP, GIF first frame). */
        IMAGES
    }

    /**
     * Opens a video.
     *
     * @throws io.vlm4j.VideoDecodeException naming the source and the reason if it cannot be opened
     */
    VideoDecoder open(MediaSource source);

    /**
     * Decodes a still image to RGB as PIL's {@code convert("RGB")} does.
     *
     * @throws io.vlm4j.ImageDecodeException naming the source and the reason if it cannot be decoded
     */
    RgbImage decodeImage(MediaSource source);
}

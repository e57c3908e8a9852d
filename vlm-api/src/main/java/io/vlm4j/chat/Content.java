package io.vlm4j.chat;

import io.vlm4j.media.FrameSampling;
import io.vlm4j.media.MediaSource;
import io.vlm4j.media.RgbImage;
import io.vlm4j.media.VideoFrames;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One item of a message's content, as HF's chat format has them: text, an image or a video.
 *
 * <p>Media items carry either a source to decode (a path, URL or bytes) or already-decoded pixels.
 * Immutable.
 */
public sealed interface Content {
    /** The HF content type: {@code text}, {@code image} or {@code video}. */
    String type();

    /** A text item. */
    static Content text(String text) {
        return new Text(text);
    }

    /** An image file. */
    static Content image(Path path) {
        return new Image(MediaSource.of(path), null);
    }

    /** An image at an http(s) URL. */
    static Content image(URI url) {
        return new Image(MediaSource.of(url), null);
    }

    /** An image from any source. */
    static Content image(MediaSource source) {
        return new Image(source, null);
    }

    /** An already-decoded image. */
    static Content image(RgbImage image) {
        return new Image(null, image);
    }

    /** A video file, its frames chosen by the request's default sampling. */
    static Content video(Path path) {
        return new Video(MediaSource.of(path), null, null);
    }

    /** A video at an http(s) URL. */
    static Content video(URI url) {
        return new Video(MediaSource.of(url), null, null);
    }

    /** A video from any source, with its own frame sampling ({@code null}: the request's default). */
    static Content video(MediaSource source, FrameSampling sampling) {
        return new Video(source, null, sampling);
    }

    /** Already-decoded video frames. */
    static Content video(VideoFrames frames) {
        return new Video(null, frames, null);
    }

    /** Text. */
    record Text(String text) implements Content {
        public Text {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String type() {
            return "text";
        }
    }

    /**
     * An image: a source to decode, or decoded pixels (exactly one of the two).
     *
     * @param source where to read it, or {@code null}
     * @param decoded its pixels, or {@code null}
     */
    record Image(MediaSource source, RgbImage decoded) implements Content {
        public Image {
            if ((source == null) == (decoded == null)) {
                throw new IllegalArgumentException("an image item needs exactly one of a source and decoded pixels");
            }
        }

        /** The source, if it is not decoded yet. */
        public Optional<MediaSource> optSource() {
            return Optional.ofNullable(source);
        }

        @Override
        public String type() {
            return "image";
        }
    }

    /**
     * A video: a source to decode, or decoded frames (exactly one of the two).
     *
     * @param source where to read it, or {@code null}
     * @param decoded its frames, or {@code null}
     * @param sampling how to choose its frames; {@code null} for the request's default
     */
    record Video(MediaSource source, VideoFrames decoded, FrameSampling sampling) implements Content {
        public Video {
            if ((source == null) == (decoded == null)) {
                throw new IllegalArgumentException("a video item needs exactly one of a source and decoded frames");
            }
            if (decoded != null && sampling != null) {
                throw new IllegalArgumentException("decoded frames are already sampled: give no frame sampling");
            }
        }

        /** The source, if it is not decoded yet. */
        public Optional<MediaSource> optSource() {
            return Optional.ofNullable(source);
        }

        @Override
        public String type() {
            return "video";
        }
    }
}

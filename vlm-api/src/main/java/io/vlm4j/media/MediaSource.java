package io.vlm4j.media;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where an image or a video comes from: a file, an {@code http(s)} URL, or bytes in memory.
 *
 * <p>Immutable.
 */
public sealed interface MediaSource {
    /** A name for messages: the path, the URL, or the given name of the bytes. */
    String describe();

    /** A local file. */
    static MediaSource of(Path path) {
        return new File(path);
    }

    /** An {@code http} or {@code https} URL. */
    static MediaSource of(URI url) {
        return new Url(url);
    }

    /** Bytes in memory (not copied: the caller must not change them), named {@code name} in messages. */
    static MediaSource of(byte[] bytes, String name) {
        return new Bytes(bytes, name);
    }

    /**
     * Bytes read from a stream, named {@code name} in messages. The stream is read once, by the decoder that
     * opens this source, which closes it; it is not reusable.
     */
    static MediaSource of(InputStream stream, String name) {
        return new Stream(stream, name);
    }

    /** A local file. */
    record File(Path path) implements MediaSource {
        public File {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String describe() {
            return path.toString();
        }
    }

    /** An {@code http} or {@code https} URL. */
    record Url(URI url) implements MediaSource {
        public Url {
            Objects.requireNonNull(url, "url");
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("only http and https URLs are media sources, got " + url);
            }
        }

        @Override
        public String describe() {
            return url.toString();
        }
    }

    /** Bytes in memory. */
    record Bytes(byte[] bytes, String name) implements MediaSource {
        public Bytes {
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String describe() {
            return name + " (" + bytes.length + " bytes)";
        }
    }

    /** Bytes read once from a stream (the decoder reads it to its end and closes it). */
    record Stream(InputStream stream, String name) implements MediaSource {
        public Stream {
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String describe() {
            return name;
        }
    }
}

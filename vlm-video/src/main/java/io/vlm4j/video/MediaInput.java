package io.vlm4j.video;

import io.vlm4j.media.MediaSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Bytes that FFmpeg can open: a local file (opened by FFmpeg's {@code file} protocol) or an array in memory
 * (read through {@link MemoryInput}). URLs and streams become a temporary file that the owner deletes with
 * {@link #deleteTemporary()}. Immutable.
 *
 * @param file the file, or null for bytes
 * @param bytes the bytes, or null for a file
 * @param name the name of the source for messages
 * @param temporary whether {@code file} is a temporary copy to delete when done
 */
record MediaInput(Path file, byte[] bytes, String name, boolean temporary) {
    MediaInput {
        Objects.requireNonNull(name, "name");
        if ((file == null) == (bytes == null)) {
            throw new IllegalArgumentException("exactly one of file and bytes");
        }
    }

    static MediaInput of(Path file, String name) {
        return new MediaInput(file, null, name, false);
    }

    static MediaInput of(byte[] bytes, String name) {
        return new MediaInput(null, bytes, name, false);
    }

    /**
     * The input of a source: files and bytes as they are (checked to exist and hold something), URLs downloaded
     * and streams copied into a temporary file.
     *
     * @throws MediaFailure if the source cannot be read
     */
    static MediaInput of(MediaSource source, VideoDecodeOptions options) {
        String name = source.describe();
        if (source instanceof MediaSource.File f) {
            if (!Files.isRegularFile(f.path())) {
                throw new MediaFailure(Files.exists(f.path()) ? "not a regular file" : "no such file");
            }
            try {
                if (Files.size(f.path()) == 0) {
                    throw new MediaFailure("the file is empty (0 bytes)");
                }
            } catch (IOException e) {
                throw new MediaFailure("cannot read it (" + e + ")", e);
            }
            return of(f.path(), name);
        }
        if (source instanceof MediaSource.Bytes b) {
            if (b.bytes().length == 0) {
                throw new MediaFailure("no bytes (0 bytes)");
            }
            return of(b.bytes(), name);
        }
        if (source instanceof MediaSource.Url u) {
            return new MediaInput(Download.fetch(u.url(), options), null, name, true);
        }
        Path copy;
        try (InputStream in = ((MediaSource.Stream) source).stream()) {
            copy = Download.copy(in, options);
        } catch (IOException e) {
            throw new MediaFailure("closing the stream failed (" + e + ")", e);
        }
        return new MediaInput(copy, null, name, true);
    }

    /** Deletes the temporary copy, if this input is one. */
    void deleteTemporary() {
        if (temporary) {
            Download.delete(file);
        }
    }
}

package io.vlm4j.video;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Bytes that FFmpeg can open: a local file (opened by FFmpeg's {@code file} protocol) or an array in memory
 * (read through {@link MemoryInput}). Immutable.
 *
 * @param file the file, or null for bytes
 * @param bytes the bytes, or null for a file
 * @param name the name of the source for messages
 */
record MediaInput(Path file, byte[] bytes, String name) {
    MediaInput {
        Objects.requireNonNull(name, "name");
        if ((file == null) == (bytes == null)) {
            throw new IllegalArgumentException("exactly one of file and bytes");
        }
    }

    static MediaInput of(Path file, String name) {
        return new MediaInput(file, null, name);
    }

    static MediaInput of(byte[] bytes, String name) {
        return new MediaInput(null, bytes, name);
    }
}

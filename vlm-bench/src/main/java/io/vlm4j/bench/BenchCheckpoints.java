package io.vlm4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The random-weight checkpoints of the benchmarks, written once into {@code java.io.tmpdir/vlm4j-bench} and reused
 * by later runs; a {@code .complete} marker, written last, tells a finished checkpoint from one a killed run left.
 */
final class BenchCheckpoints {
    private BenchCheckpoints() {}

    /** Writes a checkpoint into an empty or half-written folder. */
    interface Writer {
        void write(Path dir) throws IOException;
    }

    /** The checkpoint folder {@code name}, written by {@code writer} if no run has finished it yet. */
    static Path cached(String name, Writer writer) throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "vlm4j-bench", name);
        Path done = dir.resolve(".complete");
        if (!Files.exists(done)) {
            writer.write(dir);
            Files.createFile(done);
        }
        return dir;
    }
}

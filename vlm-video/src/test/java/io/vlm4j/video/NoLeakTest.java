package io.vlm4j.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.VideoDecodeException;
import io.vlm4j.media.FrameSampling;
import io.vlm4j.media.MediaSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening and failing on bad files hundreds of times, and decoding good ones, frees every native resource: neither
 * JavaCPP's native memory nor the process's open file descriptors grow.
 */
class NoLeakTest {
    private static final int ROUNDS = 30;
    /** JavaCPP-tracked allocations must return to where they were (a leaked pointer would stay counted). */
    private static final long TOTAL_BYTES_SLACK = 1L << 20;
    /**
     * Resident memory also holds Java heap pages and JIT code that come and go; a leaked demuxer (its probe
     * buffer alone is 1 MB) or decoder times 400 opens would exceed this by far.
     */
    private static final long PHYSICAL_BYTES_SLACK = 96L << 20;
    /** A descriptor may be opened lazily by the JVM itself (class loading, /dev/random). */
    private static final long FD_SLACK = 3;

    @TempDir
    Path dir;

    @Test
    @EnabledOnOs(OS.LINUX)
    void failingHundredsOfTimesLeaksNoNativeMemoryAndNoFileDescriptors() throws IOException {
        List<BadVideos.Bad> bad = new ArrayList<>(BadVideos.make(dir).values());
        List<byte[]> inMemory = new ArrayList<>();
        for (BadVideos.Bad b : bad) {
            inMemory.add(Files.readAllBytes(b.file()));
        }
        round(bad, inMemory);
        round(bad, inMemory);
        System.gc();
        long total = Pointer.totalBytes();
        long physical = Pointer.physicalBytes();
        long fds = openFileDescriptors();
        for (int i = 0; i < ROUNDS; i++) {
            round(bad, inMemory);
        }
        System.gc();
        assertThat(Pointer.totalBytes() - total).as("growth of JavaCPP's native bytes after %d failures",
                ROUNDS * bad.size() * 2).isLessThan(TOTAL_BYTES_SLACK);
        assertThat(Pointer.physicalBytes() - physical).as("growth of resident bytes").isLessThan(PHYSICAL_BYTES_SLACK);
        assertThat(openFileDescriptors() - fds).as("growth of open file descriptors").isLessThanOrEqualTo(FD_SLACK);
    }

    private static void round(List<BadVideos.Bad> bad, List<byte[]> inMemory) {
        for (int i = 0; i < bad.size(); i++) {
            BadVideos.Bad b = bad.get(i);
            byte[] bytes = inMemory.get(i);
            assertThatThrownBy(() -> openAndDecode(MediaSource.of(b.file()))).isInstanceOf(VideoDecodeException.class);
            assertThatThrownBy(() -> openAndDecode(MediaSource.of(bytes, b.name())))
                    .isInstanceOf(VideoDecodeException.class);
        }
        openAndDecode(MediaSource.of(BadVideos.good()));
    }

    private static void openAndDecode(MediaSource source) {
        try (FfmpegVideoDecoder d = FfmpegVideoDecoder.open(source)) {
            d.decode(FrameSampling.uniform(Math.min(8, d.metadata().totalFrames())));
        }
    }

    private static long openFileDescriptors() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

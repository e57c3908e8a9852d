package io.vlm4j.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.vlm4j.VideoDecodeException;
import io.vlm4j.media.FrameSampling;
import io.vlm4j.media.MediaSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each damaged file gives a typed error naming the file and the reason, in bounded time; nothing crashes. */
class BadInputTest {
    /** Generous: every case fails in milliseconds; a hang or a decode of 400 million pixels would not. */
    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    private static Map<String, BadVideos.Bad> corpus;

    @BeforeAll
    static void makeCorpus() {
        corpus = BadVideos.make(dir);
    }

    static List<String> names() {
        return List.of("empty", "text", "truncated", "truncated-data", "corrupt", "zero-frames", "zero-frames-mp4", "audio-only",
                "unknown-codec", "huge");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void aBadFileGivesAVideoDecodeExceptionNamingItAndTheReason(String name) {
        BadVideos.Bad bad = corpus.get(name);
        assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> {
            try (FfmpegVideoDecoder d = FfmpegVideoDecoder.open(MediaSource.of(bad.file()))) {
                d.decode(FrameSampling.uniform(Math.min(8, d.metadata().totalFrames())));
            }
        }).isInstanceOf(VideoDecodeException.class)
                .hasMessageContaining(bad.file().toString())
                .hasMessageContaining(bad.reason()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void aBadFileInMemoryGivesTheSameError(String name) throws Exception {
        BadVideos.Bad bad = corpus.get(name);
        byte[] bytes = Files.readAllBytes(bad.file());
        assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> {
            try (FfmpegVideoDecoder d = FfmpegVideoDecoder.open(MediaSource.of(bytes, name))) {
                d.decode(FrameSampling.uniform(Math.min(8, d.metadata().totalFrames())));
            }
        }).isInstanceOf(VideoDecodeException.class)
                .hasMessageContaining(name)
                .hasMessageContaining(bad.reason()));
    }
}

package io.vlm4j.video;

import static org.assertj.core.api.Assertions.assertThat;

import io.vlm4j.media.FrameSampling;
import io.vlm4j.media.MediaSource;
import io.vlm4j.media.RgbImage;
import io.vlm4j.media.VideoFrames;
import io.vlm4j.media.VideoMetadata;
import io.vlm4j.spi.VideoDecoderProvider;
import io.vlm4j.testkit.GoldenData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What containers say and what the decoder establishes: counts, rates, rotation, timestamps, sources. */
class ContainerTest {
    @TempDir
    Path dir;

    private static Path golden(String name) {
        return GoldenData.golden().resolve("videos").resolve(name);
    }

    private static List<RgbImage> all(Path video) {
        try (FfmpegVideoDecoder d = FfmpegVideoDecoder.open(MediaSource.of(video))) {
            return d.decode(FrameSampling.indices(IntStream.range(0, d.metadata().totalFrames()).toArray()))
                    .frames();
        }
    }

    @Test
    void aMatroskaWithoutAFrameCountIsCountedFromItsPackets() {
        try (FfmpegVideoDecoder d = FfmpegVideoDecoder.open(MediaSource.of(golden("clip_vp9.mkv")))) {
            assertThat(d.metadata().containerFrames()).isZero();
            assertThat(d.metadata().totalFrames()).isEqualTo(120);
            assertThat(d.metadata().frameCountSource()).isEqualTo(VideoMetadata.FrameCountSource.PACKETS);
        }
    }

    @Test
    void aMatroskaRemuxWithMillisecondTimestampsKeepsEveryFrame() {
        Path mkv = dir.resolve("ntsc.mkv");
        Remux.remux(golden("clip_ntsc.mp4"), mkv, "matroska", Integer.MAX_VALUE, null, 0);
        try (FfmpegVideoDecoder d = FfmpegVideoDecoder.open(MediaSource.of(mkv))) {
            assertThat(d.metadata().totalFrames()).isEqualTo(90);
            assertThat(d.metadata().frameCountSource()).isEqualTo(VideoMetadata.FrameCountSource.PACKETS);
            // 1 ms timestamps: frame 1 is at 0.033 s, not 1001/30000 s
            assertThat(d.frameSeconds(1)).isEqualTo(0.033);
        }
        assertThat(all(mkv)).isEqualTo(all(golden("clip_ntsc.mp4")));
    }

    @Test
    void aDisplayRotationIsReportedAndNotApplied() {
        Path rotated = dir.resolve("rotated.mp4");
        Remux.remux(golden("cat_pan.mp4"), rotated, "mp4", Integer.MAX_VALUE, null, 90);
        try (FfmpegVideoDecoder d = FfmpegVideoDecoder.open(MediaSource.of(rotated));
                FfmpegVideoDecoder plain = FfmpegVideoDecoder.open(MediaSource.of(golden("cat_pan.mp4")))) {
            // av_display_rotation_set(90): a 90 degree clockwise turn for display, FFmpeg's old "rotate" tag
            assertThat(d.metadata().rotationDegrees()).isEqualTo(90);
            assertThat(plain.metadata().rotationDegrees()).isZero();
            assertThat(d.metadata().width()).isEqualTo(320);
            assertThat(d.decode(FrameSampling.uniform(4))).isEqualTo(plain.decode(FrameSampling.uniform(4)));
        }
    }

    @Test
    void timestampsArePresentationTimesInSeconds() {
        try (FfmpegVideoDecoder d = FfmpegVideoDecoder.open(MediaSource.of(golden("clip_ntsc.mp4")))) {
            VideoFrames f = d.decode(FrameSampling.indices(0, 1, 89));
            assertThat(f.timestamps()).containsExactly(0.0, 1001.0 / 30000, 89 * 1001.0 / 30000);
        }
    }

    @Test
    void bytesStreamsAndFilesDecodeAlike() throws Exception {
        Path video = golden("clip_h264.mp4");
        byte[] bytes = Files.readAllBytes(video);
        VideoFrames fromFile;
        try (FfmpegVideoDecoder d = FfmpegVideoDecoder.open(MediaSource.of(video))) {
            fromFile = d.decode(FrameSampling.uniform(8));
        }
        try (FfmpegVideoDecoder d = FfmpegVideoDecoder.open(MediaSource.of(bytes, "clip"))) {
            assertThat(d.decode(FrameSampling.uniform(8))).isEqualTo(fromFile);
        }
        try (FfmpegVideoDecoder d = FfmpegVideoDecoder.open(MediaSource.of(Files.newInputStream(video), "s"),
                VideoDecodeOptions.defaults().withTempDir(dir))) {
            assertThat(d.decode(FrameSampling.uniform(8))).isEqualTo(fromFile);
        }
        try (var s = Files.list(dir)) {
            assertThat(s.count()).as("temporary copies left behind").isZero();
        }
    }

    @Test
    void framesStreamToTheSinkOneAtATimeInOrder() {
        try (FfmpegVideoDecoder d = FfmpegVideoDecoder.open(MediaSource.of(golden("cat_pan.mp4")))) {
            java.util.List<Integer> seen = new java.util.ArrayList<>();
            d.decode(FrameSampling.uniform(8), (index, seconds, frame) -> {
                assertThat(frame.width()).isEqualTo(320);
                seen.add(index);
            });
            assertThat(seen).containsExactly(0, 9, 18, 28, 37, 46, 56, 65);
        }
    }

    @Test
    void aSinkThatThrowsStopsTheDecodeAndTheDecoderStaysUsable() {
        for (int threads : new int[] {1, 2}) {
            try (FfmpegVideoDecoder d = FfmpegVideoDecoder.open(MediaSource.of(golden("clip_h264.mp4")),
                    VideoDecodeOptions.defaults().withThreads(threads))) {
                VideoFrames expected = d.decode(FrameSampling.uniform(16));
                java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.decode(FrameSampling.uniform(16),
                        (k, s, f) -> {
                            if (seen.incrementAndGet() == 5) {
                                throw new IllegalStateException("sink stops");
                            }
                        })).hasMessage("sink stops");
                assertThat(d.decode(FrameSampling.uniform(16))).as("threads %d", threads).isEqualTo(expected);
            }
        }
    }

    @Test
    void theProviderIsFoundByIdAndDecodesImagesToo() {
        VideoDecoderProvider p = ServiceLoader.load(VideoDecoderProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(x -> x.ids().contains("ffmpeg")).findFirst().orElseThrow();
        assertThat(p.spiVersion()).isEqualTo(VideoDecoderProvider.SPI_VERSION);
        assertThat(p.capabilities()).contains(VideoDecoderProvider.Capability.IMAGES);
        try (var d = p.open(MediaSource.of(golden("cat_pan.mp4")))) {
            assertThat(d.metadata().totalFrames()).isEqualTo(75);
        }
        assertThat(p.decodeImage(MediaSource.of(GoldenData.golden().resolve("images/chelsea.png"))).width())
                .isEqualTo(451);
    }
}

package io.vlm4j.video;

import static org.assertj.core.api.Assertions.assertThat;

import io.vlm4j.media.FrameSampling;
import io.vlm4j.media.MediaSource;
import io.vlm4j.media.RgbImage;
import io.vlm4j.media.VideoFrames;
import io.vlm4j.testkit.GoldenData;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeking to a keyframe and decoding forward gives, for every frame of every golden video (B-frames in
 * clip_h264.mp4, NTSC 30000/1001 timing in clip_ntsc.mp4, VP9 in Matroska), the bytes that decoding from the start
 * gives.
 */
class SeekEqualsSequentialTest {
    static List<Path> videos() {
        return GoldenVideos.allVideoFiles();
    }

    private static List<RgbImage> sequential(Path video) {
        VideoDecodeOptions seeds = VideoDecodeOptions.defaults().withThreads(1)
                .withStrategy(VideoDecodeOptions.Strategy.SEQUENTIAL);
        try (FfmpegVideoDecoder d = FfmpegVideoDecoder.open(MediaSource.of(video), seeds)) {
            int t = d.metadata().totalFrames();
            return d.decode(FrameSampling.indices(IntStream.range(0, t).toArray())).frames();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("videos")
    void eachFrameAloneEqualsTheSequentialFrame(Path video) {
        List<RgbImage> expected = sequential(video);
        try (FfmpegVideoDecoder d = FfmpegVideoDecoder.open(MediaSource.of(video))) {
            assertThat(d.metadata().totalFrames()).as("%s frame count", video.getFileName())
                    .isEqualTo(expected.size());
            for (int k = 0; k < expected.size(); k++) {
                RgbImage frame = d.decode(FrameSampling.indices(k)).frames().get(0);
                assertThat(frame.equals(expected.get(k))).as("%s frame %d", video.getFileName(), k).isTrue();
            }
            assertThat(d.stats().fallbacks.sum()).as("%s decodes that fell back to the start", video.getFileName())
                    .isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("videos")
    void aLateFrameAloneDecodesOnlyItsKeyframeStretch(Path video) {
        try (FfmpegVideoDecoder d = FfmpegVideoDecoder.open(MediaSource.of(video))) {
            int t = d.metadata().totalFrames();
            d.stats().reset();
            d.decode(FrameSampling.indices(t - 2));
            assertThat(d.stats().packetsDecoded.sum()).as("%s packets decoded for frame %d: %s", video.getFileName(),
                    t - 2, d.stats()).isLessThan(t / 2);
            assertThat(d.stats().converted.sum()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("videos")
    void sparseAndDenseSamplingsEqualTheSequentialFrames(Path video) {
        List<RgbImage> expected = sequential(video);
        int t = expected.size();
        for (int threads : new int[] {1, 2, 3}) {
            VideoDecodeOptions options = VideoDecodeOptions.defaults().withThreads(threads);
            try (FfmpegVideoDecoder d = FfmpegVideoDecoder.open(MediaSource.of(video), options)) {
                for (int step : new int[] {1, 2, 5, 13, 31}) {
                    int[] indices = IntStream.iterate(step / 2, i -> i < t, i -> i + step).toArray();
                    VideoFrames frames = d.decode(FrameSampling.indices(indices));
                    for (int i = 0; i < indices.length; i++) {
                        assertThat(frames.frames().get(i).equals(expected.get(indices[i])))
                                .as("%s threads %d step %d frame %d", video.getFileName(), threads, step, indices[i])
                                .isTrue();
                    }
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void unwantedNonReferenceBFramesAreNotDecoded() {
        Path video = GoldenData.golden().resolve("videos/clip_h264.mp4");
        try (FfmpegVideoDecoder d = FfmpegVideoDecoder.open(MediaSource.of(video))) {
            d.stats().reset();
            d.decode(FrameSampling.uniform(8));
            assertThat(d.stats().nonReferenceSkipped.sum()).as("%s", d.stats()).isPositive();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("videos")
    void framesComeInTheOrderAskedForWithRepeats(Path video) {
        List<RgbImage> expected = sequential(video);
        int t = expected.size();
        int[] indices = {t - 1, 0, t / 2, t / 2, 1, t - 1};
        try (FfmpegVideoDecoder d = FfmpegVideoDecoder.open(MediaSource.of(video))) {
            VideoFrames frames = d.decode(FrameSampling.indices(indices));
            assertThat(frames.indices()).containsExactly(indices);
            for (int i = 0; i < indices.length; i++) {
                assertThat(frames.frames().get(i).equals(expected.get(indices[i])))
                        .as("%s position %d frame %d", video.getFileName(), i, indices[i]).isTrue();
            }
        }
    }
}

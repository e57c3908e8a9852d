package io.vlm4j.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vlm4j.media.FrameSampling;
import io.vlm4j.media.MediaSource;
import io.vlm4j.media.VideoFrames;
import io.vlm4j.media.VideoMetadata;
import io.vlm4j.safetensors.SafeTensors;
import io.vlm4j.tensor.HostTensor;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every video item of the golden cases: HF's indices, PyAV's frames to the byte, the metadata of sampling.json. */
class GoldenFramesTest {
    /** sampling.json writes fps and duration as Python floats: the same doubles. */
    private static final double EXACT = 0.0;

    static List<GoldenVideos.Item> items() {
        return GoldenVideos.items();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("items")
    void decodesTheGoldenIndicesToTheGoldenBytes(GoldenVideos.Item item) {
        try (FfmpegVideoDecoder decoder = FfmpegVideoDecoder.open(MediaSource.of(item.video()));
                SafeTensors expected = SafeTensors.open(item.expectedFrames())) {
            int n = item.sampling().get("num_frames").asInt();
            VideoFrames frames = decoder.decode(FrameSampling.uniform(n));
            long[] goldenIndices = expected.get("indices").toLongs();
            assertThat(frames.indices()).as("%s indices", item).containsExactly(toInts(goldenIndices));
            assertThat(frames.indices()).as("%s indices vs sampling.json", item)
                    .containsExactly(item.sampling().get("indices").asIntArray());
            HostTensor golden = expected.get("frames");
            HostTensor actual = frames.toTensor();
            assertThat(actual.shape()).as("%s frames shape", item).containsExactly(golden.shape());
            byte[] a = actual.toBytes();
            byte[] g = golden.toBytes();
            assertThat(firstDifference(a, g)).as("%s: first differing byte of 'frames' (frame %s)", item,
                    firstDifference(a, g) / Math.max(1, a.length / Math.max(1, frames.count()))).isEqualTo(-1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("items")
    void reportsTheMetadataOfSamplingJson(GoldenVideos.Item item) {
        try (FfmpegVideoDecoder decoder = FfmpegVideoDecoder.open(MediaSource.of(item.video()))) {
            VideoMetadata m = decoder.metadata();
            assertThat(m.totalFrames()).as("%s total_frames", item).isEqualTo(item.sampling().get("total_frames")
                    .asInt());
            assertThat(m.containerFrames()).as("%s container_frames", item)
                    .isEqualTo(item.sampling().get("container_frames").asLong());
            assertThat(m.fps()).as("%s fps", item).isCloseTo(item.sampling().get("fps").asDouble(), within(EXACT));
            assertThat(m.durationSeconds()).as("%s duration", item)
                    .isCloseTo(item.sampling().get("duration").asDouble(), within(EXACT));
            assertThat(m.width()).as("%s width", item).isEqualTo(item.sampling().get("width").asInt());
            assertThat(m.height()).as("%s height", item).isEqualTo(item.sampling().get("height").asInt());
            assertThat(m.codec()).as("%s codec", item).isEqualTo(item.sampling().get("codec").asString());
            assertThat(m.frameCountSource()).as("%s frame count source", item).isEqualTo(
                    m.containerFrames() == m.totalFrames() ? VideoMetadata.FrameCountSource.CONTAINER
                            : VideoMetadata.FrameCountSource.PACKETS);
        }
    }

    static int firstDifference(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return i;
            }
        }
        return a.length == b.length ? -1 : n;
    }

    static int[] toInts(long[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.toIntExact(v[i]);
        }
        return out;
    }
}

package io.vlm4j.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The media values added for video decoding: time ranges, frame timestamps, container counts, streams. */
class MediaValuesTest {
    private static final RgbImage PIXEL = new RgbImage(1, 1, new byte[3]);

    @Test
    void aTimeRangeNeedsFiniteOrderedBoundsAndAFrame() {
        assertThat(FrameSampling.timeRange(1.0, 2.0, 4)).isEqualTo(new FrameSampling.TimeRange(1.0, 2.0, 4));
        assertThatThrownBy(() -> FrameSampling.timeRange(2.0, 1.0, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FrameSampling.timeRange(0, Double.NaN, 4))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FrameSampling.timeRange(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void framesCarryOneTimestampEachAndUnknownOnesAreNaN() {
        VideoFrames timed = new VideoFrames(List.of(PIXEL, PIXEL), new int[] {3, 7}, new double[] {0.12, 0.28});
        assertThat(timed.timestamps()).containsExactly(0.12, 0.28);
        assertThat(new VideoFrames(List.of(PIXEL), new int[] {3}).timestamps()[0]).isNaN();
        assertThatThrownBy(() -> new VideoFrames(List.of(PIXEL), new int[] {3}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timestamps");
        assertThat(timed).isNotEqualTo(new VideoFrames(List.of(PIXEL, PIXEL), new int[] {3, 7}));
    }

    @Test
    void metadataKeepsTheContainersCountBesideTheEstablishedOne() {
        VideoMetadata m = new VideoMetadata(120, 24, 5, 256, 192, "vp9", 0,
                VideoMetadata.FrameCountSource.PACKETS, 0);
        assertThat(m.containerFrames()).isZero();
        assertThat(new VideoMetadata(75, 25, 3, 320, 212, "h264", 0, VideoMetadata.FrameCountSource.CONTAINER)
                .containerFrames()).isEqualTo(75);
    }

    @Test
    void aStreamSourceIsNamedByItsName() {
        assertThat(MediaSource.of(new ByteArrayInputStream(new byte[1]), "upload").describe()).isEqualTo("upload");
    }
}

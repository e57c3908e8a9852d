package io.vlm4j.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.ErrorKind;
import io.vlm4j.VlmException;
import io.vlm4j.media.FrameSampling;
import org.junit.jupiter.api.Test;

/** HF's (numpy's) frame selection, to the index. */
class SamplerTest {
    private static int[] sample(FrameSampling s, int total, double fps) {
        return Sampler.indices(s, total, fps, k -> k / fps, "clip.mp4");
    }

    @Test
    void uniformIsNumpyArangeTruncated() {
        assertThat(sample(FrameSampling.uniform(8), 75, 25)).containsExactly(0, 9, 18, 28, 37, 46, 56, 65);
        assertThat(sample(FrameSampling.uniform(8), 90, 29.97)).containsExactly(0, 11, 22, 33, 45, 56, 67, 78);
        assertThat(sample(FrameSampling.uniform(3), 100, 25)).containsExactly(0, 33, 66);
    }

    @Test
    void uniformKeepsNumpysExtraIndexWhereTheStepRoundsDown() {
        // np.arange(0, 15, 15 / 13) has 14 elements: 15 / (15 / 13) = 13.000000000000002
        assertThat(sample(FrameSampling.uniform(13), 15, 25)).containsExactly(0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12,
                13, 14);
    }

    @Test
    void uniformRefusesAnIndexPastTheEndThatNumpyWouldProduce() {
        // np.arange(0, 17, 17 / 7) ends with 17.0: HF's reader would come back one frame short
        assertThatThrownBy(() -> sample(FrameSampling.uniform(7), 17, 25)).isInstanceOf(VlmException.class)
                .hasMessageContaining("past the last frame 16");
    }

    @Test
    void fpsSamplesIntOfFramesOverRateTimesFps() {
        // int(90 / 29.97002997 * 2) = 6
        assertThat(sample(FrameSampling.fps(2), 90, 30000.0 / 1001)).containsExactly(0, 15, 30, 45, 60, 75);
        assertThat(sample(FrameSampling.fps(1), 120, 24)).containsExactly(0, 24, 48, 72, 96);
    }

    @Test
    void moreFramesThanTheVideoHasFailsWithHfsMessage() {
        assertThatThrownBy(() -> sample(FrameSampling.uniform(76), 75, 25)).isInstanceOf(VlmException.class)
                .hasMessageContaining("Video can't be sampled. The `num_frames=76` exceeds `total_num_frames=75`.")
                .matches(e -> ((VlmException) e).kind() == ErrorKind.USAGE);
        assertThatThrownBy(() -> sample(FrameSampling.fps(30), 75, 25)).isInstanceOf(VlmException.class)
                .hasMessageContaining("The inferred `num_frames=90` exceeds `total_num_frames=75`.");
    }

    @Test
    void numFramesAndFpsTogetherFailWithHfsMessage() {
        assertThatThrownBy(() -> Sampler.checkExclusive(8, 1.0))
                .hasMessage("`num_frames` and `fps` are mutually exclusive arguments, please use only one!");
    }

    @Test
    void indicesAreKeptInTheirOrderAndCheckedAgainstTheLength() {
        assertThat(sample(FrameSampling.indices(5, 1, 5), 10, 25)).containsExactly(5, 1, 5);
        assertThatThrownBy(() -> sample(FrameSampling.indices(3, 10), 10, 25))
                .hasMessageContaining("frame index 10 is past the last frame 9");
    }

    @Test
    void aTimeRangeSamplesUniformlyAmongTheFramesShownInIt() {
        // frames at k / 25 s; [1.0 s, 2.0 s) holds frames 25..49
        assertThat(sample(FrameSampling.timeRange(1.0, 2.0, 5), 75, 25)).containsExactly(25, 30, 35, 40, 45);
        assertThatThrownBy(() -> sample(FrameSampling.timeRange(5.0, 6.0, 2), 75, 25))
                .hasMessageContaining("no frame is shown in");
        assertThatThrownBy(() -> sample(FrameSampling.timeRange(1.0, 1.1, 4), 75, 25))
                .hasMessageContaining("exceeds `total_num_frames=3`");
    }
}

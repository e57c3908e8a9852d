package io.vlm4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.safetensors.SafeTensors;
import io.vlm4j.testkit.GoldenData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code vlm frames} on every golden video item: the golden indices and bytes, sampling.json's metadata. */
class FramesCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(args, new PrintWriter(out), new PrintWriter(err));
    }

    static List<Arguments> items() {
        List<Arguments> items = new ArrayList<>();
        for (Path c : GoldenData.allCases(GoldenData.golden())) {
            Path sampling = c.resolve("sampling.json");
            if (Files.exists(sampling)) {
                List<ConfigNode> videos = ConfigNode.read(sampling).get("videos").elements();
                for (int k = 0; k < videos.size(); k++) {
                    items.add(Arguments.of(c.getParent().getFileName() + "/" + c.getFileName() + " video " + k, c, k,
                            videos.get(k)));
                }
            }
        }
        return items;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("items")
    void writesTheGoldenFramesAndPrintsTheGoldenMetadata(String name, Path caseDir, int k, ConfigNode sampling) {
        Path video = caseDir.resolve(sampling.get("path").asString()).normalize();
        Path file = dir.resolve("frames.safetensors");
        int code = run("frames", "--video", video.toString(), "--num-frames", "8", "--out", file.toString());
        assertThat(code).as("%s exit code; stderr: %s", name, err).isZero();
        Path expectedFile = caseDir.resolve("expected").resolve(k == 0 ? "frames.safetensors"
                : "frames_" + k + ".safetensors");
        try (SafeTensors actual = SafeTensors.open(file); SafeTensors expected = SafeTensors.open(expectedFile)) {
            assertThat(actual.get("indices").toLongs()).as("%s indices", name)
                    .containsExactly(expected.get("indices").toLongs());
            assertThat(actual.get("frames").shape()).as("%s frames shape", name)
                    .containsExactly(expected.get("frames").shape());
            assertThat(Arrays.equals(actual.get("frames").toBytes(), expected.get("frames").toBytes()))
                    .as("%s frames bytes", name).isTrue();
        }
        ConfigNode json = ConfigNode.parse(out.toString().trim(), "stdout");
        for (String key : new String[] {"total_frames", "container_frames", "width", "height"}) {
            assertThat(json.get(key).asLong()).as("%s %s", name, key).isEqualTo(sampling.get(key).asLong());
        }
        for (String key : new String[] {"fps", "duration"}) {
            assertThat(json.get(key).asDouble()).as("%s %s", name, key).isEqualTo(sampling.get(key).asDouble());
        }
        assertThat(json.get("codec").asString()).as("%s codec", name).isEqualTo(sampling.get("codec").asString());
        assertThat(json.get("indices").asIntArray()).as("%s indices", name)
                .containsExactly(sampling.get("indices").asIntArray());
        assertThat(json.get("timestamps").size()).isEqualTo(8);
        assertThat(out.toString().trim().lines().count()).as("one JSON object on one line").isEqualTo(1);
    }

    @Test
    void numFramesAndFpsTogetherIsBadUsageWithHfsMessage() {
        Path video = GoldenData.golden().resolve("videos/cat_pan.mp4");
        int code = run("frames", "--video", video.toString(), "--num-frames", "8", "--fps", "1", "--out",
                dir.resolve("x.safetensors").toString());
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("`num_frames` and `fps` are mutually exclusive arguments, please use only one!");
    }

    @Test
    void moreFramesThanTheVideoHasIsBadUsageWithHfsMessage() {
        Path video = GoldenData.golden().resolve("videos/cat_pan.mp4");
        int code = run("frames", "--video", video.toString(), "--num-frames", "76", "--out",
                dir.resolve("x.safetensors").toString());
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("The `num_frames=76` exceeds `total_num_frames=75`");
    }

    @Test
    void fpsAndIndicesSelectTheirFrames() {
        Path video = GoldenData.golden().resolve("videos/clip_ntsc.mp4");
        Path file = dir.resolve("f.safetensors");
        assertThat(run("frames", "--video", video.toString(), "--fps", "2", "--out", file.toString())).isZero();
        // int(90 / 29.97 * 2) = 6 frames: np.arange(0, 90, 15)
        assertThat(ConfigNode.parse(out.toString().trim(), "stdout").get("indices").asIntArray())
                .containsExactly(0, 15, 30, 45, 60, 75);
        out.getBuffer().setLength(0);
        assertThat(run("frames", "--video", video.toString(), "--indices", "89,3,3", "--out", file.toString()))
                .isZero();
        try (SafeTensors actual = SafeTensors.open(file)) {
            assertThat(actual.get("indices").toLongs()).containsExactly(89, 3, 3);
            assertThat(actual.get("frames").shape()).containsExactly(3, 136, 242, 3);
        }
    }

    @Test
    void aFileThatIsNotAVideoIsBadInputNamingIt() throws Exception {
        Path bad = dir.resolve("notes.mp4");
        Files.writeString(bad, "these are not the frames you are looking for");
        int code = run("frames", "--video", bad.toString(), "--num-frames", "8", "--out",
                dir.resolve("x.safetensors").toString());
        assertThat(code).isEqualTo(ExitCodes.INPUT);
        assertThat(err.toString()).contains("notes.mp4");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void noSamplingIsBadUsage() {
        Path video = GoldenData.golden().resolve("videos/cat_pan.mp4");
        assertThat(run("frames", "--video", video.toString(), "--out", dir.resolve("x.safetensors").toString()))
                .isEqualTo(ExitCodes.USAGE);
    }
}

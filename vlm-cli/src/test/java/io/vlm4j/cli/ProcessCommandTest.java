package io.vlm4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.media.VideoFrames;
import io.vlm4j.safetensors.SafeTensorsWriter;
import io.vlm4j.tensor.HostTensor;
import io.vlm4j.testkit.GoldenData;
import io.vlm4j.testkit.ProcessorCase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code vlm process} on every golden case of the four families: HF's tensors and prompt bytes; and its exit codes
 * for mismatched media, bad files and bad usage.
 */
class ProcessCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(List<String> args) {
        return Main.execute(args.toArray(new String[0]), new PrintWriter(out), new PrintWriter(err));
    }

    static Stream<ProcessorCase> cases() {
        return Stream.of(GoldenData.golden(), GoldenData.goldenProcessor())
                .flatMap(base -> GoldenData.allCases(base).stream()).map(ProcessorCase::of);
    }

    private List<String> args(ProcessorCase c, Path outFile, Path promptFile) {
        List<String> args = new ArrayList<>(List.of("process", "--model", c.model().toString(), "--messages",
                c.messages().toString()));
        for (Path frames : c.frameFiles()) {
            args.add("--video-frames");
            args.add(frames.toString());
        }
        args.addAll(List.of("--out", outFile.toString(), "--prompt-out", promptFile.toString()));
        return args;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void writesHfsTensorsAndThePromptBytesWithTheGoldenFrames(ProcessorCase c) throws IOException {
        Path outFile = dir.resolve("out.safetensors");
        Path promptFile = dir.resolve("prompt.txt");

        int code = run(args(c, outFile, promptFile));

        assertThat(code).as("%s exit code; stderr: %s", c, err).isZero();
        c.assertFileMatches(outFile);
        assertThat(Files.readAllBytes(promptFile)).as("%s prompt bytes", c)
                .isEqualTo(Files.readAllBytes(c.dir().resolve("expected/prompt.txt")));
        ConfigNode printed = ConfigNode.parse(out.toString(), "stdout");
        assertThat(printed.get("tensors").keys()).as("%s printed tensors", c).isNotEmpty();
    }

    @Test
    void decodingTheVideoFilesGivesWhatTheGoldenFramesGive() {
        ProcessorCase c = ProcessorCase.of(GoldenData.golden().resolve("llava_onevision/two_videos"));
        Path outFile = dir.resolve("out.safetensors");

        int code = run(List.of("process", "--model", c.model().toString(), "--messages", c.messages().toString(),
                "--num-frames", "8", "--out", outFile.toString()));

        assertThat(code).as("exit code; stderr: %s", err).isZero();
        c.assertFileMatches(outFile);
    }

    @Test
    void fpsSamplingDecodesTheFramesItSelects() {
        // clip_h264.mp4: 100 frames at 25 fps; --fps 2 selects int(100 / 25 * 2) = 8 uniform frames, the golden's
        ProcessorCase c = ProcessorCase.of(GoldenData.golden().resolve("llava_next_video/image_then_video"));
        Path outFile = dir.resolve("out.safetensors");

        int code = run(List.of("process", "--model", c.model().toString(), "--messages", c.messages().toString(),
                "--fps", "2", "--out", outFile.toString()));

        assertThat(code).as("exit code; stderr: %s", err).isZero();
        c.assertFileMatches(outFile);
    }

    @Test
    void moreVideoFrameFilesThanVideoItemsIsBadInputNamingBothCounts() {
        ProcessorCase c = ProcessorCase.of(GoldenData.golden().resolve("video_llava/video_cat"));
        List<String> args = args(c, dir.resolve("out.safetensors"), dir.resolve("prompt.txt"));
        args.addAll(List.of("--video-frames", c.frameFiles().get(0).toString()));

        int code = run(args);

        assertThat(code).isEqualTo(ExitCodes.INPUT);
        assertThat(err.toString()).contains("2 decoded videos given for 1 video item");
        assertThat(dir.resolve("out.safetensors")).doesNotExist();
    }

    @Test
    void messagesWhosePromptLacksAPlaceholderAreBadInputNamingBothCounts() throws IOException {
        ProcessorCase c = ProcessorCase.of(GoldenData.golden().resolve("llava_onevision/video_cat"));
        Path model = dir.resolve("model");
        Files.createDirectories(model);
        for (String f : List.of("config.json", "tokenizer_config.json", "vocab.json", "merges.txt",
                "preprocessor_config.json", "processor_config.json")) {
            Files.copy(c.model().resolve(f), model.resolve(f));
        }
        Files.writeString(model.resolve("chat_template.json"), "{\"chat_template\": \"{% for m in messages %}"
                + "{% for c in m['content'] %}{% if c['type'] == 'text' %}{{ c['text'] }}{% endif %}{% endfor %}"
                + "{% endfor %}\"}");

        int code = run(List.of("process", "--model", model.toString(), "--messages", c.messages().toString(),
                "--video-frames", c.frameFiles().get(0).toString(), "--out", dir.resolve("o.safetensors").toString()));

        assertThat(code).isEqualTo(ExitCodes.INPUT);
        assertThat(err.toString()).contains("holds 0 <image> placeholders and 0 <video> placeholders")
                .contains("0 images and 1 video");
    }

    @Test
    void aFramesFileWithoutUint8FramesIsBadInputNamingTheTensor() {
        ProcessorCase c = ProcessorCase.of(GoldenData.golden().resolve("video_llava/video_cat"));
        Path bad = dir.resolve("bad.safetensors");
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        tensors.put("frames", HostTensor.ofFloats(new float[2 * 4 * 4 * 3], 2, 4, 4, 3));
        SafeTensorsWriter.write(bad, tensors);

        int code = run(List.of("process", "--model", c.model().toString(), "--messages", c.messages().toString(),
                "--video-frames", bad.toString(), "--out", dir.resolve("o.safetensors").toString()));

        assertThat(code).isEqualTo(ExitCodes.INPUT);
        assertThat(err.toString()).contains("bad.safetensors 'frames': expected uint8 [T, H, W, 3]");
    }

    @Test
    void framesWithoutIndicesAreTakenInOrder() {
        ProcessorCase c = ProcessorCase.of(GoldenData.golden().resolve("video_llava/video_cat"));
        VideoFrames golden = c.frames().get(0);
        Path noIndices = dir.resolve("frames.safetensors");
        SafeTensorsWriter.write(noIndices, Map.of("frames", golden.toTensor()));
        Path outFile = dir.resolve("out.safetensors");

        int code = run(List.of("process", "--model", c.model().toString(), "--messages", c.messages().toString(),
                "--video-frames", noIndices.toString(), "--out", outFile.toString()));

        assertThat(code).as("stderr: %s", err).isZero();
        c.assertFileMatches(outFile);
    }

    @Test
    void aMissingMessagesFileIsBadInput() {
        ProcessorCase c = ProcessorCase.of(GoldenData.golden().resolve("video_llava/video_cat"));

        int code = run(List.of("process", "--model", c.model().toString(), "--messages",
                dir.resolve("none.json").toString(), "--out", dir.resolve("o.safetensors").toString()));

        assertThat(code).isEqualTo(ExitCodes.INPUT);
        assertThat(err.toString()).contains("none.json");
    }

    @Test
    void numFramesWithFpsIsBadUsage() {
        ProcessorCase c = ProcessorCase.of(GoldenData.golden().resolve("video_llava/video_cat"));

        int code = run(List.of("process", "--model", c.model().toString(), "--messages", c.messages().toString(),
                "--num-frames", "8", "--fps", "1", "--out", dir.resolve("o.safetensors").toString()));

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("mutually exclusive");
    }

    @Test
    void anUnservedModelTypeIsUnavailableNamingIt() throws IOException {
        Path model = dir.resolve("model");
        Files.createDirectories(model);
        Files.writeString(model.resolve("config.json"), "{\"model_type\": \"llava_next\"}", StandardCharsets.UTF_8);
        ProcessorCase c = ProcessorCase.of(GoldenData.golden().resolve("video_llava/video_cat"));

        int code = run(List.of("process", "--model", model.toString(), "--messages", c.messages().toString(),
                "--out", dir.resolve("o.safetensors").toString()));

        assertThat(code).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(err.toString()).contains("'llava_next'").contains("llava_onevision").contains("video_llava");
    }
}

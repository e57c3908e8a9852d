package io.vlm4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.safetensors.SafeTensors;
import io.vlm4j.testkit.GoldenData;
import io.vlm4j.testkit.ModelCase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code vlm generate} on every golden case of the four families with the golden frames: HF's greedy tokens, text,
 * finish reason and last logits; streamed text; and its exit codes for bad usage and an unavailable backend.
 */
class GenerateCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(List<String> args) {
        return Main.execute(args.toArray(new String[0]), new PrintWriter(out), new PrintWriter(err));
    }

    static Stream<ModelCase> cases() {
        return ModelCase.allCases().stream();
    }

    /** {@code vlm generate} of a case with its frames, on djl with one thread, before the decoding options. */
    private static List<String> args(ModelCase c) {
        List<String> args = new ArrayList<>(List.of("generate", "--model", c.model().toString(), "--messages",
                c.processorCase().messages().toString()));
        for (Path frames : c.processorCase().frameFiles()) {
            args.add("--video-frames");
            args.add(frames.toString());
        }
        args.addAll(List.of("--backend", "djl", "--threads", "1", "--max-new-tokens", "12"));
        return args;
    }

    private String lastLine() {
        List<String> lines = out.toString().lines().collect(Collectors.toList());
        assertThat(lines).as("stdout").isNotEmpty();
        return lines.get(lines.size() - 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void greedyJsonAndLastLogitsAreHfs(ModelCase c) {
        Path logits = dir.resolve("logits.safetensors");
        List<String> args = args(c);
        args.addAll(List.of("--greedy", "--json", "--logits-out", logits.toString()));

        int code = run(args);

        assertThat(code).as("%s exit code; stderr: %s", c, err).isZero();
        ConfigNode result = ConfigNode.parse(lastLine(), "stdout");
        assertThat(result.keys()).as("%s JSON keys", c)
                .containsExactly("prompt_length", "new_token_ids", "text", "finish_reason");
        assertThat(result.get("prompt_length").asInt()).as("%s prompt_length", c).isEqualTo(c.promptLength());
        assertThat(result.get("new_token_ids").elements().stream().map(ConfigNode::asInt)
                .collect(Collectors.toList())).as("%s new_token_ids", c).isEqualTo(c.newTokenIds());
        assertThat(result.get("text").asString()).as("%s text", c).isEqualTo(c.text());
        assertThat(result.get("finish_reason").asString()).as("%s finish_reason", c).isEqualTo(c.finishReason());
        try (SafeTensors st = SafeTensors.open(logits)) {
            assertThat(st.tensors().keySet()).containsExactly("logits_last");
            ModelCase.assertAllClose(st.getFloats("logits_last"), st.info("logits_last").shape(),
                    c.expected("logits_last"), c.expectedShape("logits_last"), c.name() + " logits_last");
        }
    }

    @Test
    void withoutJsonStdoutIsTheStreamedText() {
        ModelCase c = ModelCase.of(GoldenData.golden().resolve("video_llava/video_cat"));
        List<String> args = args(c);
        args.add("--greedy");

        int code = run(args);

        assertThat(code).as("stderr: %s", err).isZero();
        assertThat(out.toString()).isEqualTo(c.text() + System.lineSeparator());
    }

    @Test
    void samplingWithASeedIsReproducible() {
        ModelCase c = ModelCase.of(GoldenData.golden().resolve("llava_next_video/image_chelsea"));
        List<String> args = args(c);
        args.addAll(List.of("--temperature", "1.5", "--top-k", "0", "--top-p", "1.0", "--seed", "7", "--json"));

        assertThat(run(args)).as("stderr: %s", err).isZero();
        String first = lastLine();
        assertThat(run(args)).as("stderr: %s", err).isZero();

        assertThat(lastLine()).isEqualTo(first);
        assertThat(ConfigNode.parse(first, "stdout").get("new_token_ids").elements()).hasSize(12);
    }

    @Test
    void greedyWithATemperatureIsBadUsage() {
        ModelCase c = ModelCase.of(GoldenData.golden().resolve("video_llava/video_cat"));
        List<String> args = args(c);
        args.addAll(List.of("--greedy", "--temperature", "0.7"));

        assertThat(run(args)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("mutually exclusive");
    }

    @Test
    void neitherGreedyNorATemperatureIsBadUsage() {
        ModelCase c = ModelCase.of(GoldenData.golden().resolve("video_llava/video_cat"));

        assertThat(run(args(c))).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--greedy").contains("--temperature");
    }

    @Test
    void anUninstalledBackendIsUnavailableNamingIt() {
        ModelCase c = ModelCase.of(GoldenData.golden().resolve("video_llava/video_cat"));
        List<String> args = args(c);
        args.set(args.indexOf("djl"), "nope");
        args.add("--greedy");

        assertThat(run(args)).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(err.toString()).contains("backend 'nope' is not installed").contains("djl");
    }
}

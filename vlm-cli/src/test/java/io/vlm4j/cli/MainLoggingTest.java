package io.vlm4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vlm4j.testkit.GoldenData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code vlm}'s own process writes to stderr (its {@code main} sets the log levels before any engine logs,
 * so this runs in a fresh JVM): the engine's INFO lines and its CUDA probe's driver warnings never, vlm4j's
 * summary unless {@code --quiet}, which leaves stderr empty on success.
 */
class MainLoggingTest {
    @TempDir
    Path temp;

    @Test
    void aRunShowsItsSummaryButNoEngineLogLines() throws Exception {
        Result r = vlm();

        assertThat(r.code).as("exit code; stderr:%n%s", r.err).isZero();
        assertThat(r.out).isNotBlank();
        assertThat(r.err).contains("prompt tokens").doesNotContain("ai.djl").doesNotContain("INFO");
    }

    @Test
    void quietLeavesStderrEmpty() throws Exception {
        Result r = vlm("--quiet");

        assertThat(r.code).as("exit code; stderr:%n%s", r.err).isZero();
        assertThat(r.out).isNotBlank();
        assertThat(r.err).isEmpty();
    }

    private record Result(int code, String out, String err) {}

    private Result vlm(String... extra) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "run",
                "--model", GoldenData.model("llava_onevision").toString(),
                "--video", GoldenData.golden().resolve("videos/cat_pan.mp4").toString(),
                "--prompt", "What happens in this video?", "--greedy", "--max-new-tokens", "2", "--threads", "1"));
        command.addAll(List.of(extra));
        Path out = temp.resolve("out.txt");
        Path err = temp.resolve("err.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("vlm finished").isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}

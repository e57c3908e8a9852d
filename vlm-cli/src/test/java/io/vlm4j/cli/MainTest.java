package io.vlm4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vlm4j.ErrorKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void helpListsTheCommandAndExitsZero() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: vlm").contains("Exit codes");
    }

    @Test
    void versionNamesVlm4jAndExitsZero() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("vlm4j ");
    }

    @Test
    void anUnknownOptionIsBadUsage() {
        assertThat(run("--no-such-option")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--no-such-option");
    }

    @Test
    void everyErrorKindHasItsOwnExitCode() {
        assertThat(ErrorKind.values()).extracting(ExitCodes::of).doesNotHaveDuplicates().doesNotContain(ExitCodes.OK);
    }
}

package io.vlm4j.runtime.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
    private final StringWriter text = new StringWriter();

    @Test
    void outsideATerminalEachDownloadIsOneLineAndCachedFilesNone() {
        ConsoleProgress p = new ConsoleProgress(new PrintWriter(text), false);

        p.fileStarted("model.safetensors", 4_400_000_000L, 1_200_000_000L);
        p.fileProgress("model.safetensors", 2_000_000_000L, 4_400_000_000L);
        p.fileFinished("model.safetensors", 4_400_000_000L, true);
        p.fileFinished("config.json", 1234, false);

        assertThat(text.toString()).isEqualTo(
                "downloading model.safetensors (4.40 GB, resuming at 1.20 GB)" + System.lineSeparator());
    }

    @Test
    void onATerminalABarIsRedrawnInPlaceAndEndsAtOneHundredPercent() {
        ConsoleProgress p = new ConsoleProgress(new PrintWriter(text), true);

        p.fileStarted("config.json", 2000, 0);
        p.fileProgress("config.json", 1000, 2000);
        p.fileFinished("config.json", 2000, true);

        String out = text.toString();
        assertThat(out).startsWith("\rconfig.json").contains("  0%").contains("100%").contains("2.00 kB")
                .endsWith(System.lineSeparator());
        assertThat(out.chars().filter(c -> c == '\n')).as("one line for the file").hasSize(1);
    }

    @Test
    void sizesAreInDecimalUnitsAsTqdmShowsThem() {
        assertThat(ConsoleProgress.bytes(999)).isEqualTo("999 B");
        assertThat(ConsoleProgress.bytes(1000)).isEqualTo("1.00 kB");
        assertThat(ConsoleProgress.bytes(12_345_678)).isEqualTo("12.3 MB");
        assertThat(ConsoleProgress.bytes(987_654_321)).isEqualTo("988 MB");
    }
}

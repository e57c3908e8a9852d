package io.vlm4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Discovery with every vlm4j plugin on the class path (this module sees them all), in a fresh JVM so that no
 * other test has loaded an engine first.
 */
class DiscoveryTest {
    private static List<String> lines;

    @BeforeAll
    static void runProbe() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), DiscoveryProbe.class.getName())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("probe finished").isTrue();
        assertThat(p.exitValue()).as("probe exit code; output:%n%s", out).isZero();
        lines = out.lines().collect(Collectors.toList());
    }

    @Test
    void findsEveryPluginOfThisRepository() {
        assertThat(lines).anyMatch(l -> l.startsWith("provider BackendProvider [djl]"))
                .anyMatch(l -> l.startsWith("provider VideoDecoderProvider [ffmpeg]"))
                .anyMatch(l -> l.startsWith("provider TokenizerFactory [hf]"))
                .anyMatch(l -> l.startsWith("provider ChatTemplateEngine [jinja]"))
                .anyMatch(l -> l.startsWith("provider ModelFamily") && l.contains("llava_onevision"))
                .anyMatch(l -> l.startsWith("provider ModelFamily") && l.contains("video_llava"))
                .anyMatch(l -> l.startsWith("provider ImageProcessorFactory"))
                .anyMatch(l -> l.startsWith("provider VideoProcessorFactory"));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void discoveryLoadsNoEngineNativeLibrary() {
        assertThat(lines).filteredOn(l -> l.startsWith("library "))
                .noneMatch(l -> DiscoveryProbe.ENGINE_LIBRARIES.matcher(l.substring("library ".length())).find());
    }

    @Test
    void discoveryStartsNoThread() {
        assertThat(lines).noneMatch(l -> l.startsWith("thread "));
    }
}

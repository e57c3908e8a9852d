package io.vlm4j.processors.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.vlm4j.testkit.GoldenData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** DJL is set offline before any of its classes loads, in a JVM where nobody set it; an explicit choice is kept. */
class DjlOfflineTest {
    private static final long TIMEOUT_SECONDS = 120;

    @Test
    void setsDjlOfflineBeforeAnyDjlClassLoads() throws Exception {
        List<String> out = run(null, true);

        assertThat(out).contains("before=null").contains("touched=true loadable=true")
                .contains("ids=2 djlOffline=true");
        int touched = out.indexOf("touched=true loadable=true");
        assertThat(out.subList(0, touched)).noneMatch(l -> l.contains(" ai.djl."));
        assertThat(out.subList(touched, out.size())).anyMatch(l -> l.contains(" ai.djl."));
    }

    @Test
    void keepsAnExplicitChoiceOfTheUser() throws Exception {
        List<String> out = run("false", false);

        assertThat(out).contains("before=false").contains("touched=false loadable=true");
        // online, DJL would download a CUDA build of the Rust library on a GPU machine: the CPU one in the jar is kept
        assertThat(out).contains("flavor=cpu");
    }

    private static List<String> run(String property, boolean load) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-verbose:class");
        if (property != null) {
            command.add("-D" + DjlOffline.PROPERTY + "=" + property);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(OfflineProbe.class.getName());
        command.add(GoldenData.model("video_llava").toString());
        if (load) {
            command.add("load");
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("DJL_OFFLINE");
        pb.environment().remove(DjlOffline.FLAVOR);
        pb.environment().put("OPT_OUT_TRACKING", "true");
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("probe finished").isTrue();
        assertThat(p.exitValue()).as(text).isZero();
        return List.of(text.split("\\R"));
    }
}

package io.vlm4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vlm4j.chat.Content;
import io.vlm4j.chat.Conversation;
import io.vlm4j.chat.Message;
import io.vlm4j.generation.GenerationConfig;
import io.vlm4j.runtime.Options;
import io.vlm4j.runtime.VlmPipeline;
import io.vlm4j.testkit.GoldenData;
import io.vlm4j.testkit.ModelCase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's "Java API" example, held here verbatim between the markers: it compiles, it runs on the golden
 * OneVision checkpoint (decoding the video with the installed decoder) to HF's text, and the README shows exactly
 * this code.
 */
class JavaApiExampleTest {
    private static final String BEGIN = "// README \"Java API\" example: begin";
    private static final String END = "// README \"Java API\" example: end";

    // README "Java API" example: begin
    static String describe(String checkpoint, Path video) {
        try (VlmPipeline vlm = VlmPipeline.fromPretrained(checkpoint, Options.builder().backend("djl").build())) {
            Conversation c = Conversation.of(Message.user(Content.video(video),
                    Content.text("Describe what is happening in this video.")));
            return vlm.generate(c, GenerationConfig.greedy(12), piece -> System.out.print(piece)).text();
        }
    }
    // README "Java API" example: end

    @Test
    void theExampleGivesHfsTextOnTheGoldenOneVisionCheckpoint() {
        ModelCase golden = ModelCase.of(GoldenData.golden().resolve("llava_onevision/video_cat"));

        String text = describe(golden.model().toString(), GoldenData.golden().resolve("videos/cat_pan.mp4"));

        assertThat(text).isEqualTo(golden.text());
    }

    @Test
    void theReadmeShowsTheExampleVerbatim() throws IOException {
        List<String> source = Files.readAllLines(Path.of("src/test/java/io/vlm4j/cli/JavaApiExampleTest.java"),
                StandardCharsets.UTF_8);
        int begin = source.lastIndexOf("    " + BEGIN);
        int end = source.lastIndexOf("    " + END);
        List<String> example = source.subList(begin + 1, end).stream().map(l -> l.startsWith("    ")
                ? l.substring(4) : l).collect(Collectors.toList());

        assertThat(readmeJavaBlock(Path.of("..", "README.md"))).isEqualTo(example);
    }

    /** The first {@code ```java} block after the "## Java API" heading. */
    private static List<String> readmeJavaBlock(Path readme) throws IOException {
        List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
        int heading = lines.indexOf("## Java API");
        assertThat(heading).as("README has a \"## Java API\" heading").isNotNegative();
        int start = -1;
        for (int i = heading; i < lines.size(); i++) {
            if (lines.get(i).equals("```java")) {
                start = i + 1;
                break;
            }
        }
        assertThat(start).as("a ```java block under \"## Java API\"").isPositive();
        List<String> block = new ArrayList<>();
        for (int i = start; !lines.get(i).equals("```"); i++) {
            block.add(lines.get(i));
        }
        return block;
    }
}

package io.vlm4j.processors.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.processors.tokenizer.TokenizerConfig;
import io.vlm4j.text.TemplateContext;
import io.vlm4j.testkit.GoldenData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The template of each {@code golden/<family>/model}, found as HF finds it, renders each case's messages (with
 * the generation prompt, as the goldens were made) to {@code expected/prompt.txt} byte for byte.
 */
class GoldenPromptTest {
    static Stream<Path> cases() {
        return GoldenData.allCases(GoldenData.golden()).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theCheckpointTemplateRendersTheGoldenPrompt(Path caseDir) throws IOException {
        String family = caseDir.getParent().getFileName().toString();
        Path model = GoldenData.model(family);
        ChatTemplates.Found template = ChatTemplates.find(model);
        List<?> messages = (List<?>) ConfigNode.read(caseDir.resolve("messages.json")).toJava();
        if (family.equals("llava")) {
            messages = videosAsImages(messages, caseDir);
        }
        TemplateContext ctx = new TemplateContext(messages, null, null, true,
                TokenizerConfig.read(model).specialTokens().asTemplateVariables(), null);
        String expected = Files.readString(caseDir.resolve("expected/prompt.txt"), StandardCharsets.UTF_8);
        assertThat(new JinjaEngine().compile(template.source()).render(ctx))
                .as("%s/%s prompt from %s", family, caseDir.getFileName(), template.file().getFileName())
                .isEqualTo(expected);
    }

    /**
     * Golden README behaviour 1: LLaVA-Interleave has no video token; each video item becomes one image item per
     * sampled frame before the template runs (the family processor does this in production).
     */
    @SuppressWarnings("unchecked")
    private static List<?> videosAsImages(List<?> messages, Path caseDir) {
        Path sampling = caseDir.resolve("sampling.json");
        if (!Files.exists(sampling)) {
            return messages;
        }
        Iterator<ConfigNode> videos = ConfigNode.read(sampling).get("videos").elements().iterator();
        List<Object> out = new ArrayList<>();
        for (Object m : messages) {
            Map<String, Object> message = new LinkedHashMap<>((Map<String, Object>) m);
            if (message.get("content") instanceof List) {
                List<Object> items = new ArrayList<>();
                for (Object item : (List<?>) message.get("content")) {
                    if ("video".equals(((Map<?, ?>) item).get("type"))) {
                        int frames = videos.next().get("indices").size();
                        for (int i = 0; i < frames; i++) {
                            items.add(Map.of("type", "image"));
                        }
                    } else {
                        items.add(item);
                    }
                }
                message.put("content", items);
            }
            out.add(message);
        }
        return out;
    }
}

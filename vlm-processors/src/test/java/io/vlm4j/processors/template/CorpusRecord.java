package io.vlm4j.processors.template;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.text.TemplateContext;
import io.vlm4j.testkit.GoldenData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One record of {@code chat-templates/*.jsonl} (see that folder's README): a template, a context, HF's result. */
final class CorpusRecord {
    static final Path ROOT = GoldenData.chatTemplates();

    final String id;
    final String file;
    final ConfigNode node;

    private CorpusRecord(String file, ConfigNode node) {
        this.file = file;
        this.node = node;
        this.id = node.get("id").asString();
    }

    static List<CorpusRecord> read(String file) {
        List<CorpusRecord> out = new ArrayList<>();
        try {
            int n = 0;
            for (String line : Files.readAllLines(ROOT.resolve(file), StandardCharsets.UTF_8)) {
                n++;
                if (!line.isBlank()) {
                    out.add(new CorpusRecord(file, ConfigNode.parse(line, file + ":" + n)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    String template() {
        try {
            return new String(Files.readAllBytes(ROOT.resolve(node.get("template_path").asString())),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    TemplateContext context() {
        Object m = ConfigNode.read(ROOT.resolve(node.get("messages_path").asString())).toJava();
        List<?> messages;
        List<?> tools = null;
        List<?> documents = null;
        if (m instanceof List) {
            messages = (List<?>) m;
        } else {
            Map<String, Object> set = (Map<String, Object>) m;
            messages = (List<?>) set.get("messages");
            tools = (List<?>) set.get("tools");
            documents = (List<?>) set.get("documents");
        }
        return new TemplateContext(messages, tools, documents, node.get("add_generation_prompt").asBoolean(),
                (Map<String, ?>) node.get("extra_vars").toJava(), LocalDateTime.parse(node.get("now").asString()));
    }

    boolean expectsOutput() {
        return node.get("expected").has("output");
    }

    String expectedOutput() {
        return node.get("expected").get("output").asString();
    }

    String expectedType() {
        return node.get("expected").get("error").get("type").asString();
    }

    String expectedMessage() {
        return node.get("expected").get("error").getString("message", null);
    }

    List<String> acceptedTypes() {
        List<String> types = new ArrayList<>();
        types.add(expectedType());
        if (node.has("accept_types")) {
            for (ConfigNode t : node.get("accept_types").elements()) {
                types.add(t.asString());
            }
        }
        return types;
    }

    boolean policy() {
        return node.getBoolean("policy", false);
    }

    @Override
    public String toString() {
        return id;
    }
}

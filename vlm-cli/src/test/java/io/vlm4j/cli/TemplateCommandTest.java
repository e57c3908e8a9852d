package io.vlm4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.testkit.GoldenData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateCommandTest {
    private static final Path CORPUS = GoldenData.chatTemplates();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        return Main.execute(args, new PrintWriter(out), new PrintWriter(err));
    }

    private int runWithStdin(String stdin, String... args) {
        InputStream old = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return run(args);
        } finally {
            System.setIn(old);
        }
    }

    private static ConfigNode record(String file, String id) throws IOException {
        for (String line : Files.readAllLines(CORPUS.resolve(file), StandardCharsets.UTF_8)) {
            ConfigNode r = ConfigNode.parse(line, file);
            if (r.get("id").asString().equals(id)) {
                return r;
            }
        }
        throw new AssertionError("no record " + id);
    }

    private static List<String> varArgs(ConfigNode rec) {
        List<String> args = new ArrayList<>();
        ConfigNode vars = rec.get("extra_vars");
        for (String k : vars.keys()) {
            args.add("--var");
            args.add(k + "=" + vars.get(k).toJson());
        }
        return args;
    }

    @Test
    void printsTheRenderedTemplateFileByteForByte() throws IOException {
        ConfigNode rec = record("visible.jsonl", "llama-2-chat/text-single");
        List<String> args = new ArrayList<>(List.of("template",
                "--template", CORPUS.resolve(rec.get("template_path").asString()).toString(),
                "--messages", CORPUS.resolve(rec.get("messages_path").asString()).toString(),
                "--now", rec.get("now").asString()));
        if (rec.get("add_generation_prompt").asBoolean()) {
            args.add("--add-generation-prompt");
        }
        args.addAll(varArgs(rec));
        assertThat(run(args.toArray(new String[0]))).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo(rec.get("expected").get("output").asString());
    }

    @Test
    void modelModeTakesTheCheckpointsTemplateAndSpecialTokens() throws IOException {
        Path model = GoldenData.model("llava_onevision");
        Path c = GoldenData.golden().resolve("llava_onevision/image_chelsea");
        assertThat(run("template", "--model", model.toString(), "--messages", c.resolve("messages.json").toString(),
                "--add-generation-prompt")).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo(Files.readString(c.resolve("expected/prompt.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void varsAreJsonValuesAndNowPinsStrftimeNow() throws IOException {
        Path t = dir.resolve("t.jinja");
        Files.writeString(t, "{{ n + 1 }} {{ s }} {{ l|length }} {{ strftime_now('%Y-%m-%d %H:%M') }}");
        Path m = dir.resolve("m.json");
        Files.writeString(m, "[]");
        assertThat(run("template", "--template", t.toString(), "--messages", m.toString(), "--var", "n=41",
                "--var", "s=\"é\"", "--var", "l=[1,2]", "--now", "2024-02-09T21:05:00")).isZero();
        assertThat(out.toString()).isEqualTo("42 é 2 2024-02-09 21:05");
    }

    @Test
    void aTemplateErrorExitsThreeWithItsTypeAndMessage() throws IOException {
        Path t = dir.resolve("t.jinja");
        Files.writeString(t, "{{ raise_exception('Conversation roles must alternate user/assistant/...') }}");
        Path m = dir.resolve("m.json");
        Files.writeString(m, "{\"messages\": [], \"tools\": null, \"documents\": null}");
        assertThat(run("template", "--template", t.toString(), "--messages", m.toString()))
                .isEqualTo(ExitCodes.INPUT);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("TemplateError: Conversation roles must alternate user/assistant/...");
    }

    @Test
    void aSyntaxErrorExitsThreeNamingTheLine() throws IOException {
        Path t = dir.resolve("t.jinja");
        Files.writeString(t, "a\n{% for x in y %}");
        Path m = dir.resolve("m.json");
        Files.writeString(m, "[]");
        assertThat(run("template", "--template", t.toString(), "--messages", m.toString())).isEqualTo(ExitCodes.INPUT);
        assertThat(err.toString()).startsWith("TemplateSyntaxError: ").contains("line 2");
    }

    @Test
    void badUsageExitsTwo() throws IOException {
        Path m = dir.resolve("m.json");
        Files.writeString(m, "[]");
        assertThat(run("template", "--messages", m.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(run("template", "--model", dir.toString(), "--template", m.toString(), "--messages", m.toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(run("template", "--template", m.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(run("template", "--template", m.toString(), "--messages", m.toString(), "--var", "x=not json"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(run("template", "--template", m.toString(), "--messages", m.toString(), "--now", "yesterday"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(run("template", "--batch")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void missingOrMalformedInputExitsThree() throws IOException {
        Path m = dir.resolve("m.json");
        Files.writeString(m, "{\"messages\": 3}");
        Path t = dir.resolve("t.jinja");
        Files.writeString(t, "x");
        assertThat(run("template", "--template", dir.resolve("none.jinja").toString(), "--messages", m.toString()))
                .isEqualTo(ExitCodes.INPUT);
        assertThat(run("template", "--template", t.toString(), "--messages", m.toString())).isEqualTo(ExitCodes.INPUT);
        assertThat(err.toString()).contains("m.json");
        assertThat(run("template", "--model", dir.toString(), "--messages", dir.resolve("none.json").toString()))
                .isEqualTo(ExitCodes.INPUT);
    }

    @Test
    void modelModeWithoutATemplateIsHfsError() throws IOException {
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"eos_token\": \"</s>\"}");
        Path m = dir.resolve("m.json");
        Files.writeString(m, "[]");
        assertThat(run("template", "--model", dir.toString(), "--messages", m.toString())).isEqualTo(ExitCodes.INPUT);
        assertThat(err.toString()).contains("ValueError: Cannot use chat template functions");
    }

    @Test
    void batchModeRendersEveryCorpusRecordAsHfDoes() throws IOException {
        for (String file : List.of("visible.jsonl", "features.jsonl", "sandbox.jsonl")) {
            List<String> lines = Files.readAllLines(CORPUS.resolve(file), StandardCharsets.UTF_8);
            out.getBuffer().setLength(0);
            assertThat(runWithStdin(String.join("\n", lines) + "\n", "template", "--batch", "--root", CORPUS.toString()))
                    .as(err.toString()).isZero();
            String[] results = out.toString().split("\n");
            assertThat(results).as(file).hasSize(lines.size());
            for (int i = 0; i < lines.size(); i++) {
                ConfigNode rec = ConfigNode.parse(lines.get(i), file);
                ConfigNode got = ConfigNode.parse(results[i], "result of " + rec.get("id").asString());
                ConfigNode expected = rec.get("expected");
                String id = rec.get("id").asString();
                if (expected.has("output")) {
                    assertThat(got.get("output").isString()).as("%s: %s", id, results[i]).isTrue();
                    assertThat(got.get("output").asString()).as(id).isEqualTo(expected.get("output").asString());
                } else {
                    String type = expected.get("error").get("type").asString();
                    List<String> accepted = new ArrayList<>(List.of(type));
                    if (rec.has("accept_types")) {
                        rec.get("accept_types").elements().forEach(a -> accepted.add(a.asString()));
                    }
                    assertThat(accepted).as("%s: %s", id, results[i]).contains(got.get("error").get("type").asString());
                    if (type.equals("TemplateError")) {
                        assertThat(got.get("error").get("message").asString()).as(id)
                                .isEqualTo(expected.get("error").get("message").asString());
                    }
                }
            }
        }
    }

    @Test
    void batchModeAnswersEachBadLineWithAnErrorLineAndGoesOn() {
        String good = "{\"template_path\": \"templates/features/ws-trim-blocks.jinja\","
                + " \"messages_path\": \"messages/probe-chat.json\", \"add_generation_prompt\": false,"
                + " \"extra_vars\": {}, \"now\": \"2025-03-07T10:30:00\"}";
        String stdin = "not json\n{\"template_path\": 3}\n"
                + "{\"template_path\": \"templates/none.jinja\", \"messages_path\": \"messages/probe-chat.json\"}\n"
                + good + "\n";
        assertThat(runWithStdin(stdin, "template", "--batch", "--root", CORPUS.toString())).isZero();
        String[] results = out.toString().split("\n");
        assertThat(results).hasSize(4);
        assertThat(ConfigNode.parse(results[0], "r0").get("error").get("type").asString()).isEqualTo("ValueError");
        assertThat(ConfigNode.parse(results[1], "r1").get("error").get("message").asString()).contains("template_path");
        assertThat(ConfigNode.parse(results[2], "r2").get("error").get("type").asString()).isEqualTo("FileNotFoundError");
        assertThat(ConfigNode.parse(results[3], "r3").toJava()).isEqualTo(Map.of("output", "A\nBC\nD"));
    }
}

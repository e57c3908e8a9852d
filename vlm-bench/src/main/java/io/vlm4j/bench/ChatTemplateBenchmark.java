package io.vlm4j.bench;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.processors.template.JinjaEngine;
import io.vlm4j.testkit.GoldenData;
import io.vlm4j.text.ChatTemplate;
import io.vlm4j.text.TemplateContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Chat-template renders per second on one thread, each template compiled once (as a pipeline does): the corpus's
 * real templates on its multi-turn message sets, with the special tokens and options of the corpus records. HF's
 * Jinja2 renders the llava-onevision case about 38,700 times a second on the reference machine.
 *
 * <p>Run: {@code java -cp <vlm-bench classpath> org.openjdk.jmh.Main ChatTemplateBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class ChatTemplateBenchmark {
    /** {@code template/message set}: a record of the corpus's visible.jsonl. */
    @Param({"llava-onevision-qwen2/mm-multi-turn", "llava-interleave-qwen/mm-multi-turn",
        "llama-3.1-instruct/tools-call-result", "qwen2.5-instruct/text-system-multi"})
    public String record;

    private ChatTemplate template;
    private TemplateContext context;

    @Setup
    public void setup() throws IOException {
        Path root = GoldenData.chatTemplates();
        ConfigNode rec = null;
        for (String line : Files.readAllLines(root.resolve("visible.jsonl"), StandardCharsets.UTF_8)) {
            ConfigNode r = ConfigNode.parse(line, "visible.jsonl");
            if (r.get("id").asString().equals(record)) {
                rec = r;
                break;
            }
        }
        if (rec == null) {
            throw new IllegalArgumentException("no record " + record + " in visible.jsonl");
        }
        String source = Files.readString(root.resolve(rec.get("template_path").asString()), StandardCharsets.UTF_8);
        template = new JinjaEngine().compile(source);
        Object m = ConfigNode.read(root.resolve(rec.get("messages_path").asString())).toJava();
        List<?> messages;
        List<?> tools = null;
        if (m instanceof List) {
            messages = (List<?>) m;
        } else {
            messages = (List<?>) ((Map<?, ?>) m).get("messages");
            tools = (List<?>) ((Map<?, ?>) m).get("tools");
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> vars = (Map<String, ?>) rec.get("extra_vars").toJava();
        context = new TemplateContext(messages, tools, null, rec.get("add_generation_prompt").asBoolean(), vars,
                LocalDateTime.parse(rec.get("now").asString()));
        String expected = rec.get("expected").get("output").asString();
        if (!template.render(context).equals(expected)) {
            throw new IllegalStateException(record + ": the render differs from HF's output");
        }
    }

    @Benchmark
    public String render() {
        return template.render(context);
    }
}

package io.vlm4j.cli;

import io.vlm4j.ConfigException;
import io.vlm4j.ErrorCode;
import io.vlm4j.TemplateException;
import io.vlm4j.VlmException;
import io.vlm4j.config.ConfigNode;
import io.vlm4j.processors.template.ChatTemplates;
import io.vlm4j.processors.template.JinjaEngine;
import io.vlm4j.processors.template.PyJson;
import io.vlm4j.processors.tokenizer.TokenizerConfig;
import io.vlm4j.text.ChatTemplate;
import io.vlm4j.text.TemplateContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vlm template}: renders a chat template as HF transformers 4.46 does, printing the prompt byte for byte;
 * or, with {@code --batch}, renders the JSON-line records of the chat-template corpus read from stdin, one JSON
 * result line each.
 */
@Command(name = "template",
        description = {"Render a chat template as HF transformers 4.46 renders it.",
            "Prints the prompt to stdout exactly (UTF-8, no added newline). A template error exits 3 with its Jinja2",
            "type and message on stderr.",
            "With --batch, reads JSON lines {template_path, messages_path, add_generation_prompt, extra_vars, now}",
            "(paths relative to --root) on stdin and writes one {\"output\": ...} or {\"error\": {\"type\", \"message\"}}",
            "line per input, in order."},
        mixinStandardHelpOptions = true)
public final class TemplateCommand implements Callable<Integer> {
    /** Renders run on a thread with a deep stack, so that deeply nested legitimate templates need not fail. */
    private static final long RENDER_STACK_BYTES = 256L << 20;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", description = "checkpoint folder: its chat template and special tokens, as HF finds them")
    Path model;

    @Option(names = "--template", paramLabel = "FILE", description = "a template file (its exact bytes, UTF-8)")
    Path template;

    @Option(names = "--messages", paramLabel = "FILE", description = "a JSON list of messages, or {\"messages\": [...], \"tools\": [...], \"documents\": [...]}")
    Path messages;

    @Option(names = "--add-generation-prompt", description = "HF's add_generation_prompt=True")
    boolean addGenerationPrompt;

    @Option(names = "--var", paramLabel = "NAME=JSON", description = "a template variable as a JSON value (repeatable; overrides special tokens)")
    List<String> vars = new ArrayList<>();

    @Option(names = "--now", paramLabel = "DATETIME", description = "the local time strftime_now uses, e.g. 2025-03-07T10:30:00")
    String now;

    @Option(names = "--batch", description = "render JSON-line records from stdin")
    boolean batch;

    @Option(names = "--root", paramLabel = "DIR", description = "with --batch: the folder record paths are relative to")
    Path root;

    private final JinjaEngine engine = new JinjaEngine();

    @Override
    public Integer call() throws Exception {
        if (batch) {
            if (root == null) {
                throw new ParameterException(spec.commandLine(), "--batch needs --root DIR");
            }
            if (model != null || template != null || messages != null) {
                throw new ParameterException(spec.commandLine(),
                        "--batch takes its templates and messages from stdin: drop --model, --template and --messages");
            }
            return onDeepStack(this::batch);
        }
        if ((model == null) == (template == null)) {
            throw new ParameterException(spec.commandLine(), "give exactly one of --model DIR or --template FILE");
        }
        if (messages == null) {
            throw new ParameterException(spec.commandLine(), "missing --messages FILE");
        }
        if (root != null) {
            throw new ParameterException(spec.commandLine(), "--root is for --batch");
        }
        LocalDateTime time = now == null ? null : parseNow(now, "--now");
        Map<String, Object> overrides = parseVars();
        try {
            MessageSet set = MessageSet.read(messages);
            Map<String, Object> extra = new LinkedHashMap<>();
            String source;
            if (model != null) {
                if (!Files.isDirectory(model)) {
                    throw new VlmException(ErrorCode.NOT_FOUND, model + ": no such checkpoint folder");
                }
                source = ChatTemplates.find(model, null, set.tools != null).source();
                extra.putAll(TokenizerConfig.read(model).specialTokens().asTemplateVariables());
            } else {
                source = readTemplate(template);
            }
            extra.putAll(overrides);
            TemplateContext ctx = new TemplateContext(set.messages, set.tools, set.documents, addGenerationPrompt,
                    extra, time);
            String text = onDeepStack(() -> engine.compile(source).render(ctx));
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
            return ExitCodes.OK;
        } catch (TemplateException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(e.type() + ": " + e.getMessage());
            err.flush();
            return ExitCodes.of(e.kind());
        }
    }

    private Map<String, Object> parseVars() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String v : vars) {
            int eq = v.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(spec.commandLine(), "--var " + v + ": expected NAME=JSON");
            }
            String name = v.substring(0, eq);
            try {
                out.put(name, ConfigNode.parse(v.substring(eq + 1), "--var " + name).toJava());
            } catch (ConfigException e) {
                throw new ParameterException(spec.commandLine(), "--var " + name + ": expected a JSON value ("
                        + e.getMessage() + "); a string is written \"...\"");
            }
        }
        return out;
    }

    private LocalDateTime parseNow(String text, String what) {
        try {
            return LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), what + " " + text
                    + ": expected a local date-time like 2025-03-07T10:30:00");
        }
    }

    private static String readTemplate(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new VlmException(ErrorCode.NOT_FOUND, file + ": template file not found");
        } catch (IOException e) {
            throw new VlmException(ErrorCode.NOT_FOUND, file + ": cannot read the template: " + e.getMessage(), e);
        }
    }

    /** A message set: a list of messages, or {@code {"messages", "tools", "documents"}}. */
    static final class MessageSet {
        final List<?> messages;
        final List<?> tools;
        final List<?> documents;

        private MessageSet(List<?> messages, List<?> tools, List<?> documents) {
            this.messages = messages;
            this.tools = tools;
            this.documents = documents;
        }

        static MessageSet read(Path file) {
            if (!Files.isRegularFile(file)) {
                throw new VlmException(ErrorCode.NOT_FOUND, file + ": messages file not found");
            }
            ConfigNode root = ConfigNode.read(file);
            if (root.isArray()) {
                return new MessageSet((List<?>) root.toJava(), null, null);
            }
            if (!root.isObject() || !root.get("messages").isArray()) {
                throw new ConfigException(root.location() + ": expected a list of messages or {\"messages\": [...],"
                        + " \"tools\": [...] | null, \"documents\": [...] | null}");
            }
            return new MessageSet((List<?>) root.get("messages").toJava(), list(root.get("tools")),
                    list(root.get("documents")));
        }

        private static List<?> list(ConfigNode n) {
            if (n.isAbsent()) {
                return null;
            }
            if (!n.isArray()) {
                throw new ConfigException(n.location() + ": expected a list or null, got " + n.toJson());
            }
            return (List<?>) n.toJava();
        }
    }

    // ---- batch

    private Integer batch() {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> templates = new HashMap<>();
        Map<String, Object> messageSets = new HashMap<>();
        InputStream in = System.in;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            int n = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                out.println(batchLine(line, "stdin line " + n, templates, messageSets));
                if (n % 64 == 0) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stdin", e);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private String batchLine(String line, String where, Map<String, Object> templates,
            Map<String, Object> messageSets) {
        try {
            ConfigNode rec = ConfigNode.parse(line, where);
            String templatePath = requireString(rec, "template_path");
            String messagesPath = requireString(rec, "messages_path");
            boolean agp = rec.getBoolean("add_generation_prompt", false);
            ConfigNode varsNode = rec.get("extra_vars");
            if (!varsNode.isAbsent() && !varsNode.isObject()) {
                throw new ConfigException(varsNode.location() + ": expected an object of variables, got "
                        + varsNode.toJson());
            }
            @SuppressWarnings("unchecked")
            Map<String, ?> extra = varsNode.isAbsent() ? Map.of() : (Map<String, ?>) varsNode.toJava();
            LocalDateTime time = null;
            ConfigNode nowNode = rec.get("now");
            if (!nowNode.isAbsent()) {
                try {
                    time = LocalDateTime.parse(nowNode.asString());
                } catch (DateTimeParseException e) {
                    throw new ConfigException(nowNode.location() + ": expected a local date-time like"
                            + " 2025-03-07T10:30:00, got " + nowNode.toJson());
                }
            }
            Object compiled = templates.computeIfAbsent(templatePath, p -> {
                try {
                    return engine.compile(readTemplate(root.resolve(p)));
                } catch (VlmException e) {
                    return e;
                }
            });
            Object set = messageSets.computeIfAbsent(messagesPath, p -> {
                try {
                    return MessageSet.read(root.resolve(p));
                } catch (VlmException e) {
                    return e;
                }
            });
            if (compiled instanceof VlmException) {
                throw (VlmException) compiled;
            }
            if (set instanceof VlmException) {
                throw (VlmException) set;
            }
            MessageSet ms = (MessageSet) set;
            TemplateContext ctx = new TemplateContext(ms.messages, ms.tools, ms.documents, agp, extra, time);
            return "{\"output\": " + jsonString(((ChatTemplate) compiled).render(ctx)) + "}";
        } catch (TemplateException e) {
            return errorLine(e.type(), e.getMessage());
        } catch (VlmException e) {
            return errorLine(e instanceof ConfigException ? "ValueError"
                    : e.code() == ErrorCode.NOT_FOUND ? "FileNotFoundError" : e.code().name(), e.getMessage());
        } catch (RuntimeException e) {
            return errorLine("InternalError", e.toString());
        }
    }

    private static String requireString(ConfigNode rec, String key) {
        ConfigNode n = rec.get(key);
        if (!n.isString()) {
            throw new ConfigException(n.location() + ": expected a path string, got "
                    + (n.isMissing() ? "nothing" : n.toJson()));
        }
        return n.asString();
    }

    private static String errorLine(String type, String message) {
        return "{\"error\": {\"type\": " + jsonString(type) + ", \"message\": " + jsonString(String.valueOf(message))
                + "}}";
    }

    /** A JSON string literal, ASCII only, as Python's {@code json.dumps} writes it. */
    private static String jsonString(String s) {
        return PyJson.string(s, true);
    }

    private interface Work<T> {
        T run() throws Exception;
    }

    /** Runs {@code work} on a thread with a deep stack and returns its result (its exceptions rethrown). */
    private static <T> T onDeepStack(Work<T> work) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(work.run());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "vlm-template", RENDER_STACK_BYTES);
        t.start();
        t.join();
        Throwable e = failure.get();
        if (e instanceof Exception) {
            throw (Exception) e;
        }
        if (e instanceof Error) {
            throw (Error) e;
        }
        return result.get();
    }
}

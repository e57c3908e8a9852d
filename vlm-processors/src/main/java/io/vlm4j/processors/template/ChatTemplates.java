package io.vlm4j.processors.template;

import io.vlm4j.ConfigException;
import io.vlm4j.TemplateException;
import io.vlm4j.config.ConfigNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Finds a checkpoint folder's chat template where HF transformers 4.46 finds it (its special tokens, the other
 * variables a template receives, are {@link io.vlm4j.processors.tokenizer.TokenizerConfig#specialTokens()}).
 *
 * <p>Templates, first found wins:
 * <ol>
 *   <li>{@code chat_template.json}, key {@code chat_template} (what {@code ProcessorMixin.from_pretrained} reads;
 *       HF 4.46 saves processors' templates there);</li>
 *   <li>{@code processor_config.json}, key {@code chat_template} (4.46 passes it to the processor's constructor,
 *       warning that it belongs in {@code chat_template.json}; {@code chat_template.json} overrides it);</li>
 *   <li>{@code tokenizer_config.json}, key {@code chat_template}: a string, or a list of {@code {name, template}}
 *       (named templates: the name asked for; else {@code tool_use} when tools are given; else {@code default},
 *       as {@code PreTrainedTokenizerBase.get_chat_template} chooses);</li>
 *   <li>{@code chat_template.jinja}: not read by HF 4.46 (newer versions read it first); supported last, so that
 *       every checkpoint HF 4.46 can load renders as it renders there.</li>
 * </ol>
 * Strictly, HF 4.46's processor does not fall back to the tokenizer's template; vlm4j does, as the tokenizer's
 * {@code apply_chat_template} would. No template anywhere is HF's error. Stateless.
 */
public final class ChatTemplates {
    /** The message of HF 4.46's {@code get_chat_template} when no template is set. */
    public static final String NO_TEMPLATE = "Cannot use chat template functions because tokenizer.chat_template is"
            + " not set and no template argument was passed! For information about writing templates and setting the"
            + " tokenizer.chat_template attribute, please see the documentation at"
            + " https://huggingface.co/docs/transformers/main/en/chat_templating";

    private ChatTemplates() {}

    /**
     * A chat template as found in a checkpoint: its text, the file it came from and, for one of several named
     * templates, its name (else null).
     */
    public record Found(String source, Path file, String name) {
        public Found {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(file, "file");
        }
    }

    /** The template HF 4.46 uses for {@code folder} with no tools and no template name. */
    public static Found find(Path folder) {
        return find(folder, null, false);
    }

    /**
     * The template of {@code folder}.
     *
     * @param name a template name among several named ones, or null for HF's choice
     * @param withTools whether the render passes tools (HF then prefers a template named {@code tool_use})
     * @throws TemplateException of type {@code ValueError} with HF's message when there is none, or when several
     *     named templates have no {@code default} (or none has {@code name})
     * @throws ConfigException if a file is not valid JSON or the key has the wrong type
     */
    public static Found find(Path folder, String name, boolean withTools) {
        Objects.requireNonNull(folder, "folder");
        Path processorTemplate = folder.resolve("chat_template.json");
        if (Files.isRegularFile(processorTemplate)) {
            ConfigNode root = ConfigNode.read(processorTemplate);
            ConfigNode t = root.get("chat_template");
            if (!t.isString()) {
                throw new ConfigException(t.location() + ": expected the chat template as a string, got "
                        + (t.isMissing() ? "no such key" : t.toJson()));
            }
            return single(t.asString(), processorTemplate, name);
        }
        Path processorConfig = folder.resolve("processor_config.json");
        if (Files.isRegularFile(processorConfig)) {
            ConfigNode t = ConfigNode.read(processorConfig).get("chat_template");
            if (t.isString()) {
                return single(t.asString(), processorConfig, name);
            }
        }
        Path tokenizerConfig = folder.resolve("tokenizer_config.json");
        if (Files.isRegularFile(tokenizerConfig)) {
            ConfigNode t = ConfigNode.read(tokenizerConfig).get("chat_template");
            if (t.isString()) {
                return single(t.asString(), tokenizerConfig, name);
            }
            if (t.isArray()) {
                return named(t, tokenizerConfig, name, withTools);
            }
            if (!t.isAbsent()) {
                throw new ConfigException(t.location() + ": expected a string or a list of {name, template}, got "
                        + t.toJson());
            }
        }
        Path jinja = folder.resolve("chat_template.jinja");
        if (Files.isRegularFile(jinja)) {
            try {
                return single(Files.readString(jinja, StandardCharsets.UTF_8), jinja, name);
            } catch (IOException e) {
                throw new UncheckedIOException(jinja + ": cannot read", e);
            }
        }
        throw new TemplateException("ValueError", NO_TEMPLATE + " (" + folder
                + " has no chat_template.json, processor_config.json or tokenizer_config.json chat_template, nor"
                + " chat_template.jinja)");
    }

    private static Found single(String source, Path file, String name) {
        if (name != null) {
            throw new TemplateException("ValueError", file + " has a single chat template; there is no template named "
                    + Py.repr(name));
        }
        return new Found(source, file, null);
    }

    private static Found named(ConfigNode list, Path file, String name, boolean withTools) {
        Map<String, String> templates = new LinkedHashMap<>();
        for (ConfigNode e : list.elements()) {
            ConfigNode n = e.get("name");
            ConfigNode t = e.get("template");
            if (!n.isString() || !t.isString()) {
                throw new ConfigException(e.location() + ": expected {\"name\": string, \"template\": string}, got "
                        + e.toJson());
            }
            templates.put(n.asString(), t.asString());
        }
        String chosen;
        if (name != null) {
            if (!templates.containsKey(name)) {
                throw new TemplateException("ValueError", file + " has no chat template named " + Py.repr(name)
                        + "; available template names are " + sortedNames(templates) + ".");
            }
            chosen = name;
        } else if (withTools && templates.containsKey("tool_use")) {
            chosen = "tool_use";
        } else if (templates.containsKey("default")) {
            chosen = "default";
        } else {
            throw new TemplateException("ValueError", "This model has multiple chat templates with no default"
                    + " specified! Please either pass a chat template or the name of the template you wish to use to"
                    + " the `chat_template` argument. Available template names are " + sortedNames(templates) + ".");
        }
        return new Found(templates.get(chosen), file, chosen);
    }

    private static String sortedNames(Map<String, String> templates) {
        List<Object> names = new ArrayList<>(new TreeSet<>(templates.keySet()));
        return Py.repr(names);
    }
}

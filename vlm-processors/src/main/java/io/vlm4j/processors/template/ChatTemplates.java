package io.vlm4j.processors.template;

import io.vlm4j.ConfigException;
import io.vlm4j.TemplateException;
import io.vlm4j.config.ConfigNode;
import io.vlm4j.text.SpecialTokens;
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
 * Finds a checkpoint folder's chat template and special tokens where HF transformers 4.46 finds them.
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

    private static final String[] NAMED_TOKENS = {"bos_token", "eos_token", "unk_token", "sep_token", "pad_token",
        "cls_token", "mask_token"};

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

    /**
     * HF's {@code special_tokens_map} of a checkpoint's tokenizer, as chat templates receive it: the set ones of
     * {@code bos_token eos_token unk_token sep_token pad_token cls_token mask_token} as strings ({@code AddedToken}
     * dicts give their {@code content}) and {@code additional_special_tokens}, from {@code tokenizer_config.json}.
     *
     * <p>Like HF, {@code special_tokens_map.json} is read only for tokenizer configs saved without
     * {@code added_tokens_decoder} (legacy); its tokens then override the config's and its additional tokens are
     * appended to the config's. HF's tokenizer classes supply defaults for keys a config omits
     * ({@code LlamaTokenizer}'s {@code <s>}, ...): those class defaults are not known here, so a config that
     * omits a token HF's class would set gives it unset. Checkpoints saved by HF 4.x write every token.
     */
    public static SpecialTokens specialTokens(Path folder) {
        Objects.requireNonNull(folder, "folder");
        Map<String, Object> values = new LinkedHashMap<>();
        Path config = folder.resolve("tokenizer_config.json");
        boolean legacy = true;
        if (Files.isRegularFile(config)) {
            ConfigNode root = ConfigNode.read(config);
            legacy = !root.has("added_tokens_decoder");
            collect(root, values, false);
        }
        Path map = folder.resolve("special_tokens_map.json");
        if (legacy && Files.isRegularFile(map)) {
            collect(ConfigNode.read(map), values, true);
        }
        Map<String, String> named = new LinkedHashMap<>();
        for (String key : NAMED_TOKENS) {
            Object v = values.get(key);
            if (v instanceof String && !((String) v).isEmpty()) {
                named.put(key, (String) v);
            }
        }
        List<String> additional = new ArrayList<>();
        Object extra = values.get("additional_special_tokens");
        if (extra instanceof List) {
            for (Object o : (List<?>) extra) {
                additional.add((String) o);
            }
        }
        return new SpecialTokens(named, additional);
    }

    /** Reads the tokens of one file; {@code merge} appends its additional tokens to those already read. */
    private static void collect(ConfigNode root, Map<String, Object> values, boolean merge) {
        for (String key : NAMED_TOKENS) {
            ConfigNode n = root.get(key);
            if (n.isMissing()) {
                continue;
            }
            values.put(key, tokenText(n));
        }
        ConfigNode extra = root.get("additional_special_tokens");
        if (extra.isArray()) {
            List<String> tokens = merge && values.get("additional_special_tokens") instanceof List
                    ? castList(values.get("additional_special_tokens")) : new ArrayList<>();
            for (ConfigNode e : extra.elements()) {
                String text = tokenText(e);
                if (text != null && !tokens.contains(text)) {
                    tokens.add(text);
                }
            }
            values.put("additional_special_tokens", tokens);
        } else if (!extra.isAbsent() && !merge) {
            values.put("additional_special_tokens", new ArrayList<String>());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) {
        return (List<String>) o;
    }

    /** A token's text: a string, or an AddedToken dict's {@code content}; null when unset. */
    private static String tokenText(ConfigNode n) {
        if (n.isNull()) {
            return null;
        }
        if (n.isString()) {
            return n.asString();
        }
        if (n.isObject()) {
            ConfigNode c = n.get("content");
            if (c.isString()) {
                return c.asString();
            }
        }
        throw new ConfigException(n.location() + ": expected a token (a string or {\"content\": ...}), got "
                + n.toJson());
    }
}

package io.vlm4j.processors.tokenizer;

import io.vlm4j.ConfigException;
import io.vlm4j.TokenizerException;
import io.vlm4j.config.ConfigNode;
import io.vlm4j.text.SpecialTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The added and special tokens of a checkpoint folder, read as HF transformers 4.46 reads them in
 * {@code PreTrainedTokenizerBase._from_pretrained}, in pure Java (no native library is loaded).
 *
 * <p>When {@code tokenizer_config.json} has {@code added_tokens_decoder}, that map gives the added tokens and the
 * config's own keys give the special tokens; {@code special_tokens_map.json} and {@code added_tokens.json} are then
 * ignored, as HF ignores them. Without it (older checkpoints), {@code special_tokens_map.json} overrides the
 * config's special tokens, {@code added_tokens.json} lists added tokens (special if they are one of the special
 * tokens, normalized otherwise), and the {@code added_tokens} of {@code tokenizer.json} come on top. A special
 * token the config leaves out takes the default of its {@code tokenizer_class} ({@code Qwen2Tokenizer}:
 * {@code <|endoftext|>} for unk, eos and pad; {@code LlamaTokenizer}: {@code <unk> <s> </s>}); one set to
 * {@code null} is unset.
 *
 * <p>{@link #specialTokens()} is HF's {@code special_tokens_map}: what chat templates receive. Immutable.
 */
public final class TokenizerConfig {
    /** {@code tokenizer_config.json}. */
    public static final String TOKENIZER_CONFIG_FILE = "tokenizer_config.json";
    /** {@code special_tokens_map.json} (legacy). */
    public static final String SPECIAL_TOKENS_MAP_FILE = "special_tokens_map.json";
    /** {@code added_tokens.json} (legacy). */
    public static final String ADDED_TOKENS_FILE = "added_tokens.json";
    /** {@code tokenizer.json}. */
    public static final String TOKENIZER_FILE = "tokenizer.json";

    /** HF's {@code SPECIAL_TOKENS_ATTRIBUTES} without {@code additional_special_tokens}, in HF's order. */
    static final List<String> NAMED_SPECIAL_TOKENS =
            List.of("bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token", "mask_token");
    private static final String ADDITIONAL = "additional_special_tokens";

    private final Path folder;
    private final ConfigNode config;
    private final List<AddedToken> addedTokens;
    private final Map<String, AddedToken> named;
    private final List<AddedToken> additional;
    private final SpecialTokens specialTokens;

    private TokenizerConfig(Path folder, ConfigNode config, List<AddedToken> addedTokens,
            Map<String, AddedToken> named, List<AddedToken> additional) {
        this.folder = folder;
        this.config = config;
        this.addedTokens = List.copyOf(addedTokens);
        this.named = Collections.unmodifiableMap(new LinkedHashMap<>(named));
        this.additional = List.copyOf(additional);
        Map<String, String> names = new LinkedHashMap<>();
        named.forEach((k, v) -> {
            if (!v.content().isEmpty()) {
                names.put(k, v.content());
            }
        });
        List<String> extra = new ArrayList<>();
        additional.forEach(t -> extra.add(t.content()));
        this.specialTokens = new SpecialTokens(names, extra);
    }

    /**
     * Reads the tokenizer files of a checkpoint folder; a folder without {@code tokenizer_config.json} reads as an
     * empty config.
     *
     * @throws TokenizerException naming the file if one is unreadable, not JSON, or has a bad value, or if two
     *     added tokens share an id or a content
     */
    public static TokenizerConfig read(Path folder) {
        DjlOffline.ensure();
        ConfigNode config = readJson(folder, TOKENIZER_CONFIG_FILE);
        if (config == null) {
            config = ConfigNode.of(Map.of(), folder.resolve(TOKENIZER_CONFIG_FILE).toString());
        }
        try {
            return parse(folder, config);
        } catch (ConfigException e) {
            throw new TokenizerException(e.getMessage(), e);
        }
    }

    private static TokenizerConfig parse(Path folder, ConfigNode config) {
        if (!config.isObject()) {
            throw config.error("a JSON object");
        }
        String cls = tokenizerClassOf(config);
        Map<String, AddedToken> named = new LinkedHashMap<>();
        List<AddedToken> additional = new ArrayList<>();
        TreeMap<Integer, AddedToken> decoder = new TreeMap<>();
        for (String key : NAMED_SPECIAL_TOKENS) {
            ConfigNode value = config.get(key);
            if (value.isMissing()) {
                String dflt = classDefault(cls, key);
                if (dflt != null) {
                    named.put(key, specialToken(dflt));
                }
            } else if (!value.isNull()) {
                named.put(key, token(value, true));
            }
        }
        ConfigNode extra = config.get(ADDITIONAL);
        if (!extra.isAbsent()) {
            for (ConfigNode t : extra.elements()) {
                additional.add(token(t, true));
            }
        }
        ConfigNode addedDecoder = config.get("added_tokens_decoder");
        if (!addedDecoder.isAbsent()) {
            if (!addedDecoder.isObject()) {
                throw addedDecoder.error("an object of id -> AddedToken");
            }
            for (String key : addedDecoder.keys()) {
                int id = parseId(addedDecoder.get(key), key);
                AddedToken t = token(addedDecoder.get(key), false);
                put(decoder, new AddedToken(id, t.content(), t.singleWord(), t.lstrip(), t.rstrip(),
                        t.normalized(), t.special()), addedDecoder.location());
            }
        } else {
            ConfigNode map = readJson(folder, SPECIAL_TOKENS_MAP_FILE);
            if (map != null) {
                if (!map.isObject()) {
                    throw map.error("a JSON object");
                }
                for (String key : map.keys()) {
                    ConfigNode value = map.get(key);
                    if (key.equals(ADDITIONAL) && value.isArray()) {
                        for (ConfigNode t : value.elements()) {
                            AddedToken token = token(t, true);
                            if (additional.stream().noneMatch(a -> a.content().equals(token.content()))) {
                                additional.add(token);
                            }
                        }
                    } else if (NAMED_SPECIAL_TOKENS.contains(key)) {
                        if (value.isNull()) {
                            named.remove(key);
                        } else {
                            named.put(key, token(value, true));
                        }
                    }
                }
            }
            ConfigNode addedJson = readJson(folder, ADDED_TOKENS_FILE);
            if (addedJson != null) {
                if (!addedJson.isObject()) {
                    throw addedJson.error("a JSON object of token -> id");
                }
                List<String> specials = new ArrayList<>();
                named.values().forEach(t -> specials.add(t.content()));
                additional.forEach(t -> specials.add(t.content()));
                for (String content : addedJson.keys()) {
                    ConfigNode idNode = addedJson.get(content);
                    int id = idNode.asInt();
                    if (id < 0) {
                        throw idNode.error("an id >= 0");
                    }
                    put(decoder, AddedToken.of(id, content, specials.contains(content)), addedJson.location());
                }
            }
            ConfigNode tokenizerJson = readJson(folder, TOKENIZER_FILE);
            if (tokenizerJson != null && !tokenizerJson.get("added_tokens").isAbsent()) {
                for (ConfigNode t : tokenizerJson.get("added_tokens").elements()) {
                    ConfigNode idNode = t.get("id");
                    int id = idNode.asInt();
                    if (id < 0) {
                        throw idNode.error("an id >= 0");
                    }
                    AddedToken token = token(t, false);
                    decoder.remove(id);
                    put(decoder, new AddedToken(id, token.content(), token.singleWord(), token.lstrip(),
                            token.rstrip(), token.normalized(), token.special()), tokenizerJson.location());
                }
            }
        }
        return new TokenizerConfig(folder, config, new ArrayList<>(decoder.values()), named, additional);
    }

    /** The folder this was read from. */
    public Path folder() {
        return folder;
    }

    /** {@code tokenizer_config.json} (an empty object if the folder has none). */
    public ConfigNode config() {
        return config;
    }

    /** {@code tokenizer_class}, if set ({@code "Qwen2Tokenizer"}, {@code "LlamaTokenizerFast"}). */
    public Optional<String> tokenizerClass() {
        return Optional.ofNullable(tokenizerClassOf(config));
    }

    /** The added tokens the files declare with their ids, by id. */
    public List<AddedToken> addedTokens() {
        return addedTokens;
    }

    /** HF's {@code special_tokens_map}: the set named special tokens and {@code additional_special_tokens}. */
    public SpecialTokens specialTokens() {
        return specialTokens;
    }

    /** The set named special tokens with their flags ({@code bos_token} → {@code <s>}), in HF's order. */
    Map<String, AddedToken> namedSpecialTokens() {
        return named;
    }

    /** {@code additional_special_tokens} with their flags. */
    List<AddedToken> additionalSpecialTokens() {
        return additional;
    }

    /** HF's {@code all_special_tokens}: the named ones, then the additional ones, each content once. */
    List<AddedToken> allSpecialTokens() {
        Map<String, AddedToken> all = new LinkedHashMap<>();
        named.values().forEach(t -> all.putIfAbsent(t.content(), t));
        additional.forEach(t -> all.putIfAbsent(t.content(), t));
        return new ArrayList<>(all.values());
    }

    private static String tokenizerClassOf(ConfigNode config) {
        ConfigNode cls = config.get("tokenizer_class");
        return cls.isAbsent() ? null : cls.asString();
    }

    /** The keyword defaults of the slow classes' {@code __init__} (the fast ones have the same). */
    private static String classDefault(String cls, String key) {
        if (cls == null) {
            return null;
        }
        switch (cls.endsWith("Fast") ? cls.substring(0, cls.length() - 4) : cls) {
            case "Qwen2Tokenizer":
                return key.equals("unk_token") || key.equals("eos_token") || key.equals("pad_token")
                        ? "<|endoftext|>" : null;
            case "LlamaTokenizer":
                switch (key) {
                    case "unk_token":
                        return "<unk>";
                    case "bos_token":
                        return "<s>";
                    case "eos_token":
                        return "</s>";
                    default:
                        return null;
                }
            default:
                return null;
        }
    }

    /** A special token given by a class default or a plain string: HF makes it {@code normalized=False}. */
    private static AddedToken specialToken(String content) {
        return new AddedToken(0, content, false, false, false, false, true);
    }

    /**
     * A token given as a string or as an AddedToken dict ({@code content}, flags, an optional {@code __type}); the id
     * is a placeholder 0. Strings and dicts without {@code normalized} get HF's {@code normalized = !special}.
     */
    private static AddedToken token(ConfigNode node, boolean special) {
        if (node.isString()) {
            return special ? specialToken(node.asString()) : AddedToken.of(0, node.asString(), false);
        }
        if (!node.isObject()) {
            throw node.error("a string or an AddedToken object with \"content\"");
        }
        String content = node.get("content").asString();
        boolean isSpecial = special || node.getBoolean("special", false);
        return new AddedToken(0, content, node.getBoolean("single_word", false), node.getBoolean("lstrip", false),
                node.getBoolean("rstrip", false), node.getBoolean("normalized", !isSpecial), isSpecial);
    }

    private static int parseId(ConfigNode node, String key) {
        try {
            int id = Integer.parseInt(key);
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below with the location
        }
        throw new ConfigException(node.location() + ": expected a token id >= 0 as the key, got \"" + key + "\"");
    }

    private static void put(TreeMap<Integer, AddedToken> decoder, AddedToken token, String where) {
        AddedToken previous = decoder.get(token.id());
        if (previous != null && !previous.content().equals(token.content())) {
            throw new TokenizerException(where + ": added tokens " + quote(previous.content()) + " and "
                    + quote(token.content()) + " both have id " + token.id() + "; expected one token per id");
        }
        for (AddedToken other : decoder.values()) {
            if (other.content().equals(token.content()) && other.id() != token.id()) {
                throw new TokenizerException(where + ": added token " + quote(token.content()) + " has two ids, "
                        + other.id() + " and " + token.id() + "; expected one id per token");
            }
        }
        decoder.put(token.id(), token);
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                sb.append('\\').appendCodePoint(c);
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.append('"').toString();
    }

    /** The JSON of a file in the folder, or {@code null} if there is no such file. */
    static ConfigNode readJson(Path folder, String name) {
        Path file = folder.resolve(name);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TokenizerException(file + ": cannot read: " + e.getMessage(), e);
        }
        try {
            return ConfigNode.parse(text, file.toString());
        } catch (ConfigException e) {
            throw new TokenizerException(e.getMessage(), e);
        }
    }
}

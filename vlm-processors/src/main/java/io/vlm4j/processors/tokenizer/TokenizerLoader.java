package io.vlm4j.processors.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vlm4j.TokenizerException;
import io.vlm4j.text.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads the tokenizer of a checkpoint folder with the slow tokenizer's behaviour of its {@code tokenizer_class}
 * ({@code Qwen2Tokenizer} or {@code LlamaTokenizer}, with or without {@code Fast}; without a class, the files
 * decide: {@code tokenizer.model} is Llama's, {@code vocab.json} Qwen2's).
 *
 * <p>The model comes from the legacy files when the folder has them (what the slow tokenizer reads), else from
 * {@code tokenizer.json}. SentencePiece BPE runs on HF tokenizers with the tokenizer.json that
 * {@link LlamaConverter} builds. Qwen2's byte-level BPE runs on {@link ByteLevelBpe} by default (several times
 * faster, same ids) or, with {@link Engine#HF_TOKENIZERS}, on HF tokenizers with {@link Qwen2Converter}'s
 * tokenizer.json; a byte-level tokenizer.json whose split is not Qwen2's regex always runs on HF tokenizers.
 *
 * <p>Thread-safe.
 */
public final class TokenizerLoader {
    /** Which engine runs byte-level BPE. */
    public enum Engine {
        /** The Java byte-level BPE where the pipeline is Qwen2's; HF tokenizers otherwise. */
        AUTO,
        /** HF tokenizers for everything. */
        HF_TOKENIZERS
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern BYTE_PIECE = Pattern.compile("<0x[0-9A-F]{2}>");

    private TokenizerLoader() {}

    /** True if {@code folder} has {@code tokenizer.json}, {@code vocab.json} + {@code merges.txt} or {@code tokenizer.model}. */
    public static boolean canLoad(Path folder) {
        DjlOffline.ensure();
        return Files.isRegularFile(folder.resolve(TokenizerConfig.TOKENIZER_FILE))
                || Files.isRegularFile(folder.resolve(SentencePieceModel.FILE))
                || (Files.isRegularFile(folder.resolve(VocabMerges.VOCAB_FILE))
                        && Files.isRegularFile(folder.resolve(VocabMerges.MERGES_FILE)));
    }

    /** Loads with {@link Engine#AUTO}. */
    public static Tokenizer load(Path folder) {
        return load(folder, Engine.AUTO);
    }

    /**
     * Loads the tokenizer of {@code folder}; the caller closes it.
     *
     * @throws TokenizerException naming the file if a file is missing or malformed, or the class is unsupported
     */
    public static Tokenizer load(Path folder, Engine engine) {
        DjlOffline.ensure();
        TokenizerConfig config = TokenizerConfig.read(folder);
        switch (kind(folder, config)) {
            case "Qwen2Tokenizer":
                return qwen2(folder, config, engine);
            case "LlamaTokenizer":
                return llama(folder, config);
            default:
                throw new IllegalStateException("unreachable");
        }
    }

    /**
     * The tokenizer.json HF's conversion makes of the folder's files ({@code Qwen2Converter} or
     * {@code LlamaConverter} with {@code LlamaTokenizerFast}'s post-processor), with its added tokens.
     */
    public static String tokenizerJson(Path folder) {
        DjlOffline.ensure();
        TokenizerConfig config = TokenizerConfig.read(folder);
        if (kind(folder, config).equals("Qwen2Tokenizer")) {
            ByteLevelSource source = byteLevelSource(folder);
            try (Qwen2Tokenizer t = new Qwen2Tokenizer(config, source.bpe, null)) {
                return Qwen2Converter.convert(source.idToToken(), source.merges, sortedAdded(t));
            }
        }
        SentencePieceSource source = sentencePieceSource(folder);
        var c = config.config();
        String json = LlamaConverter.engineJson(LlamaConverter.idToToken(source.model), source.merges,
                source.model.unkPiece(), source.model.byteFallback());
        try (LlamaTokenizer t = new LlamaTokenizer(config, source.model,
                SegmentEncoder.of(HfEngine.fromJson(json, folder.toString())))) {
            AddedToken bos = c.getBoolean("add_bos_token", true) ? special(t, "bos_token") : null;
            AddedToken eos = c.getBoolean("add_eos_token", false) ? special(t, "eos_token") : null;
            return LlamaConverter.convert(LlamaConverter.idToToken(source.model), source.merges,
                    source.model.unkPiece(), c.getBoolean("legacy", true), c.getBoolean("add_prefix_space", true),
                    bos, eos, sortedAdded(t));
        }
    }

    private static AddedToken special(PreTrainedTokenizer t, String name) {
        return t.specialTokens().get(name).map(s -> t.addedByContent.get(s)).orElse(null);
    }

    private static List<AddedToken> sortedAdded(PreTrainedTokenizer t) {
        List<AddedToken> added = new ArrayList<>(t.addedById.values());
        added.sort((a, b) -> Integer.compare(a.id(), b.id()));
        return added;
    }

    private static String kind(Path folder, TokenizerConfig config) {
        String cls = config.tokenizerClass().orElse(null);
        if (cls != null) {
            String base = cls.endsWith("Fast") ? cls.substring(0, cls.length() - 4) : cls;
            if (base.equals("Qwen2Tokenizer") || base.equals("LlamaTokenizer")) {
                return base;
            }
            throw new TokenizerException(folder.resolve(TokenizerConfig.TOKENIZER_CONFIG_FILE)
                    + ": tokenizer_class " + TokenizerConfig.quote(cls)
                    + " is not supported; expected Qwen2Tokenizer or LlamaTokenizer (with or without Fast)");
        }
        if (Files.isRegularFile(folder.resolve(SentencePieceModel.FILE))) {
            return "LlamaTokenizer";
        }
        if (Files.isRegularFile(folder.resolve(VocabMerges.VOCAB_FILE))) {
            return "Qwen2Tokenizer";
        }
        Path file = folder.resolve(TokenizerConfig.TOKENIZER_FILE);
        if (Files.isRegularFile(file)) {
            JsonNode root = readTree(file);
            return root.path("model").path("byte_fallback").asBoolean(false) ? "LlamaTokenizer" : "Qwen2Tokenizer";
        }
        throw new TokenizerException(folder + ": no tokenizer files; expected tokenizer.json, vocab.json and"
                + " merges.txt, or tokenizer.model");
    }

    // Qwen2

    /** A byte-level vocabulary with where it came from. */
    private static final class ByteLevelSource {
        final ByteLevelBpe bpe;
        final List<String[]> merges;
        /** The tokenizer.json tree when the model came from one, else null. */
        final JsonNode tokenizerJson;

        ByteLevelSource(ByteLevelBpe bpe, List<String[]> merges, JsonNode tokenizerJson) {
            this.bpe = bpe;
            this.merges = merges;
            this.tokenizerJson = tokenizerJson;
        }

        String[] idToToken() {
            String[] out = new String[bpe.vocab().values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1];
            bpe.vocab().forEach((t, id) -> out[id] = t);
            return out;
        }
    }

    private static ByteLevelSource byteLevelSource(Path folder) {
        if (Files.isRegularFile(folder.resolve(VocabMerges.VOCAB_FILE))
                || !Files.isRegularFile(folder.resolve(TokenizerConfig.TOKENIZER_FILE))) {
            VocabMerges vm = VocabMerges.read(folder);
            return new ByteLevelSource(new ByteLevelBpe(vm.vocab(), vm.merges(),
                    folder.resolve(VocabMerges.VOCAB_FILE) + " / " + folder.resolve(VocabMerges.MERGES_FILE)),
                    vm.merges(), null);
        }
        Path file = folder.resolve(TokenizerConfig.TOKENIZER_FILE);
        JsonNode root = readTree(file);
        JsonNode model = root.path("model");
        if (!"BPE".equals(model.path("type").asText())) {
            throw new TokenizerException(file + " $.model.type: expected \"BPE\", got " + model.path("type"));
        }
        Map<String, Integer> vocab = vocab(file, model);
        List<String[]> merges = merges(file, model);
        return new ByteLevelSource(new ByteLevelBpe(vocab, merges, file.toString()), merges, root);
    }

    private static Tokenizer qwen2(Path folder, TokenizerConfig config, Engine engine) {
        ByteLevelSource source = byteLevelSource(folder);
        boolean qwen2Split = source.tokenizerJson == null || isQwen2Pipeline(source.tokenizerJson);
        if (engine == Engine.AUTO && qwen2Split) {
            return new Qwen2Tokenizer(config, source.bpe, null);
        }
        String json;
        if (source.tokenizerJson != null && !qwen2Split) {
            ObjectNode root = source.tokenizerJson.deepCopy();
            root.putArray("added_tokens");
            root.putNull("post_processor");
            root.putNull("decoder");
            json = root.toString();
        } else {
            json = Qwen2Converter.convert(source.idToToken(), source.merges, List.of());
        }
        HfEngine hf = HfEngine.fromJson(json, folder.toString());
        try {
            return new Qwen2Tokenizer(config, source.bpe, SegmentEncoder.of(hf));
        } catch (RuntimeException e) {
            hf.close();
            throw e;
        }
    }

    /** NFC (or none) and a Split on Qwen2's regex followed by ByteLevel without its own regex. */
    private static boolean isQwen2Pipeline(JsonNode root) {
        JsonNode normalizer = root.path("normalizer");
        if (!(normalizer.isNull() || normalizer.isMissingNode() || "NFC".equals(normalizer.path("type").asText()))) {
            return false;
        }
        JsonNode pre = root.path("pre_tokenizer");
        if (!"Sequence".equals(pre.path("type").asText()) || pre.path("pretokenizers").size() != 2) {
            return false;
        }
        JsonNode split = pre.path("pretokenizers").get(0);
        JsonNode byteLevel = pre.path("pretokenizers").get(1);
        return "Split".equals(split.path("type").asText())
                && Qwen2Converter.PRETOKENIZE_REGEX.equals(split.path("pattern").path("Regex").asText())
                && "Isolated".equals(split.path("behavior").asText()) && !split.path("invert").asBoolean(false)
                && "ByteLevel".equals(byteLevel.path("type").asText())
                && !byteLevel.path("use_regex").asBoolean(true)
                && !byteLevel.path("add_prefix_space").asBoolean(false);
    }

    // Llama

    /** A SentencePiece model and its merges. */
    private static final class SentencePieceSource {
        final SentencePieceModel model;
        final List<String[]> merges;

        SentencePieceSource(SentencePieceModel model, List<String[]> merges) {
            this.model = model;
            this.merges = merges;
        }
    }

    private static SentencePieceSource sentencePieceSource(Path folder) {
        Path spFile = folder.resolve(SentencePieceModel.FILE);
        if (Files.isRegularFile(spFile) || !Files.isRegularFile(folder.resolve(TokenizerConfig.TOKENIZER_FILE))) {
            SentencePieceModel model = SentencePieceModel.read(spFile);
            if (model.modelType() != SentencePieceModel.BPE) {
                throw new TokenizerException(spFile + ": trainer_spec.model_type is " + model.modelType()
                        + "; expected 2 (BPE), the type LlamaTokenizer's models have");
            }
            return new SentencePieceSource(model, LlamaConverter.merges(model));
        }
        return sentencePieceFromJson(folder.resolve(TokenizerConfig.TOKENIZER_FILE));
    }

    /**
     * The SentencePiece model a Llama tokenizer.json stands for: its BPE vocabulary and merges; piece types from
     * the unk token, the byte pieces and the special added tokens; Llama's normalizer spec (dummy prefix, no
     * extra-space removal).
     */
    private static SentencePieceSource sentencePieceFromJson(Path file) {
        JsonNode root = readTree(file);
        JsonNode model = root.path("model");
        if (!"BPE".equals(model.path("type").asText())) {
            throw new TokenizerException(file + " $.model.type: expected \"BPE\", got " + model.path("type"));
        }
        Map<String, Integer> vocab = vocab(file, model);
        String[] pieces = new String[vocab.size()];
        for (Map.Entry<String, Integer> e : vocab.entrySet()) {
            if (e.getValue() >= pieces.length) {
                throw new TokenizerException(file + " $.model.vocab: id " + e.getValue() + " of "
                        + TokenizerConfig.quote(e.getKey()) + " is out of range; expected ids 0.." + (pieces.length - 1));
            }
            pieces[e.getValue()] = e.getKey();
        }
        Set<String> control = new HashSet<>();
        Set<String> userDefined = new HashSet<>();
        for (JsonNode t : root.path("added_tokens")) {
            (t.path("special").asBoolean(false) ? control : userDefined).add(t.path("content").asText());
        }
        String unk = model.path("unk_token").isTextual() ? model.path("unk_token").asText() : "<unk>";
        boolean byteFallback = model.path("byte_fallback").asBoolean(false);
        List<SentencePieceModel.Piece> list = new ArrayList<>(pieces.length);
        for (String p : pieces) {
            if (p == null) {
                throw new TokenizerException(file + " $.model.vocab: the ids have gaps; expected ids 0.."
                        + (pieces.length - 1));
            }
            SentencePieceModel.Type type = p.equals(unk) ? SentencePieceModel.Type.UNKNOWN
                    : byteFallback && BYTE_PIECE.matcher(p).matches() ? SentencePieceModel.Type.BYTE
                    : control.contains(p) ? SentencePieceModel.Type.CONTROL
                    : userDefined.contains(p) ? SentencePieceModel.Type.USER_DEFINED
                    : SentencePieceModel.Type.NORMAL;
            list.add(new SentencePieceModel.Piece(p, 0f, type));
        }
        SentencePieceModel sp = new SentencePieceModel(List.copyOf(list), SentencePieceModel.BPE, byteFallback, unk,
                " \u2047 ", "identity", new byte[0], true, false, true);
        List<String[]> merges = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>(vocab);
        for (String[] m : merges(file, model)) {
            Integer merged = ids.get(m[0] + m[1]);
            if (merged == null || list.get(merged).mergeable()) {
                merges.add(m);
            }
        }
        return new SentencePieceSource(sp, merges);
    }

    private static Tokenizer llama(Path folder, TokenizerConfig config) {
        SentencePieceSource source = sentencePieceSource(folder);
        String json = LlamaConverter.engineJson(LlamaConverter.idToToken(source.model), source.merges,
                source.model.unkPiece(), source.model.byteFallback());
        HfEngine hf = HfEngine.fromJson(json, folder.toString());
        try {
            return new LlamaTokenizer(config, source.model, SegmentEncoder.of(hf));
        } catch (RuntimeException e) {
            hf.close();
            throw e;
        }
    }

    // tokenizer.json

    private static JsonNode readTree(Path file) {
        try {
            JsonNode root = MAPPER.readTree(Files.readString(file));
            if (root == null || !root.isObject()) {
                throw new TokenizerException(file + ": expected a JSON object");
            }
            return root;
        } catch (NoSuchFileException e) {
            throw new TokenizerException(file + ": file not found", e);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new TokenizerException(file + ": not valid JSON" + (loc == null ? "" : " at line " + loc.getLineNr()
                    + ", column " + loc.getColumnNr()) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new TokenizerException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static Map<String, Integer> vocab(Path file, JsonNode model) {
        JsonNode v = model.path("vocab");
        if (!v.isObject() || v.isEmpty()) {
            throw new TokenizerException(file + " $.model.vocab: expected an object of token -> id");
        }
        Map<String, Integer> vocab = new HashMap<>(v.size() * 2);
        for (var it = v.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().canConvertToInt() || !e.getValue().isIntegralNumber() || e.getValue().intValue() < 0) {
                throw new TokenizerException(file + " $.model.vocab: expected a token id >= 0 for "
                        + TokenizerConfig.quote(e.getKey()) + ", got " + e.getValue());
            }
            vocab.put(e.getKey(), e.getValue().intValue());
        }
        return vocab;
    }

    private static List<String[]> merges(Path file, JsonNode model) {
        JsonNode m = model.path("merges");
        if (!m.isArray()) {
            throw new TokenizerException(file + " $.model.merges: expected an array");
        }
        List<String[]> merges = new ArrayList<>(m.size());
        for (int i = 0; i < m.size(); i++) {
            JsonNode e = m.get(i);
            String[] pair;
            if (e.isTextual()) {
                String s = e.asText();
                int space = s.indexOf(' ');
                pair = space <= 0 || space != s.lastIndexOf(' ') ? null
                        : new String[] {s.substring(0, space), s.substring(space + 1)};
            } else if (e.isArray() && e.size() == 2 && e.get(0).isTextual() && e.get(1).isTextual()) {
                pair = new String[] {e.get(0).asText(), e.get(1).asText()};
            } else {
                pair = null;
            }
            if (pair == null || pair[1].isEmpty()) {
                throw new TokenizerException(file + " $.model.merges[" + i + "]: expected \"a b\" or [\"a\", \"b\"],"
                        + " got " + e);
            }
            merges.add(pair);
        }
        return merges;
    }
}

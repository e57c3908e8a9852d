package io.vlm4j.processors.tokenizer;

import io.vlm4j.TokenizerException;
import io.vlm4j.text.SpecialTokens;
import io.vlm4j.text.StreamingDecoder;
import io.vlm4j.text.Tokenizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What HF's slow {@code PreTrainedTokenizer} ({@code tokenization_utils.py}) does around a model: splits text on
 * the added tokens with their flags ({@code tokenize}), encodes the text between them with the model
 * ({@code _tokenize}), and knows the special tokens that {@code skip_special_tokens} removes and the "legacy" added
 * tokens that {@code _decode} decodes apart from the model's text.
 *
 * <p>Thread-safe. Subclasses hold the model and decode.
 */
abstract class PreTrainedTokenizer implements Tokenizer {
    /** The added tokens by id and by content. */
    final Map<Integer, AddedToken> addedById;
    final Map<String, AddedToken> addedByContent;
    /** HF's {@code all_special_tokens} and their ids. */
    final Set<String> allSpecialTokens;
    final List<Integer> allSpecialIds;
    final Set<Integer> specialIdSet;
    /** {@code _decode}'s {@code legacy_added_tokens}: decoded as their text, apart from the model's tokens. */
    final Set<String> legacyAddedTokens;
    final SpecialTokens specialTokens;
    private final boolean splitSpecialTokens;
    private final Trie trie;
    private final int vocabSize;

    /**
     * Completes the added tokens as {@code PreTrainedTokenizer.__init__} does: a special token that is not an added
     * token yet becomes one, with its vocabulary id if the model has it, else the next free id.
     */
    PreTrainedTokenizer(TokenizerConfig config, ModelVocab model) {
        Map<Integer, AddedToken> byId = new HashMap<>();
        Map<String, AddedToken> byContent = new HashMap<>();
        for (AddedToken t : config.addedTokens()) {
            String existing = model.token(t.id());
            if (existing != null && !existing.equals(t.content()) && t.id() < model.size()) {
                throw new TokenizerException(config.folder().resolve(TokenizerConfig.TOKENIZER_CONFIG_FILE)
                        + ": added token " + TokenizerConfig.quote(t.content()) + " has id " + t.id()
                        + ", which the vocabulary gives to " + TokenizerConfig.quote(existing)
                        + "; expected an id of its own or of the same token");
            }
            byId.put(t.id(), t);
            byContent.put(t.content(), t);
        }
        int total = model.size();
        for (AddedToken t : byId.values()) {
            if (model.id(t.content()) < 0) {
                total++;
            }
        }
        for (AddedToken special : config.allSpecialTokens()) {
            if (special.content().isEmpty() || byContent.containsKey(special.content())) {
                continue;
            }
            int id = model.id(special.content());
            if (id < 0) {
                id = total++;
            }
            AddedToken t = new AddedToken(id, special.content(), special.singleWord(), special.lstrip(),
                    special.rstrip(), special.normalized(), true);
            byId.put(id, t);
            byContent.put(t.content(), t);
        }
        this.vocabSize = total;
        this.addedById = Collections.unmodifiableMap(byId);
        this.addedByContent = Collections.unmodifiableMap(byContent);
        Set<String> specials = new LinkedHashSet<>();
        config.allSpecialTokens().forEach(t -> specials.add(t.content()));
        this.allSpecialTokens = Collections.unmodifiableSet(specials);
        List<Integer> ids = new ArrayList<>();
        for (String s : specials) {
            AddedToken t = byContent.get(s);
            ids.add(t != null ? t.id() : model.id(s));
        }
        this.allSpecialIds = List.copyOf(ids);
        this.specialIdSet = Set.copyOf(ids);
        Set<String> legacy = new HashSet<>(byContent.keySet());
        legacy.removeAll(specials);
        for (AddedToken t : config.additionalSpecialTokens()) {
            AddedToken added = byContent.get(t.content());
            if (added != null && added.id() >= model.size()) {
                legacy.add(t.content());
            }
        }
        this.legacyAddedTokens = Collections.unmodifiableSet(legacy);
        this.specialTokens = config.specialTokens();
        this.splitSpecialTokens = config.config().getBoolean("split_special_tokens", false);
        this.trie = new Trie(byContent.keySet());
    }

    /** The model's vocabulary, as the base needs it. */
    interface ModelVocab {
        /** The token of a model id, or null. */
        String token(int id);

        /** The id of a model token, or -1. */
        int id(String token);

        /** The number of model tokens ({@code vocab_size}). */
        int size();
    }

    /** The model's vocabulary. */
    abstract ModelVocab model();

    /** {@code prepare_for_tokenization}. */
    String prepareForTokenization(String text) {
        return text;
    }

    /** {@code _tokenize} of one piece of text between added tokens: appends its ids. */
    abstract void tokenizeSegment(String segment, IntList out);

    /**
     * {@code PreTrainedTokenizer.tokenize} to ids: split on the added tokens, apply their {@code rstrip},
     * {@code lstrip} and {@code single_word}, encode the text pieces.
     */
    IntList tokenize(String text) {
        text = prepareForTokenization(text);
        List<String> tokens = splitSpecialTokens ? new ArrayList<>(List.of(text)) : new ArrayList<>(trie.split(text));
        if (!splitSpecialTokens) {
            for (int i = 0; i < tokens.size(); i++) {
                AddedToken t = addedByContent.get(tokens.get(i));
                if (t == null) {
                    continue;
                }
                String left = i > 0 ? tokens.get(i - 1) : null;
                String right = i < tokens.size() - 1 ? tokens.get(i + 1) : null;
                if (t.rstrip() && right != null && !right.isEmpty()) {
                    tokens.set(i + 1, PyStrings.lstrip(right));
                }
                if (t.lstrip() && left != null && !left.isEmpty()) {
                    tokens.set(i - 1, PyStrings.rstrip(left));
                }
                if (t.singleWord() && left != null && !left.isEmpty() && left.charAt(left.length() - 1) != ' ') {
                    tokens.set(i - 1, tokens.get(i - 1) + tokens.get(i));
                    tokens.set(i, "");
                } else if (t.singleWord() && right != null && !right.isEmpty() && right.charAt(0) != ' ') {
                    tokens.set(i + 1, tokens.get(i) + tokens.get(i + 1));
                    tokens.set(i, "");
                }
            }
        }
        IntList ids = new IntList(text.length() / 3 + 8);
        for (String token : tokens) {
            if (token.isEmpty()) {
                continue;
            }
            AddedToken t = splitSpecialTokens ? null : addedByContent.get(token);
            if (t != null) {
                ids.add(t.id());
            } else {
                tokenizeSegment(token, ids);
            }
        }
        return ids;
    }

    /** {@code build_inputs_with_special_tokens} for one sequence. */
    int[] buildInputsWithSpecialTokens(IntList ids) {
        return ids.toArray();
    }

    @Override
    public int[] encode(String text, boolean addSpecialTokens) {
        IntList ids = tokenize(text);
        return addSpecialTokens ? buildInputsWithSpecialTokens(ids) : ids.toArray();
    }

    @Override
    public String decode(int[] ids, boolean skipSpecialTokens) {
        StreamingDecoder decoder = newStreamingDecoder(skipSpecialTokens);
        StringBuilder out = new StringBuilder(ids.length * 4);
        for (int id : ids) {
            out.append(decoder.push(id));
        }
        return out.append(decoder.flush()).toString();
    }

    /** {@code convert_ids_to_tokens} for one id. @throws TokenizerException if the id is unknown */
    String tokenOf(int id) {
        AddedToken t = addedById.get(id);
        if (t != null) {
            return t.content();
        }
        String token = model().token(id);
        if (token == null) {
            throw new TokenizerException("token id " + id + " is not in the vocabulary (size " + vocabSize + ")");
        }
        return token;
    }

    @Override
    public OptionalInt tokenToId(String token) {
        AddedToken t = addedByContent.get(token);
        if (t != null) {
            return OptionalInt.of(t.id());
        }
        int id = model().id(token);
        return id < 0 ? OptionalInt.empty() : OptionalInt.of(id);
    }

    @Override
    public String idToToken(int id) {
        AddedToken t = addedById.get(id);
        if (t != null) {
            return t.content();
        }
        String token = model().token(id);
        if (token == null) {
            throw new IllegalArgumentException("token id " + id + " is not in the vocabulary (size " + vocabSize + ")");
        }
        return token;
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public SpecialTokens specialTokens() {
        return specialTokens;
    }

    @Override
    public List<Integer> allSpecialIds() {
        return allSpecialIds;
    }
}

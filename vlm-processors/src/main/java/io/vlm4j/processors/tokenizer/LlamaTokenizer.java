package io.vlm4j.processors.tokenizer;

import io.vlm4j.text.StreamingDecoder;
import java.util.HashMap;
import java.util.Map;

/**
 * HF's slow {@code LlamaTokenizer} ({@code tokenization_llama.py}) over SentencePiece BPE with byte fallback, the
 * BPE run by HF tokenizers.
 *
 * <p>Encoding, {@code legacy=false}: every U+2581 becomes a space and one U+2581 is prepended
 * ({@code add_prefix_space}); the added tokens are split out; a piece that starts with U+2581 or a space is
 * encoded after the unknown token's text, whose ids are dropped ({@code _tokenize}), the others alone, all without
 * SentencePiece's dummy prefix, so no space is invented after a special token; a lone leading U+2581 before a
 * special token is dropped. {@code legacy=true}: each piece is encoded with the model's own normalizer (its dummy
 * prefix). {@code add_bos_token}/{@code add_eos_token} put BOS/EOS around the ids.
 *
 * <p>Decoding is the slow {@code _decode}: the legacy added tokens (added tokens that are not special, such as
 * {@code <image>} when it is not in the special-tokens map) stand apart and the parts are joined with a space
 * ({@code spaces_between_special_tokens} is True there: {@code LlamaTokenizer} takes it in {@code __init__} but
 * its decode never reads it); in each part ({@code convert_tokens_to_string}) the first token loses its leading
 * U+2581, special tokens are written as their text, the rest is SentencePiece's decode (byte pieces to UTF-8 with
 * one U+FFFD per bad byte, U+2581 to spaces); then {@code clean_up_tokenization_spaces} if the config sets it.
 *
 * <p>Thread-safe; closing frees the HF tokenizers engine and is idempotent.
 */
final class LlamaTokenizer extends PreTrainedTokenizer {
    static final char SPIECE_UNDERLINE = '\u2581';

    private final SentencePieceModel sp;
    private final Map<String, Integer> pieceIds;
    private final SegmentEncoder engine;
    private final ModelVocab vocab;
    private final boolean legacy;
    private final boolean addPrefixSpace;
    private final boolean addBosToken;
    private final boolean addEosToken;
    private final boolean cleanUpTokenizationSpaces;
    private final boolean addDummyPrefix;
    private final String unkToken;
    private final int unkTokenLength;
    private final int unkId;

    LlamaTokenizer(TokenizerConfig config, SentencePieceModel sp, SegmentEncoder engine) {
        this(config, sp, pieceIds(sp), engine);
    }

    private LlamaTokenizer(TokenizerConfig config, SentencePieceModel sp, Map<String, Integer> pieceIds,
            SegmentEncoder engine) {
        super(config, vocabOf(sp, pieceIds));
        this.sp = sp;
        this.pieceIds = pieceIds;
        this.engine = engine;
        this.vocab = vocabOf(sp, pieceIds);
        var c = config.config();
        this.legacy = c.getBoolean("legacy", true);
        this.addPrefixSpace = c.getBoolean("add_prefix_space", true);
        this.addBosToken = c.getBoolean("add_bos_token", true);
        this.addEosToken = c.getBoolean("add_eos_token", false);
        this.cleanUpTokenizationSpaces = c.getBoolean("clean_up_tokenization_spaces", false);
        // get_spm_processor: legacy=False loads the model with add_dummy_prefix switched off
        this.addDummyPrefix = legacy && sp.addDummyPrefix();
        AddedToken unk = config.namedSpecialTokens().get("unk_token");
        this.unkToken = unk == null ? "None" : unk.content();
        int unkIndex = 0;
        for (int i = 0; i < sp.pieces().size(); i++) {
            if (sp.pieces().get(i).type() == SentencePieceModel.Type.UNKNOWN) {
                unkIndex = i;
                break;
            }
        }
        this.unkId = unkIndex;
        IntList probe = new IntList(8);
        spEncode(unkToken, probe);
        this.unkTokenLength = probe.size();
    }

    private static Map<String, Integer> pieceIds(SentencePieceModel sp) {
        Map<String, Integer> ids = new HashMap<>(sp.pieces().size() * 2);
        for (int i = 0; i < sp.pieces().size(); i++) {
            ids.putIfAbsent(sp.pieces().get(i).piece(), i);
        }
        return ids;
    }

    private static ModelVocab vocabOf(SentencePieceModel sp, Map<String, Integer> pieceIds) {
        return new ModelVocab() {
            @Override
            public String token(int id) {
                return id >= 0 && id < sp.pieces().size() ? sp.pieces().get(id).piece() : null;
            }

            @Override
            public int id(String token) {
                Integer id = pieceIds.get(token);
                return id == null ? -1 : id;
            }

            @Override
            public int size() {
                return sp.pieces().size();
            }
        };
    }

    @Override
    ModelVocab model() {
        return vocab;
    }

    @Override
    IntList tokenize(String text) {
        if (legacy || text.isEmpty()) {
            return super.tokenize(text);
        }
        text = text.replace(SPIECE_UNDERLINE, ' ');
        if (addPrefixSpace) {
            text = SPIECE_UNDERLINE + text;
        }
        IntList ids = super.tokenize(text);
        if (ids.size() > 1 && tokenOf(ids.get(0)).equals(String.valueOf(SPIECE_UNDERLINE))
                && allSpecialTokens.contains(tokenOf(ids.get(1)))) {
            ids.removeFirst(1);
        }
        return ids;
    }

    @Override
    void tokenizeSegment(String segment, IntList out) {
        if (legacy || !(segment.charAt(0) == SPIECE_UNDERLINE || segment.charAt(0) == ' ')) {
            spEncode(segment, out);
            return;
        }
        IntList ids = new IntList(segment.length() / 2 + 8);
        spEncode(unkToken + segment, ids);
        if (ids.size() >= unkTokenLength) {
            ids.removeFirst(unkTokenLength);
        }
        out.addAll(ids.toArray());
    }

    /**
     * {@code sp_model.encode(text)}: SentencePiece's normalizer (identity rules: extra spaces removed if the model
     * says so, the dummy prefix if on; spaces are escaped to U+2581 by the engine), then BPE with byte fallback.
     */
    private void spEncode(String text, IntList out) {
        String s = text;
        if (sp.removeExtraWhitespaces()) {
            s = removeExtraWhitespaces(s);
        }
        if (s.isEmpty()) {
            return;
        }
        if (addDummyPrefix) {
            s = " " + s;
        }
        engine.encode(s, out);
    }

    private static String removeExtraWhitespaces(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean space = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ') {
                if (!space) {
                    sb.append(c);
                }
                space = true;
            } else {
                sb.append(c);
                space = false;
            }
        }
        int n = sb.length();
        while (n > 0 && sb.charAt(n - 1) == ' ') {
            n--;
        }
        sb.setLength(n);
        return sb.toString();
    }

    @Override
    int[] buildInputsWithSpecialTokens(IntList ids) {
        IntList out = new IntList(ids.size() + 2);
        if (addBosToken) {
            specialId("bos_token", out);
        }
        out.addAll(ids.toArray());
        if (addEosToken) {
            specialId("eos_token", out);
        }
        return out.toArray();
    }

    private void specialId(String name, IntList out) {
        specialTokens.get(name).ifPresent(t -> out.add(tokenToId(t).orElse(unkId)));
    }

    @Override
    public StreamingDecoder newStreamingDecoder(boolean skipSpecialTokens) {
        return new Decoder(skipSpecialTokens);
    }

    @Override
    public void close() {
        engine.close();
    }

    /** The slow {@code _decode}, one id at a time. */
    private final class Decoder implements StreamingDecoder {
        private final boolean skipSpecialTokens;
        private final CleanUp.Stream cleanUp = cleanUpTokenizationSpaces ? new CleanUp.Stream() : null;
        private final StringBuilder out = new StringBuilder();
        private int subTexts;
        private Part part;

        Decoder(boolean skipSpecialTokens) {
            this.skipSpecialTokens = skipSpecialTokens;
        }

        @Override
        public String push(int id) {
            String token = tokenOf(id);
            if (skipSpecialTokens && (specialIdSet.contains(id) || allSpecialTokens.contains(token))) {
                return "";
            }
            if (legacyAddedTokens.contains(token)) {
                endPart(false);
                separator();
                out.append(token);
                subTexts++;
            } else {
                if (part == null) {
                    part = new Part();
                }
                part.add(token);
            }
            return take(false);
        }

        @Override
        public String flush() {
            endPart(true);
            return take(true);
        }

        private void separator() {
            if (subTexts > 0) {
                out.append(' ');
            }
        }

        private void endPart(boolean last) {
            if (part == null) {
                return;
            }
            part.finish();
            if (part.produced) {
                subTexts++;
            } else if (last) {
                separator();
                subTexts++;
            }
            part = null;
        }

        private String take(boolean end) {
            String s = out.toString();
            out.setLength(0);
            if (cleanUp == null) {
                return s;
            }
            String clean = cleanUp.add(s);
            return end ? clean + cleanUp.finish() : clean;
        }

        /** {@code convert_tokens_to_string} of one part, streamed. */
        private final class Part {
            private final StringBuilder text = new StringBuilder();
            private int index;
            private boolean prevIsSpecial;
            private boolean produced;
            private SpDecode decode = new SpDecode(text);

            void add(String token) {
                if (index == 0 && addPrefixSpace && !token.isEmpty() && token.charAt(0) == SPIECE_UNDERLINE) {
                    token = token.substring(1);
                }
                if (allSpecialTokens.contains(token)) {
                    decode.finish();
                    text.append(token);
                    prevIsSpecial = true;
                    decode = new SpDecode(text);
                } else {
                    if (prevIsSpecial && index == 1 && addPrefixSpace
                            && (token.isEmpty() || token.charAt(0) != SPIECE_UNDERLINE)) {
                        text.append(' ');
                    }
                    decode.add(token);
                    prevIsSpecial = false;
                }
                index++;
                emit();
            }

            void finish() {
                decode.finish();
                emit();
            }

            private void emit() {
                if (text.length() > 0) {
                    if (!produced) {
                        separator();
                        produced = true;
                    }
                    out.append(text);
                    text.setLength(0);
                }
            }
        }
    }

    /** One {@code sp_model.decode(pieces)} call (SentencePiece's {@code Decode}), streamed into {@code out}. */
    private final class SpDecode {
        private final StringBuilder out;
        private final Utf8Bytes bytes = new Utf8Bytes(Utf8Bytes.Mode.SENTENCEPIECE);
        private boolean isBosWs = true;
        private boolean bosWsSeen;
        private boolean empty = true;

        SpDecode(StringBuilder out) {
            this.out = out;
        }

        void add(String piece) {
            Integer found = pieceIds.get(piece);
            int id = found == null ? unkId : found;
            SentencePieceModel.Type type = sp.pieces().get(id).type();
            if (type == SentencePieceModel.Type.BYTE) {
                int before = out.length();
                bytes.add(Integer.parseInt(piece.substring(3, 5), 16), out);
                empty &= out.length() == before;
                return;
            }
            finishBytes();
            if (bosWsSeen || !empty) {
                isBosWs = false;
            }
            String decoded;
            boolean hasBosWs = false;
            if (type == SentencePieceModel.Type.CONTROL) {
                decoded = "";
            } else if (type == SentencePieceModel.Type.UNKNOWN) {
                decoded = sp.pieces().get(id).piece().equals(piece) ? sp.unkSurface() : piece;
            } else {
                String p = piece;
                if (isBosWs && (addDummyPrefix || sp.removeExtraWhitespaces())) {
                    hasBosWs = !p.isEmpty() && p.charAt(0) == SPIECE_UNDERLINE;
                    if (hasBosWs) {
                        p = p.substring(1);
                    }
                    if (sp.removeExtraWhitespaces()) {
                        hasBosWs = false;
                    }
                }
                decoded = p.replace(SPIECE_UNDERLINE, ' ');
            }
            bosWsSeen = hasBosWs;
            out.append(decoded);
            empty &= decoded.isEmpty();
        }

        void finish() {
            finishBytes();
        }

        private void finishBytes() {
            int before = out.length();
            bytes.finish(out);
            empty &= out.length() == before;
        }
    }
}

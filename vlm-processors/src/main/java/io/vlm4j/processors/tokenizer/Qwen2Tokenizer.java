package io.vlm4j.processors.tokenizer;

import io.vlm4j.TokenizerException;
import io.vlm4j.text.StreamingDecoder;
import java.text.Normalizer;

/**
 * HF's slow {@code Qwen2Tokenizer} ({@code tokenization_qwen2.py}): NFC over the whole text
 * ({@code prepare_for_tokenization}), the added tokens split out, Qwen2's regex split and byte-level BPE on the
 * rest; no special tokens added around a sequence.
 *
 * <p>Decoding is {@code Qwen2Tokenizer.decode}: {@code spaces_between_special_tokens=False} and
 * {@code clean_up_tokenization_spaces=False} whatever the config says (its {@code decode} passes both), the model's
 * tokens turned back into bytes and decoded with {@code errors="replace"}, the legacy added tokens as their text.
 *
 * <p>Thread-safe. Closing frees the HF tokenizers engine if one runs the BPE; idempotent.
 */
final class Qwen2Tokenizer extends PreTrainedTokenizer {
    private final ByteLevelBpe bpe;
    private final SegmentEncoder engine;
    private final ModelVocab vocab;

    /**
     * @param bpe the vocabulary and merges
     * @param engine the BPE engine, {@code null} for the Java one ({@link ByteLevelBpe} after
     *     {@link Qwen2PreTokenizer})
     */
    Qwen2Tokenizer(TokenizerConfig config, ByteLevelBpe bpe, SegmentEncoder engine) {
        super(config, vocabOf(bpe));
        this.bpe = bpe;
        this.engine = engine;
        this.vocab = vocabOf(bpe);
    }

    private static ModelVocab vocabOf(ByteLevelBpe bpe) {
        return new ModelVocab() {
            @Override
            public String token(int id) {
                return bpe.token(id);
            }

            @Override
            public int id(String token) {
                return bpe.id(token);
            }

            @Override
            public int size() {
                return bpe.size();
            }
        };
    }

    @Override
    ModelVocab model() {
        return vocab;
    }

    @Override
    String prepareForTokenization(String text) {
        return Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    @Override
    void tokenizeSegment(String segment, IntList out) {
        if (engine != null) {
            engine.encode(segment, out);
        } else {
            Qwen2PreTokenizer.split(segment, 0, segment.length(), (start, end) -> bpe.encodeWord(segment, start, end, out));
        }
    }

    @Override
    public StreamingDecoder newStreamingDecoder(boolean skipSpecialTokens) {
        return new Decoder(skipSpecialTokens);
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
    }

    /** {@code _decode} with Qwen2's defaults, one id at a time. */
    private final class Decoder implements StreamingDecoder {
        private final boolean skipSpecialTokens;
        private final Utf8Bytes bytes = new Utf8Bytes(Utf8Bytes.Mode.PYTHON);
        private final StringBuilder out = new StringBuilder();

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
                bytes.finish(out);
                out.append(token);
            } else {
                for (int i = 0; i < token.length(); i++) {
                    int b = BytesToUnicode.byteOf(token.charAt(i));
                    if (b < 0) {
                        throw new TokenizerException("token " + id + " " + TokenizerConfig.quote(token)
                                + " has the character " + TokenizerConfig.quote(String.valueOf(token.charAt(i)))
                                + ", which stands for no byte; expected a byte-level token");
                    }
                    bytes.add(b, out);
                }
            }
            return take();
        }

        @Override
        public String flush() {
            bytes.finish(out);
            return take();
        }

        private String take() {
            String s = out.toString();
            out.setLength(0);
            return s;
        }
    }
}

package io.vlm4j.text;

import java.util.List;
import java.util.OptionalInt;

/**
 * A tokenizer as HF transformers' tokenizers behave (vlm4j's own reproduce the slow ones, which the golden data pins):
 * text to ids and back, added and special tokens kept whole.
 *
 * <p>Thread-safe. Holds native resources: close it when done ({@link #close()} is idempotent).
 */
public interface Tokenizer extends AutoCloseable {
    /**
     * Encodes {@code text}; {@code addSpecialTokens} adds what the tokenizer's post-processor adds (Llama's BOS).
     */
    int[] encode(String text, boolean addSpecialTokens);

    /** Decodes ids as HF's {@code decode(ids, skip_special_tokens=…)} with the tokenizer's clean-up setting. */
    String decode(int[] ids, boolean skipSpecialTokens);

    /** The id of a token (added tokens included), if it is in the vocabulary. */
    OptionalInt tokenToId(String token);

    /** The token of an id. @throws IllegalArgumentException if out of range */
    String idToToken(int id);

    /** The size of the vocabulary with added tokens. */
    int vocabSize();

    /** The special tokens, as {@code special_tokens_map} gives them to chat templates. */
    SpecialTokens specialTokens();

    /** The ids of all special tokens (those {@code skip_special_tokens} removes). */
    List<Integer> allSpecialIds();

    /**
     * A decoder for one generation's ids, fed one id at a time; its pieces concatenate to
     * {@code decode(ids, skipSpecialTokens)}.
     *
     * <p>The default ({@link StreamingDecoder#redecoding}) decodes the whole sequence again at every id and emits
     * what grew, holding back a trailing U+FFFD (a character still incomplete) — correct for any tokenizer whose
     * decode only changes at its end, quadratic in the length; implementations override it with an incremental
     * decoder.
     */
    default StreamingDecoder newStreamingDecoder(boolean skipSpecialTokens) {
        return StreamingDecoder.redecoding(ids -> decode(ids, skipSpecialTokens));
    }

    /** Releases native resources. Idempotent. */
    @Override
    void close();
}

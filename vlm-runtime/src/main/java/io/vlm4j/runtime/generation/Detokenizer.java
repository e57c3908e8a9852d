package io.vlm4j.runtime.generation;

import io.vlm4j.text.StreamingDecoder;
import io.vlm4j.text.Tokenizer;
import java.util.Objects;

/**
 * Turns generated ids into text, as HF's {@code tokenizer.decode(ids, skip_special_tokens=True)}: what
 * {@link Generation} streams and returns. Pluggable, so that generation works over ids with any tokenizer (or
 * none, in tests). Implementations are thread-safe.
 */
@FunctionalInterface
public interface Detokenizer {
    /** The text of {@code ids}. Incomplete UTF-8 at the end shows as U+FFFD, as HF's decode does. */
    String decode(int[] ids);

    /**
     * A streaming decoder for one sequence, whose pieces never break a character and concatenate to
     * {@link #decode} of all its ids; by default one that decodes again at every token ({@link TextStream}).
     */
    default StreamingDecoder newStreamingDecoder() {
        return new TextStream(this);
    }

    /** A tokenizer's {@code decode(ids, skipSpecialTokens = true)} and its own streaming decoder. */
    static Detokenizer of(Tokenizer tokenizer) {
        Objects.requireNonNull(tokenizer, "tokenizer");
        return new Detokenizer() {
            @Override
            public String decode(int[] ids) {
                return tokenizer.decode(ids, true);
            }

            @Override
            public StreamingDecoder newStreamingDecoder() {
                return tokenizer.newStreamingDecoder(true);
            }
        };
    }
}

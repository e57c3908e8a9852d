package io.vlm4j.text;

import java.util.function.Function;

/**
 * Turns generated ids into text as they come, for streaming: each {@link #push(int)} returns the text that the
 * id completes, never a broken character (a byte-level or byte-fallback token that ends inside a UTF-8 sequence
 * is held back until the sequence completes or turns out invalid), and the pieces of all pushes plus
 * {@link #flush()} concatenate to exactly {@link Tokenizer#decode(int[], boolean)} of all the ids.
 *
 * <p>One per generation: not thread-safe.
 */
public interface StreamingDecoder {
    /**
     * Adds one generated id.
     *
     * @return the text that became final with this id, possibly empty
     * @throws io.vlm4j.TokenizerException if the id is outside the vocabulary
     */
    String push(int id);

    /** Ends the sequence: returns the text still held back (an incomplete character decodes as HF does). */
    String flush();

    /**
     * The streaming decoder for a decode function that has no incremental one: it decodes all ids again at every
     * push (quadratic in the length) and emits the text added since the last piece, holding back a trailing
     * U+FFFD (a character still incomplete). Exact for any decode whose text only changes at its end; where a
     * decode rewrites earlier text, the stream goes on after as many characters as it already gave, as HF's
     * {@code TextStreamer} does.
     *
     * @param decode the text of a sequence of ids, incomplete UTF-8 at its end as U+FFFD
     */
    static StreamingDecoder redecoding(Function<int[], String> decode) {
        return new RedecodingStreamingDecoder(decode);
    }
}

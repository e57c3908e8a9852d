package io.vlm4j.text;

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
}

package io.vlm4j.runtime.generation;

import java.util.Arrays;

/**
 * Incremental detokenization of one sequence: after each token, the text added since the last piece — held back
 * while the text ends inside a character (an incomplete UTF-8 sequence decodes to U+FFFD), so that no piece
 * breaks one. Decodes the whole sequence each time, which is exact and simple (a tokenizer's own streaming decoder
 * can replace it behind {@link Detokenizer}).
 *
 * <p>The pieces concatenate to the final text whenever each decoded prefix is a prefix of the next decode, as with
 * byte-level BPE and SentencePiece; where a tokenizer's clean-up rewrites earlier text (" ." becoming "."), the
 * stream continues after what it already gave, as HF's {@code TextStreamer} does.
 *
 * <p>One per sequence: not thread-safe.
 */
final class TextStream {
    private static final char REPLACEMENT = '\uFFFD';

    private final Detokenizer detokenizer;
    private int[] ids = new int[16];
    private int count;
    private String text = "";
    private String textBeforeLast = "";
    private int emitted;

    TextStream(Detokenizer detokenizer) {
        this.detokenizer = detokenizer;
    }

    /** Appends a token; returns the new text that is complete, possibly empty. */
    String push(int id) {
        if (count == ids.length) {
            ids = Arrays.copyOf(ids, count * 2);
        }
        ids[count++] = id;
        textBeforeLast = text;
        text = detokenizer.decode(Arrays.copyOf(ids, count));
        if (text.isEmpty() || text.charAt(text.length() - 1) == REPLACEMENT) {
            return "";
        }
        return take();
    }

    /** The text not given yet: at the end of the sequence, complete or not. */
    String flush() {
        return take();
    }

    /** The decoded text of every token pushed. */
    String text() {
        return text;
    }

    /** The decoded text of every token but the last. */
    String textBeforeLast() {
        return textBeforeLast;
    }

    private String take() {
        if (text.length() <= emitted) {
            return "";
        }
        String piece = text.substring(emitted);
        emitted = text.length();
        return piece;
    }
}

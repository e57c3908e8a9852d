package io.vlm4j.runtime.generation;

import io.vlm4j.text.StreamingDecoder;
import java.util.Arrays;

/**
 * The streaming decoder of a {@link Detokenizer} that has none of its own: after each token it decodes the whole
 * sequence again and gives the text added since the last piece — held back while the text ends inside a
 * character (an incomplete UTF-8 sequence decodes to U+FFFD), so that no piece breaks one. Pieces concatenate to
 * the decoded text whenever each decoded prefix is a prefix of the next decode (byte-level BPE, SentencePiece);
 * where a tokenizer's clean-up rewrites earlier text, the stream goes on after what it already gave, as HF's
 * {@code TextStreamer} does.
 *
 * <p>One per sequence: not thread-safe.
 */
final class TextStream implements StreamingDecoder {
    private static final char REPLACEMENT = '\uFFFD';

    private final Detokenizer detokenizer;
    private int[] ids = new int[16];
    private int count;
    private String text = "";
    private int emitted;

    TextStream(Detokenizer detokenizer) {
        this.detokenizer = detokenizer;
    }

    @Override
    public String push(int id) {
        if (count == ids.length) {
            ids = Arrays.copyOf(ids, count * 2);
        }
        ids[count++] = id;
        text = detokenizer.decode(Arrays.copyOf(ids, count));
        if (text.isEmpty() || text.charAt(text.length() - 1) == REPLACEMENT) {
            return "";
        }
        return take();
    }

    @Override
    public String flush() {
        return take();
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

package io.vlm4j.text;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;

/**
 * The generic {@link StreamingDecoder} ({@link StreamingDecoder#redecoding}): decodes all ids again at every push
 * and emits the text added since the last piece, holding back a trailing run of U+FFFD, which an incomplete UTF-8
 * sequence decodes to until its next byte arrives, so that no piece breaks a character. Pieces concatenate to the
 * decoded text whenever each decoded prefix is a prefix of the next decode (byte-level BPE, SentencePiece); where
 * a decode's clean-up rewrites earlier text, the stream goes on after as many characters as it already gave, as
 * HF's {@code TextStreamer} does.
 *
 * <p>One per generation: not thread-safe.
 */
final class RedecodingStreamingDecoder implements StreamingDecoder {
    private static final char REPLACEMENT = '\uFFFD';

    private final Function<int[], String> decode;
    private int[] ids = new int[16];
    private int size;
    private String text = "";
    private int emitted;

    RedecodingStreamingDecoder(Function<int[], String> decode) {
        this.decode = Objects.requireNonNull(decode, "decode");
    }

    @Override
    public String push(int id) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
        }
        ids[size++] = id;
        text = decode.apply(Arrays.copyOf(ids, size));
        int end = text.length();
        while (end > emitted && text.charAt(end - 1) == REPLACEMENT) {
            end--;
        }
        return take(end);
    }

    @Override
    public String flush() {
        return take(text.length());
    }

    private String take(int end) {
        if (end <= emitted) {
            return "";
        }
        String piece = text.substring(emitted, end);
        emitted = end;
        return piece;
    }
}

package io.vlm4j.text;

import java.util.Arrays;

/**
 * The generic {@link StreamingDecoder}: decodes all ids again at every push and emits the text that grew, holding
 * back a trailing U+FFFD, which an incomplete UTF-8 sequence decodes to until its next byte arrives.
 *
 * <p>One per generation: not thread-safe.
 */
final class RedecodingStreamingDecoder implements StreamingDecoder {
    private static final char REPLACEMENT = '\uFFFD';

    private final Tokenizer tokenizer;
    private final boolean skipSpecialTokens;
    private int[] ids = new int[16];
    private int size;
    private String emitted = "";

    RedecodingStreamingDecoder(Tokenizer tokenizer, boolean skipSpecialTokens) {
        this.tokenizer = tokenizer;
        this.skipSpecialTokens = skipSpecialTokens;
    }

    @Override
    public String push(int id) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
        }
        ids[size++] = id;
        String text = tokenizer.decode(Arrays.copyOf(ids, size), skipSpecialTokens);
        int end = text.length();
        while (end > emitted.length() && text.charAt(end - 1) == REPLACEMENT) {
            end--;
        }
        return emit(text, end);
    }

    @Override
    public String flush() {
        return emit(tokenizer.decode(Arrays.copyOf(ids, size), skipSpecialTokens), -1);
    }

    private String emit(String text, int end) {
        int stop = end < 0 ? text.length() : end;
        if (!text.startsWith(emitted) || stop <= emitted.length()) {
            return "";
        }
        String piece = text.substring(emitted.length(), stop);
        emitted = text.substring(0, stop);
        return piece;
    }
}

package io.vlm4j.processors.tokenizer;

import java.util.Arrays;

/**
 * Bytes decoded to text as they arrive, holding back only a trailing sequence that may still complete, with one of
 * the two ways the slow tokenizers replace invalid UTF-8 by U+FFFD:
 * <ul>
 *   <li>{@link Mode#PYTHON}: Python's {@code bytes.decode("utf-8", errors="replace")} (byte-level BPE), one
 *       U+FFFD for each maximal invalid subpart (a lead byte with the continuation bytes valid so far);
 *   <li>{@link Mode#SENTENCEPIECE}: SentencePiece's byte-fallback decoding, one U+FFFD for each byte that does not
 *       start a complete valid character (its {@code DecodeUTF8}: no overlong forms, no surrogates, at most
 *       U+10FFFF).
 * </ul>
 * Decoding in pieces gives the same text as decoding all the bytes at once. Not thread-safe.
 */
final class Utf8Bytes {
    /** How invalid bytes are replaced. */
    enum Mode { PYTHON, SENTENCEPIECE }

    private static final char REPLACEMENT = '\uFFFD';

    private final Mode mode;
    private byte[] pending = new byte[8];
    private int size;

    Utf8Bytes(Mode mode) {
        this.mode = mode;
    }

    /** True if no byte is held back. */
    boolean isEmpty() {
        return size == 0;
    }

    /** Adds a byte; appends to {@code out} what is now decided. */
    void add(int b, StringBuilder out) {
        if (size == pending.length) {
            pending = Arrays.copyOf(pending, size * 2);
        }
        pending[size++] = (byte) b;
        drain(out, false);
    }

    /** Ends the bytes: appends what is held back, an incomplete sequence replaced. */
    void finish(StringBuilder out) {
        drain(out, true);
    }

    private void drain(StringBuilder out, boolean end) {
        int i = 0;
        while (i < size) {
            int used = mode == Mode.PYTHON ? python(i, end, out) : sentencePiece(i, end, out);
            if (used == 0) {
                break;
            }
            i += used;
        }
        System.arraycopy(pending, i, pending, 0, size - i);
        size -= i;
    }

    private int at(int i) {
        return pending[i] & 0xFF;
    }

    /** Decodes at {@code i}; returns the bytes used, or 0 to wait for more. */
    private int python(int i, boolean end, StringBuilder out) {
        int b0 = at(i);
        if (b0 < 0x80) {
            out.append((char) b0);
            return 1;
        }
        int need;
        int lo = 0x80;
        int hi = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            need = 1;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            need = 2;
            lo = b0 == 0xE0 ? 0xA0 : 0x80;
            hi = b0 == 0xED ? 0x9F : 0xBF;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            need = 3;
            lo = b0 == 0xF0 ? 0x90 : 0x80;
            hi = b0 == 0xF4 ? 0x8F : 0xBF;
        } else {
            out.append(REPLACEMENT);
            return 1;
        }
        int cp = b0 & (0x3F >> need);
        for (int k = 1; k <= need; k++) {
            if (i + k >= size) {
                if (end) {
                    out.append(REPLACEMENT);
                    return k;
                }
                return 0;
            }
            int b = at(i + k);
            int min = k == 1 ? lo : 0x80;
            int max = k == 1 ? hi : 0xBF;
            if (b < min || b > max) {
                out.append(REPLACEMENT);
                return k;
            }
            cp = (cp << 6) | (b & 0x3F);
        }
        out.appendCodePoint(cp);
        return need + 1;
    }

    /** SentencePiece's {@code DecodeUTF8}: all bytes of a character must be there and valid, else one byte is bad. */
    private int sentencePiece(int i, boolean end, StringBuilder out) {
        int b0 = at(i);
        if (b0 < 0x80) {
            out.append((char) b0);
            return 1;
        }
        int length;
        if ((b0 & 0xE0) == 0xC0) {
            length = 2;
        } else if ((b0 & 0xF0) == 0xE0) {
            length = 3;
        } else if ((b0 & 0xF8) == 0xF0) {
            length = 4;
        } else {
            out.append(REPLACEMENT);
            return 1;
        }
        int available = size - i;
        for (int k = 1; k < Math.min(length, available); k++) {
            if ((at(i + k) & 0xC0) != 0x80) {
                out.append(REPLACEMENT);
                return 1;
            }
        }
        if (available < length) {
            if (end) {
                out.append(REPLACEMENT);
                return 1;
            }
            return 0;
        }
        int cp = b0 & (0x7F >> length);
        for (int k = 1; k < length; k++) {
            cp = (cp << 6) | (at(i + k) & 0x3F);
        }
        int min = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
        boolean valid = cp >= min && (cp < 0xD800 || (cp >= 0xE000 && cp <= 0x10FFFF));
        if (!valid) {
            out.append(REPLACEMENT);
            return 1;
        }
        out.appendCodePoint(cp);
        return length;
    }
}

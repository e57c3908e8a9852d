package io.vlm4j.processors.tokenizer;

/**
 * GPT-2's reversible map between bytes and printable characters ({@code bytes_to_unicode} in HF's
 * {@code tokenization_gpt2.py}, shared by Qwen2): the printable Latin-1 bytes map to themselves, the other 68 bytes
 * to U+0100 onwards in byte order, so that a byte-level BPE token is a string with no whitespace or control
 * characters.
 *
 * <p>Immutable.
 */
final class BytesToUnicode {
    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[512];

    static {
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = printable ? (char) b : (char) next++;
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    private BytesToUnicode() {}

    /** The character of a byte (0..255). */
    static char charOf(int b) {
        return BYTE_TO_CHAR[b & 0xFF];
    }

    /** The byte of a character, or -1 if the character stands for no byte. */
    static int byteOf(char c) {
        return c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
    }

    /** The byte-level string of UTF-8 bytes. */
    static String encode(byte[] utf8) {
        char[] out = new char[utf8.length];
        for (int i = 0; i < utf8.length; i++) {
            out[i] = BYTE_TO_CHAR[utf8[i] & 0xFF];
        }
        return new String(out);
    }
}

package io.vlm4j.processors.tokenizer;

/**
 * Qwen2's pre-tokenizer: splits text as Python's {@code regex} module splits it with {@code PRETOKENIZE_REGEX} of
 * HF's {@code tokenization_qwen2.py},
 * <pre>{@code (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+}</pre>
 * written out as a scanner (the alternatives are tried in order at each position, with the backtracking the regex
 * engine does), because a general regex engine is several times slower here.
 *
 * <p>Character classes are those of Python's {@code regex}: {@code \s} is Unicode White_Space (not U+001C..U+001F),
 * {@code \p{L}} and {@code \p{N}} are the general categories L* and N* (from Java's Unicode tables), and the
 * case-insensitive {@code 's} also matches U+017F LATIN SMALL LETTER LONG S, as simple case folding says.
 *
 * <p>Stateless and thread-safe.
 */
final class Qwen2PreTokenizer {
    private static final byte LETTER = 1;
    private static final byte NUMBER = 2;
    private static final byte SPACE = 3;
    private static final byte OTHER = 0;
    private static final byte[] BMP = new byte[65536];

    static {
        for (int c = 0; c < 65536; c++) {
            BMP[c] = classify(c);
        }
    }

    /** Receives the pieces of a split, as {@code [start, end)} char offsets. */
    interface Sink {
        void piece(int start, int end);
    }

    private Qwen2PreTokenizer() {}

    /** Splits {@code text[from, to)} into the regex's matches, left to right. */
    static void split(String text, int from, int to, Sink sink) {
        int i = from;
        while (i < to) {
            int end = match(text, i, to);
            sink.piece(i, end);
            i = end;
        }
    }

    private static int match(String s, int i, int n) {
        int c0 = s.codePointAt(i);
        int i1 = i + Character.charCount(c0);
        int c1 = i1 < n ? s.codePointAt(i1) : -1;
        // (?i:'s|'t|'re|'ve|'m|'ll|'d)
        if (c0 == '\'' && c1 >= 0) {
            int i2 = i1 + Character.charCount(c1);
            int c2 = i2 < n ? s.charAt(i2) : -1;
            switch (c1) {
                case 's': case 'S': case 0x17F: case 't': case 'T': case 'm': case 'M': case 'd': case 'D':
                    return i2;
                case 'r': case 'R': case 'v': case 'V':
                    if (c2 == 'e' || c2 == 'E') {
                        return i2 + 1;
                    }
                    break;
                case 'l': case 'L':
                    if (c2 == 'l' || c2 == 'L') {
                        return i2 + 1;
                    }
                    break;
                default:
                    break;
            }
        }
        byte k0 = classOf(c0);
        byte k1 = c1 < 0 ? -1 : classOf(c1);
        // [^\r\n\p{L}\p{N}]?\p{L}+
        if (k0 == LETTER) {
            return letters(s, i1, n);
        }
        if (k0 != NUMBER && c0 != '\r' && c0 != '\n' && k1 == LETTER) {
            return letters(s, i1 + Character.charCount(c1), n);
        }
        // \p{N}
        if (k0 == NUMBER) {
            return i1;
        }
        // ' ?[^\s\p{L}\p{N}]+[\r\n]*'
        if (k0 == OTHER || (c0 == ' ' && k1 == OTHER)) {
            int j = k0 == OTHER ? i1 : i1 + Character.charCount(c1);
            while (j < n) {
                int c = s.codePointAt(j);
                if (classOf(c) != OTHER) {
                    break;
                }
                j += Character.charCount(c);
            }
            while (j < n && (s.charAt(j) == '\r' || s.charAt(j) == '\n')) {
                j++;
            }
            return j;
        }
        // k0 == SPACE: the whitespace run [i, j)
        int j = i1;
        int lastNewline = (c0 == '\r' || c0 == '\n') ? i : -1;
        while (j < n) {
            int c = s.codePointAt(j);
            if (classOf(c) != SPACE) {
                break;
            }
            if (c == '\r' || c == '\n') {
                lastNewline = j;
            }
            j += Character.charCount(c);
        }
        // \s*[\r\n]+
        if (lastNewline >= 0) {
            return lastNewline + 1;
        }
        // \s+(?!\S), then \s+
        if (j == n) {
            return j;
        }
        int last = s.offsetByCodePoints(j, -1);
        return last > i ? last : j;
    }

    private static int letters(String s, int j, int n) {
        while (j < n) {
            int c = s.codePointAt(j);
            if (classOf(c) != LETTER) {
                break;
            }
            j += Character.charCount(c);
        }
        return j;
    }

    private static byte classOf(int c) {
        return c < 65536 ? BMP[c] : classify(c);
    }

    private static byte classify(int c) {
        switch (c) {
            case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x20: case 0x85: case 0xA0: case 0x1680:
            case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
                return SPACE;
            default:
                break;
        }
        if (c >= 0x2000 && c <= 0x200A) {
            return SPACE;
        }
        switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER: case Character.LOWERCASE_LETTER: case Character.TITLECASE_LETTER:
            case Character.MODIFIER_LETTER: case Character.OTHER_LETTER:
                return LETTER;
            case Character.DECIMAL_DIGIT_NUMBER: case Character.LETTER_NUMBER: case Character.OTHER_NUMBER:
                return NUMBER;
            default:
                return OTHER;
        }
    }
}

package io.vlm4j.processors.tokenizer;

import java.util.ArrayList;
import java.util.List;

/** Python's {@code str.isspace}, {@code strip}, {@code lstrip}, {@code rstrip} and {@code split()}, which the slow
 * tokenizers use and Java's {@code strip}/{@code split} do not match. Stateless. */
final class PyStrings {
    private PyStrings() {}

    /** Python's {@code str.isspace} for one character: Unicode White_Space and U+001C..U+001F. */
    static boolean isSpace(int c) {
        switch (c) {
            case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x1C: case 0x1D: case 0x1E: case 0x1F:
            case 0x20: case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F:
            case 0x3000:
                return true;
            default:
                return c >= 0x2000 && c <= 0x200A;
        }
    }

    static String lstrip(String s) {
        int i = 0;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return s.substring(i);
    }

    static String rstrip(String s) {
        int j = s.length();
        while (j > 0 && isSpace(s.charAt(j - 1))) {
            j--;
        }
        return s.substring(0, j);
    }

    static String strip(String s) {
        return lstrip(rstrip(s));
    }

    /** {@code str.split()}: the runs between whitespace. */
    static String[] split(String s) {
        List<String> parts = new ArrayList<>(2);
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && isSpace(s.charAt(i))) {
                i++;
            }
            int j = i;
            while (j < n && !isSpace(s.charAt(j))) {
                j++;
            }
            if (j > i) {
                parts.add(s.substring(i, j));
            }
            i = j;
        }
        return parts.toArray(new String[0]);
    }
}

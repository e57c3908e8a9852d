package io.vlm4j.processors.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Python 3.11's {@code str} semantics on Java strings: strings are sequences of code points (an emoji is one
 * character for {@code len}, indexing and slicing), whitespace is Python's {@code str.isspace} (NBSP, U+3000, ...),
 * case mappings are the full Unicode ones ({@code 'ß'.upper()} is {@code 'SS'}). Stateless.
 */
final class PyStrings {
    private static final String[] ASCII = new String[128];

    static {
        for (int i = 0; i < ASCII.length; i++) {
            ASCII[i] = String.valueOf((char) i);
        }
    }

    private PyStrings() {}

    static String charString(char c) {
        return c < 128 ? ASCII[c] : String.valueOf(c);
    }

    static boolean hasSurrogates(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** {@code len(s)}: code points. */
    static int length(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return s.codePointCount(0, n);
            }
        }
        return n;
    }

    /** The char offset of code point index {@code cp} (0 ≤ cp ≤ length). */
    static int offset(String s, int cp) {
        if (cp == 0) {
            return 0;
        }
        if (!hasSurrogates(s)) {
            return cp;
        }
        return s.offsetByCodePoints(0, cp);
    }

    /** The code point index of char offset {@code off}. */
    static int cpIndex(String s, int off) {
        return s.codePointCount(0, off);
    }

    /** Orders strings by code point, as Python does. */
    static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
                    return Integer.compare(a.codePointAt(i), b.codePointAt(i));
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    // ---- character classes (Python's definitions)

    /** {@code str.isspace} of one code point. */
    static boolean isSpace(int c) {
        if (c < 128) {
            return c == ' ' || (c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x1f);
        }
        return c == 0x85 || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029
                || c == 0x202f || c == 0x205f || c == 0x3000;
    }

    static boolean isPrintable(int c) {
        if (c == ' ') {
            return true;
        }
        switch (Character.getType(c)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.SURROGATE:
            case Character.PRIVATE_USE:
            case Character.UNASSIGNED:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.SPACE_SEPARATOR:
                return false;
            default:
                return true;
        }
    }

    static boolean isAlpha(int c) {
        return Character.isLetter(c);
    }

    static boolean isDecimal(int c) {
        return Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER;
    }

    static boolean isDigit(int c) {
        if (isDecimal(c)) {
            return true;
        }
        if (Character.getType(c) == Character.OTHER_NUMBER) {
            int v = Character.getNumericValue(c);
            return v >= 0 && v <= 9;
        }
        return false;
    }

    static boolean isNumeric(int c) {
        int t = Character.getType(c);
        return t == Character.DECIMAL_DIGIT_NUMBER || t == Character.LETTER_NUMBER || t == Character.OTHER_NUMBER;
    }

    static boolean isAlnum(int c) {
        return isAlpha(c) || isNumeric(c);
    }

    /** A character of the regex {@code \w} as Python's {@code re} has it. */
    static boolean isWord(int c) {
        return c == '_' || isAlnum(c);
    }

    static boolean isCased(int c) {
        return Character.isUpperCase(c) || Character.isLowerCase(c) || Character.isTitleCase(c);
    }

    static boolean isIdentifierLike(String s) {
        if (s.isEmpty()) {
            return false;
        }
        int c = s.codePointAt(0);
        if (!(c == '_' || Character.isUnicodeIdentifierStart(c))) {
            return false;
        }
        for (int i = Character.charCount(c); i < s.length(); ) {
            int d = s.codePointAt(i);
            if (!Character.isUnicodeIdentifierPart(d) || Character.isIdentifierIgnorable(d)) {
                return false;
            }
            i += Character.charCount(d);
        }
        return true;
    }

    // ---- case

    static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    static String casefold(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            b.append(upperChar(c).toLowerCase(Locale.ROOT));
        }
        return b.toString();
    }

    private static boolean isCaseIgnorable(int c) {
        switch (Character.getType(c)) {
            case Character.NON_SPACING_MARK:
            case Character.ENCLOSING_MARK:
            case Character.FORMAT:
            case Character.MODIFIER_LETTER:
            case Character.MODIFIER_SYMBOL:
                return true;
            default:
                return c == '\'' || c == '.' || c == ':' || c == 0xb7 || c == 0x2018 || c == 0x2019 || c == 0x2024
                        || c == 0xfe52 || c == 0xff07 || c == 0xff0e || c == 0xfe13 || c == 0xfe55 || c == 0xff1a;
        }
    }

    /** The full lowercase of the code point at char offset {@code i} of {@code s}, with Greek final sigma. */
    static String lowerAt(String s, int i, int c) {
        if (c != 0x3a3) {
            return lowerChar(c);
        }
        int j = i;
        int prev = -1;
        while (j > 0) {
            int p = s.codePointBefore(j);
            j -= Character.charCount(p);
            if (!isCaseIgnorable(p)) {
                prev = p;
                break;
            }
        }
        boolean finalSigma = prev >= 0 && isCased(prev);
        if (finalSigma) {
            int k = i + 1;
            int next = -1;
            while (k < s.length()) {
                int q = s.codePointAt(k);
                k += Character.charCount(q);
                if (!isCaseIgnorable(q)) {
                    next = q;
                    break;
                }
            }
            finalSigma = next < 0 || !isCased(next);
        }
        return finalSigma ? "\u03c2" : "\u03c3";
    }

    /** The full titlecase mapping of one code point ({@code 'ß'} gives {@code 'Ss'}). */
    static String titleChar(int c) {
        int t = Character.toTitleCase(c);
        if (t != Character.toUpperCase(c)) {
            return new String(Character.toChars(t));
        }
        String up = new String(Character.toChars(c)).toUpperCase(Locale.ROOT);
        int first = up.codePointAt(0);
        int n = Character.charCount(first);
        if (up.length() == n) {
            return up;
        }
        return up.substring(0, n) + up.substring(n).toLowerCase(Locale.ROOT);
    }

    static String lowerChar(int c) {
        return new String(Character.toChars(c)).toLowerCase(Locale.ROOT);
    }

    static String upperChar(int c) {
        return new String(Character.toChars(c)).toUpperCase(Locale.ROOT);
    }

    /** {@code str.title()}. */
    static String title(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean prevCased = false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (prevCased) {
                b.append(lowerAt(s, i - Character.charCount(c), c));
            } else {
                b.append(titleChar(c));
            }
            prevCased = isCased(c);
        }
        return b.toString();
    }

    /** {@code str.capitalize()}. */
    static String capitalize(String s) {
        if (s.isEmpty()) {
            return s;
        }
        int c = s.codePointAt(0);
        StringBuilder b = new StringBuilder(s.length()).append(titleChar(c));
        for (int i = Character.charCount(c); i < s.length(); ) {
            int d = s.codePointAt(i);
            b.append(lowerAt(s, i, d));
            i += Character.charCount(d);
        }
        return b.toString();
    }

    static String swapcase(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isUpperCase(c) || Character.isTitleCase(c)) {
                b.append(lowerAt(s, i - Character.charCount(c), c));
            } else if (Character.isLowerCase(c)) {
                b.append(upperChar(c));
            } else {
                b.appendCodePoint(c);
            }
        }
        return b.toString();
    }

    static boolean isLower(String s) {
        boolean cased = false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isUpperCase(c) || Character.isTitleCase(c)) {
                return false;
            }
            if (Character.isLowerCase(c)) {
                cased = true;
            }
        }
        return cased;
    }

    static boolean isUpper(String s) {
        boolean cased = false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isLowerCase(c) || Character.isTitleCase(c)) {
                return false;
            }
            if (Character.isUpperCase(c)) {
                cased = true;
            }
        }
        return cased;
    }

    static boolean isTitle(String s) {
        boolean cased = false;
        boolean prevCased = false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isUpperCase(c) || Character.isTitleCase(c)) {
                if (prevCased) {
                    return false;
                }
                prevCased = true;
                cased = true;
            } else if (Character.isLowerCase(c)) {
                if (!prevCased) {
                    return false;
                }
                prevCased = true;
                cased = true;
            } else {
                prevCased = false;
            }
        }
        return cased;
    }

    /** {@code str.isalpha()} and friends: all code points satisfy the test and the string is not empty. */
    static boolean all(String s, java.util.function.IntPredicate test) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (!test.test(c)) {
                return false;
            }
        }
        return true;
    }

    // ---- strip

    private static boolean inChars(String chars, int c) {
        if (chars == null) {
            return isSpace(c);
        }
        return chars.indexOf(c) >= 0;
    }

    static String strip(String s, String chars, boolean left, boolean right) {
        int start = 0;
        int end = s.length();
        if (left) {
            while (start < end) {
                int c = s.codePointAt(start);
                if (!inChars(chars, c)) {
                    break;
                }
                start += Character.charCount(c);
            }
        }
        if (right) {
            while (end > start) {
                int c = s.codePointBefore(end);
                if (!inChars(chars, c)) {
                    break;
                }
                end -= Character.charCount(c);
            }
        }
        return s.substring(start, end);
    }

    // ---- split

    static List<Object> split(String s, String sep, long maxsplit) {
        List<Object> out = new ArrayList<>();
        long maxcount = maxsplit < 0 ? Long.MAX_VALUE : maxsplit;
        int n = s.length();
        if (sep == null) {
            int i = 0;
            while (maxcount-- > 0) {
                while (i < n && isSpace(s.codePointAt(i))) {
                    i += Character.charCount(s.codePointAt(i));
                }
                if (i == n) {
                    break;
                }
                int j = i;
                while (i < n && !isSpace(s.codePointAt(i))) {
                    i += Character.charCount(s.codePointAt(i));
                }
                out.add(s.substring(j, i));
            }
            if (i < n) {
                while (i < n && isSpace(s.codePointAt(i))) {
                    i += Character.charCount(s.codePointAt(i));
                }
                if (i != n) {
                    out.add(s.substring(i));
                }
            }
            return out;
        }
        if (sep.isEmpty()) {
            throw Py.valueError("empty separator");
        }
        int i = 0;
        while (maxcount-- > 0) {
            int j = s.indexOf(sep, i);
            if (j < 0) {
                break;
            }
            out.add(s.substring(i, j));
            i = j + sep.length();
        }
        out.add(s.substring(i));
        return out;
    }

    static List<Object> rsplit(String s, String sep, long maxsplit) {
        List<Object> out = new ArrayList<>();
        long maxcount = maxsplit < 0 ? Long.MAX_VALUE : maxsplit;
        if (sep == null) {
            int i = s.length();
            while (maxcount-- > 0) {
                while (i > 0 && isSpace(s.codePointBefore(i))) {
                    i -= Character.charCount(s.codePointBefore(i));
                }
                if (i == 0) {
                    break;
                }
                int j = i;
                while (i > 0 && !isSpace(s.codePointBefore(i))) {
                    i -= Character.charCount(s.codePointBefore(i));
                }
                out.add(0, s.substring(i, j));
            }
            if (i > 0) {
                while (i > 0 && isSpace(s.codePointBefore(i))) {
                    i -= Character.charCount(s.codePointBefore(i));
                }
                if (i != 0) {
                    out.add(0, s.substring(0, i));
                }
            }
            return out;
        }
        if (sep.isEmpty()) {
            throw Py.valueError("empty separator");
        }
        int end = s.length();
        while (maxcount-- > 0) {
            int j = s.lastIndexOf(sep, end - sep.length());
            if (j < 0) {
                break;
            }
            out.add(0, s.substring(j + sep.length(), end));
            end = j;
        }
        out.add(0, s.substring(0, end));
        return out;
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || c == 0x1c || c == 0x1d || c == 0x1e || c == 0x85
                || c == 0x2028 || c == 0x2029;
    }

    static List<Object> splitlines(String s, boolean keepends) {
        List<Object> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            int j = i;
            while (j < n && !isLineBreak(s.charAt(j))) {
                j++;
            }
            int eol = j;
            if (j < n) {
                if (s.charAt(j) == '\r' && j + 1 < n && s.charAt(j + 1) == '\n') {
                    j += 2;
                } else {
                    j++;
                }
                if (keepends) {
                    eol = j;
                }
            }
            out.add(s.substring(i, eol));
            i = j;
        }
        return out;
    }

    // ---- searching (indices are code points)

    /** Python's slice-index adjustment of {@code start}/{@code end} (code points) to char offsets. */
    static int[] range(String s, Object start, Object end) {
        int len = length(s);
        long st = start == null ? 0 : Py.asIndex(start);
        long en = end == null ? len : Py.asIndex(end);
        if (st < 0) {
            st = Math.max(0, st + len);
        }
        if (en < 0) {
            en = Math.max(0, en + len);
        }
        if (en > len) {
            en = len;
        }
        return new int[] {(int) Math.min(st, Integer.MAX_VALUE), (int) en, len};
    }

    static long find(String s, String sub, Object start, Object end, boolean reverse) {
        int[] r = range(s, start, end);
        if (r[0] > r[2] || r[0] > r[1]) {
            return r[0] <= r[1] && sub.isEmpty() ? r[0] : -1;
        }
        int a = offset(s, r[0]);
        int b = offset(s, r[1]);
        String window = s.substring(a, b);
        int idx = reverse ? window.lastIndexOf(sub) : window.indexOf(sub);
        if (idx < 0) {
            return -1;
        }
        return r[0] + cpIndex(window, idx);
    }

    static long count(String s, String sub, Object start, Object end) {
        int[] r = range(s, start, end);
        if (r[0] > r[1]) {
            return 0;
        }
        if (sub.isEmpty()) {
            return r[0] > r[2] ? 0 : r[1] - r[0] + 1L;
        }
        String window = s.substring(offset(s, r[0]), offset(s, r[1]));
        long count = 0;
        for (int i = window.indexOf(sub); i >= 0; i = window.indexOf(sub, i + sub.length())) {
            count++;
        }
        return count;
    }

    static String replace(String s, String old, String rep, long count) {
        if (count < 0) {
            count = Long.MAX_VALUE;
        }
        if (old.isEmpty()) {
            StringBuilder b = new StringBuilder();
            long done = 0;
            int i = 0;
            if (done < count) {
                b.append(rep);
                done++;
            }
            while (i < s.length()) {
                int c = s.codePointAt(i);
                b.appendCodePoint(c);
                i += Character.charCount(c);
                if (done < count && i < s.length()) {
                    b.append(rep);
                    done++;
                } else if (done < count && i == s.length()) {
                    b.append(rep);
                    done++;
                }
            }
            return b.toString();
        }
        StringBuilder b = null;
        int i = 0;
        long done = 0;
        while (done < count) {
            int j = s.indexOf(old, i);
            if (j < 0) {
                break;
            }
            if (b == null) {
                b = new StringBuilder(s.length());
            }
            b.append(s, i, j).append(rep);
            i = j + old.length();
            done++;
        }
        if (b == null) {
            return s;
        }
        return b.append(s, i, s.length()).toString();
    }

    static boolean startsWith(String s, String prefix, Object start, Object end, boolean suffix) {
        int[] r = range(s, start, end);
        if (r[0] > r[2]) {
            return false;
        }
        if (r[1] < r[0]) {
            return prefix.isEmpty() && false;
        }
        String window = s.substring(offset(s, r[0]), offset(s, r[1]));
        return suffix ? window.endsWith(prefix) : window.startsWith(prefix);
    }

    // ---- padding

    static String pad(String s, long width, int fill, char align) {
        int len = length(s);
        if (width <= len) {
            return s;
        }
        long marg = width - len;
        long left;
        if (align == '<') {
            left = 0;
        } else if (align == '>') {
            left = marg;
        } else {
            left = marg / 2 + (marg & width & 1);
        }
        StringBuilder b = new StringBuilder();
        for (long i = 0; i < left; i++) {
            b.appendCodePoint(fill);
        }
        b.append(s);
        for (long i = left; i < marg; i++) {
            b.appendCodePoint(fill);
        }
        return b.toString();
    }

    static String zfill(String s, long width) {
        int len = length(s);
        if (width <= len) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        int start = 0;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            b.append(s.charAt(0));
            start = 1;
        }
        for (long i = len; i < width; i++) {
            b.append('0');
        }
        return b.append(s, start, s.length()).toString();
    }

    static String expandtabs(String s, long tabsize) {
        StringBuilder b = new StringBuilder();
        long col = 0;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\t') {
                if (tabsize > 0) {
                    long n = tabsize - (col % tabsize);
                    for (long k = 0; k < n; k++) {
                        b.append(' ');
                    }
                    col += n;
                }
            } else {
                b.appendCodePoint(c);
                col++;
                if (c == '\n' || c == '\r') {
                    col = 0;
                }
            }
        }
        return b.toString();
    }

    // ---- slicing

    /** {@code s[start:stop:step]} by code points. */
    static String slice(String s, PySlice slice) {
        boolean simple = !hasSurrogates(s);
        int len = simple ? s.length() : s.codePointCount(0, s.length());
        long[] idx = slice.indices(len);
        long start = idx[0];
        long step = idx[2];
        long n = idx[3];
        if (n <= 0) {
            return "";
        }
        if (simple) {
            if (step == 1) {
                return s.substring((int) start, (int) (start + n));
            }
            char[] out = new char[(int) n];
            for (int i = 0; i < n; i++) {
                out[i] = s.charAt((int) (start + i * step));
            }
            return new String(out);
        }
        int[] cps = s.codePoints().toArray();
        StringBuilder b = new StringBuilder();
        for (long i = 0; i < n; i++) {
            b.appendCodePoint(cps[(int) (start + i * step)]);
        }
        return b.toString();
    }

    /** {@code s[i]} by code point, or null if out of range. */
    static String charAt(String s, long i) {
        if (!hasSurrogates(s)) {
            int len = s.length();
            if (i < 0) {
                i += len;
            }
            if (i < 0 || i >= len) {
                return null;
            }
            return charString(s.charAt((int) i));
        }
        int len = s.codePointCount(0, s.length());
        if (i < 0) {
            i += len;
        }
        if (i < 0 || i >= len) {
            return null;
        }
        int off = s.offsetByCodePoints(0, (int) i);
        return new String(Character.toChars(s.codePointAt(off)));
    }

    static String reverse(String s) {
        return new StringBuilder(s).reverse().toString();
    }
}

package io.vlm4j.processors.template;

import io.vlm4j.TemplateException;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Jinja2 3.1's lexer with HF's settings ({@code trim_blocks}, {@code lstrip_blocks}, default delimiters, no line
 * statements, {@code keep_trailing_newline=False}): newlines normalised to {@code \n}, one trailing newline
 * dropped, {@code {%- -%}} / {@code {%+ +%}} whitespace control, raw blocks, comments, string literals decoded as
 * Python's {@code unicode-escape} codec after {@code backslashreplace}. Stateless; one instance per source.
 */
final class Lexer {
    enum Type {
        DATA, VARIABLE_BEGIN, VARIABLE_END, BLOCK_BEGIN, BLOCK_END, NAME, STRING, INTEGER, FLOAT, OPERATOR, EOF
    }

    /** A token: its type, value (the operator text, name, decoded string or number) and line. */
    static final class Token {
        final Type type;
        final Object value;
        final int line;

        Token(Type type, Object value, int line) {
            this.type = type;
            this.value = value;
            this.line = line;
        }

        boolean is(Type t, String v) {
            return type == t && v.equals(value);
        }

        boolean isOp(String op) {
            return type == Type.OPERATOR && op.equals(value);
        }

        boolean isName(String n) {
            return type == Type.NAME && n.equals(value);
        }

        /** Jinja2's {@code describe_token}. */
        String describe() {
            switch (type) {
                case NAME:
                    return (String) value;
                case OPERATOR:
                    return (String) value;
                case DATA:
                    return "template data / text";
                case VARIABLE_BEGIN:
                    return "begin of print statement";
                case VARIABLE_END:
                    return "end of print statement";
                case BLOCK_BEGIN:
                    return "begin of statement block";
                case BLOCK_END:
                    return "end of statement block";
                case EOF:
                    return "end of template";
                default:
                    return type.name().toLowerCase();
            }
        }
    }

    private static final String[] OPERATORS = {
        "//", "**", "==", "!=", ">=", "<=",
        "+", "-", "/", "*", "%", "~", "[", "]", "(", ")", "{", "}", ">", "<", "=", ".", ":", "|", ",", ";"
    };

    private final String src;
    private final List<Token> tokens = new ArrayList<>();
    private final Deque<Character> balance = new ArrayDeque<>();
    private int pos;
    private int line = 1;
    private boolean lineStarting = true;

    private Lexer(String source) {
        this.src = normalize(source);
    }

    /** Tokenizes a template source. @throws TemplateException TemplateSyntaxError */
    static List<Token> tokenize(String source) {
        Lexer l = new Lexer(source);
        l.run();
        return l.tokens;
    }

    /** {@code \r\n} and {@code \r} to {@code \n}, one trailing newline dropped. */
    static String normalize(String source) {
        String s = source;
        if (s.indexOf('\r') >= 0) {
            s = s.replace("\r\n", "\n").replace('\r', '\n');
        }
        if (s.endsWith("\n")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    static TemplateException syntaxError(String message, int line) {
        return new TemplateException("TemplateSyntaxError", message + " (line " + line + ")");
    }

    private void emit(Type type, Object value, int atLine) {
        tokens.add(new Token(type, value, atLine));
    }

    private static int countNewlines(CharSequence s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private static boolean isPySpace(char c) {
        return PyStrings.isSpace(c);
    }

    private int skipSpace(int p) {
        while (p < src.length() && isPySpace(src.charAt(p))) {
            p++;
        }
        return p;
    }

    private void run() {
        int n = src.length();
        while (pos < n) {
            // root state: the earliest {# {% {{ (a raw block is a {% that opens raw)
            int tag = -1;
            for (int i = src.indexOf('{', pos); i >= 0 && i + 1 < n; i = src.indexOf('{', i + 1)) {
                char c = src.charAt(i + 1);
                if (c == '%' || c == '{' || c == '#') {
                    tag = i;
                    break;
                }
            }
            if (tag < 0) {
                String data = src.substring(pos);
                emit(Type.DATA, data, line);
                line += countNewlines(data);
                pos = n;
                break;
            }
            char kind = src.charAt(tag + 1);
            int after = tag + 2;
            char sign = 0;
            if (after < n && (src.charAt(after) == '-' || src.charAt(after) == '+')) {
                sign = src.charAt(after);
                after++;
            }
            int rawEnd = kind == '%' ? matchRawBegin(after) : -1;
            emitDataBefore(src.substring(pos, tag), sign, kind != '{');
            if (rawEnd >= 0) {
                lineStarting = src.charAt(rawEnd - 1) == '\n';
                line += countNewlines(src.substring(after, rawEnd));
                pos = rawEnd;
                lexRaw();
                continue;
            }
            lineStarting = false;
            pos = after;
            if (kind == '#') {
                lexComment();
            } else if (kind == '%') {
                emit(Type.BLOCK_BEGIN, "{%", line);
                lexTag(false);
            } else {
                emit(Type.VARIABLE_BEGIN, "{{", line);
                lexTag(true);
            }
        }
        emit(Type.EOF, "", line);
    }

    /**
     * Emits the data before a tag (unless empty) and counts its lines: all trailing whitespace stripped for a
     * {@code -} sign; else, unless the sign is {@code +}, for a tag that {@code lstrip_blocks} strips
     * ({@code lstrip}), the whitespace between the last newline (or the start of a line) and the tag.
     */
    private void emitDataBefore(String text, char sign, boolean lstrip) {
        int strippedNewlines = 0;
        if (sign == '-') {
            String stripped = PyStrings.strip(text, null, false, true);
            strippedNewlines = countNewlines(text.substring(stripped.length()));
            text = stripped;
        } else if (sign != '+' && lstrip) {
            int lpos = text.lastIndexOf('\n') + 1;
            if (lpos > 0 || lineStarting) {
                boolean ws = lpos < text.length();
                for (int i = lpos; i < text.length(); i++) {
                    if (!isPySpace(text.charAt(i))) {
                        ws = false;
                        break;
                    }
                }
                if (ws) {
                    text = text.substring(0, lpos);
                }
            }
        }
        if (!text.isEmpty()) {
            emit(Type.DATA, text, line);
        }
        line += countNewlines(text) + strippedNewlines;
    }

    /** If {@code {%} at p-2.. opens {@code raw}, the end of the raw-begin tag; else -1. */
    private int matchRawBegin(int p) {
        int q = skipSpace(p);
        if (!src.startsWith("raw", q)) {
            return -1;
        }
        q = skipSpace(q + 3);
        if (src.startsWith("-%}", q)) {
            return skipSpace(q + 3);
        }
        if (src.startsWith("%}", q)) {
            return q + 2;
        }
        return -1;
    }

    private void lexRaw() {
        int n = src.length();
        if (pos >= n) {
            return;
        }
        for (int i = src.indexOf("{%", pos); i >= 0; i = src.indexOf("{%", i + 1)) {
            int q = i + 2;
            char sign = 0;
            if (q < n && (src.charAt(q) == '-' || src.charAt(q) == '+')) {
                sign = src.charAt(q);
                q++;
            }
            q = skipSpace(q);
            if (!src.startsWith("endraw", q)) {
                continue;
            }
            q = skipSpace(q + 6);
            int end;
            if (src.startsWith("+%}", q)) {
                end = q + 3;
            } else if (src.startsWith("-%}", q)) {
                end = skipSpace(q + 3);
            } else if (src.startsWith("%}", q)) {
                end = q + 2;
                if (end < n && src.charAt(end) == '\n') {
                    end++;
                }
            } else {
                continue;
            }
            emitDataBefore(src.substring(pos, i), sign, true);
            line += countNewlines(src.substring(i, end));
            lineStarting = src.charAt(end - 1) == '\n';
            pos = end;
            return;
        }
        throw syntaxError("Missing end of raw directive", line);
    }

    private void lexComment() {
        int n = src.length();
        if (pos >= n) {
            return;
        }
        for (int i = src.indexOf("#}", pos); i >= 0; i = src.indexOf("#}", i + 1)) {
            int start = i;
            int end;
            if (start > pos && src.charAt(start - 1) == '-') {
                start--;
                end = skipSpace(i + 2);
            } else if (start > pos && src.charAt(start - 1) == '+') {
                start--;
                end = i + 2;
            } else {
                end = i + 2;
                if (end < n && src.charAt(end) == '\n') {
                    end++;
                }
            }
            line += countNewlines(src.substring(pos, end));
            lineStarting = src.charAt(end - 1) == '\n';
            pos = end;
            return;
        }
        throw syntaxError("Missing end of comment tag", line);
    }

    private void lexTag(boolean variable) {
        int n = src.length();
        while (true) {
            if (pos >= n) {
                return;
            }
            if (balance.isEmpty()) {
                int end = tagEnd(variable);
                if (end >= 0) {
                    emit(variable ? Type.VARIABLE_END : Type.BLOCK_END, variable ? "}}" : "%}", line);
                    line += countNewlines(src.substring(pos, end));
                    lineStarting = src.charAt(end - 1) == '\n';
                    pos = end;
                    return;
                }
            }
            char c = src.charAt(pos);
            if (isPySpace(c)) {
                int q = skipSpace(pos);
                line += countNewlines(src.substring(pos, q));
                pos = q;
                continue;
            }
            if (matchFloat() || matchInteger() || matchName() || matchString() || matchOperator()) {
                continue;
            }
            throw syntaxError("unexpected char " + Py.repr(PyStrings.charString(c)) + " at " + pos, line);
        }
    }

    /** The end of the closing delimiter at pos (after whitespace control), or -1. */
    private int tagEnd(boolean variable) {
        if (variable) {
            if (src.startsWith("-}}", pos)) {
                return skipSpace(pos + 3);
            }
            if (src.startsWith("}}", pos)) {
                return pos + 2;
            }
            return -1;
        }
        if (src.startsWith("+%}", pos)) {
            return pos + 3;
        }
        if (src.startsWith("-%}", pos)) {
            return skipSpace(pos + 3);
        }
        if (src.startsWith("%}", pos)) {
            int end = pos + 2;
            if (end < src.length() && src.charAt(end) == '\n') {
                end++;
            }
            return end;
        }
        return -1;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /** {@code (\d+_)*\d+} from p: the end, or -1. */
    private int digits(int p) {
        int n = src.length();
        if (p >= n || !digit(src.charAt(p))) {
            return -1;
        }
        while (true) {
            while (p < n && digit(src.charAt(p))) {
                p++;
            }
            if (p + 1 < n && src.charAt(p) == '_' && digit(src.charAt(p + 1))) {
                p++;
                continue;
            }
            return p;
        }
    }

    private boolean matchFloat() {
        if (pos > 0 && src.charAt(pos - 1) == '.') {
            return false;
        }
        int p = digits(pos);
        if (p < 0) {
            return false;
        }
        int end;
        int frac = p < src.length() && src.charAt(p) == '.' ? digits(p + 1) : -1;
        if (frac >= 0) {
            int e = exponent(frac);
            end = e >= 0 ? e : frac;
        } else {
            end = exponent(p);
        }
        if (end < 0) {
            return false;
        }
        String text = src.substring(pos, end).replace("_", "");
        emit(Type.FLOAT, Double.parseDouble(text), line);
        pos = end;
        return true;
    }

    private int exponent(int p) {
        int n = src.length();
        if (p >= n || (src.charAt(p) != 'e' && src.charAt(p) != 'E')) {
            return -1;
        }
        p++;
        if (p < n && (src.charAt(p) == '+' || src.charAt(p) == '-')) {
            p++;
        }
        return digits(p);
    }

    private boolean matchInteger() {
        int n = src.length();
        char c = src.charAt(pos);
        if (!digit(c)) {
            return false;
        }
        int p;
        int radix = 10;
        int start = pos;
        if (c == '0' && pos + 1 < n && "bBoOxX".indexOf(src.charAt(pos + 1)) >= 0) {
            char k = Character.toLowerCase(src.charAt(pos + 1));
            radix = k == 'b' ? 2 : k == 'o' ? 8 : 16;
            p = pos + 2;
            int q = p;
            while (true) {
                int r = q;
                if (r < n && src.charAt(r) == '_') {
                    r++;
                }
                if (r < n && Character.digit(src.charAt(r), radix) >= 0) {
                    q = r + 1;
                } else {
                    break;
                }
            }
            if (q == p) {
                p = pos + 1;
                radix = 10;
            } else {
                start = pos + 2;
                p = q;
            }
        } else if (c == '0') {
            p = pos + 1;
            while (true) {
                int r = p;
                if (r < n && src.charAt(r) == '_') {
                    r++;
                }
                if (r < n && src.charAt(r) == '0') {
                    p = r + 1;
                } else {
                    break;
                }
            }
        } else {
            p = digits(pos);
        }
        String text = src.substring(start, p).replace("_", "");
        emit(Type.INTEGER, Py.normalize(new BigInteger(text, radix)), line);
        pos = p;
        return true;
    }

    private static boolean nameChar(int c) {
        if (PyStrings.isWord(c)) {
            return true;
        }
        int t = Character.getType(c);
        return t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK || c == 0xb7 || c == 0x387;
    }

    private boolean matchName() {
        int p = pos;
        int n = src.length();
        while (p < n) {
            int c = src.codePointAt(p);
            if (!nameChar(c)) {
                break;
            }
            p += Character.charCount(c);
        }
        if (p == pos) {
            return false;
        }
        String name = src.substring(pos, p);
        if (!PyStrings.isIdentifierLike(name)) {
            throw syntaxError("Invalid character in identifier", line);
        }
        emit(Type.NAME, name.intern(), line);
        pos = p;
        return true;
    }

    private boolean matchString() {
        char q = src.charAt(pos);
        if (q != '\'' && q != '"') {
            return false;
        }
        int n = src.length();
        int p = pos + 1;
        while (p < n) {
            char c = src.charAt(p);
            if (c == '\\') {
                p += 2;
                continue;
            }
            if (c == q) {
                break;
            }
            p++;
        }
        if (p >= n) {
            return false;
        }
        String raw = src.substring(pos + 1, p);
        emit(Type.STRING, decodeString(raw, line), line);
        line += countNewlines(raw);
        pos = p + 1;
        return true;
    }

    private boolean matchOperator() {
        for (String op : OPERATORS) {
            if (src.startsWith(op, pos)) {
                char c = op.charAt(0);
                if (op.length() == 1) {
                    if (c == '{' || c == '(' || c == '[') {
                        balance.push(c == '{' ? '}' : c == '(' ? ')' : ']');
                    } else if (c == '}' || c == ')' || c == ']') {
                        if (balance.isEmpty()) {
                            throw syntaxError("unexpected " + Py.repr(op), line);
                        }
                        char expected = balance.pop();
                        if (expected != c) {
                            throw syntaxError("unexpected " + Py.repr(op) + ", expected "
                                    + Py.repr(String.valueOf(expected)), line);
                        }
                    }
                }
                emit(Type.OPERATOR, op, line);
                pos += op.length();
                return true;
            }
        }
        return false;
    }

    /**
     * A string literal's value: Python's {@code s.encode("ascii", "backslashreplace").decode("unicode-escape")}.
     */
    static String decodeString(String raw, int line) {
        StringBuilder esc = new StringBuilder(raw.length());
        boolean ascii = true;
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) >= 0x80) {
                ascii = false;
                break;
            }
        }
        String s;
        if (ascii) {
            s = raw;
        } else {
            for (int i = 0; i < raw.length(); ) {
                int c = raw.codePointAt(i);
                i += Character.charCount(c);
                if (c < 0x80) {
                    esc.append((char) c);
                } else if (c <= 0xff) {
                    esc.append(String.format("\\x%02x", c));
                } else if (c <= 0xffff) {
                    esc.append(String.format("\\u%04x", c));
                } else {
                    esc.append(String.format("\\U%08x", c));
                }
            }
            s = esc.toString();
        }
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int n = s.length();
        for (int i = 0; i < n; ) {
            char c = s.charAt(i++);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i >= n) {
                throw syntaxError("\\ at end of string", line);
            }
            char e = s.charAt(i++);
            switch (e) {
                case '\n':
                    break;
                case '\\':
                case '\'':
                case '"':
                    out.append(e);
                    break;
                case 'a':
                    out.append('\u0007');
                    break;
                case 'b':
                    out.append('\b');
                    break;
                case 'f':
                    out.append('\f');
                    break;
                case 'n':
                    out.append('\n');
                    break;
                case 'r':
                    out.append('\r');
                    break;
                case 't':
                    out.append('\t');
                    break;
                case 'v':
                    out.append('\u000b');
                    break;
                case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
                    int v = e - '0';
                    for (int k = 0; k < 2 && i < n && s.charAt(i) >= '0' && s.charAt(i) <= '7'; k++) {
                        v = v * 8 + (s.charAt(i++) - '0');
                    }
                    out.appendCodePoint(v);
                    break;
                }
                case 'x':
                case 'u':
                case 'U': {
                    int len = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + len > n) {
                        throw syntaxError(truncated(e), line);
                    }
                    int v = 0;
                    for (int k = 0; k < len; k++) {
                        int d = Character.digit(s.charAt(i + k), 16);
                        if (d < 0) {
                            throw syntaxError(truncated(e), line);
                        }
                        v = v * 16 + d;
                    }
                    if (v < 0 || v > 0x10ffff) {
                        throw syntaxError("illegal Unicode character", line);
                    }
                    i += len;
                    out.appendCodePoint(v);
                    break;
                }
                case 'N': {
                    int close = s.indexOf('}', i);
                    if (i >= n || s.charAt(i) != '{' || close < 0) {
                        throw syntaxError("malformed \\N character escape", line);
                    }
                    String name = s.substring(i + 1, close);
                    int cp;
                    try {
                        cp = Character.codePointOf(name);
                    } catch (IllegalArgumentException ex) {
                        throw syntaxError("unknown Unicode character name", line);
                    }
                    out.appendCodePoint(cp);
                    i = close + 1;
                    break;
                }
                default:
                    out.append('\\').append(e);
            }
        }
        return out.toString();
    }

    private static String truncated(char e) {
        return e == 'x' ? "truncated \\xXX escape" : e == 'u' ? "truncated \\uXXXX escape" : "truncated \\UXXXXXXXX escape";
    }
}

package io.vlm4j.runtime.hub;

import io.vlm4j.ErrorCode;
import io.vlm4j.VlmException;
import java.util.regex.Pattern;

/**
 * A file-name pattern with the semantics of huggingface_hub's {@code allow_patterns}: Python's
 * {@code fnmatch} on POSIX, where {@code *} also matches {@code /}, {@code ?} one character, {@code [seq]} and
 * {@code [!seq]} a character class, case-sensitively; a pattern ending in {@code /} gets a {@code *}. Written
 * here because {@link java.nio.file.PathMatcher} globs stop {@code *} at {@code /} and would select other files
 * than {@code huggingface-cli download --include} does. Immutable.
 */
final class Glob {
    private final String pattern;
    private final Pattern regex;

    private Glob(String pattern, Pattern regex) {
        this.pattern = pattern;
        this.regex = regex;
    }

    /**
     * Compiles a pattern.
     *
     * @throws VlmException {@link ErrorCode#INVALID_ARGUMENT} if it is empty
     */
    static Glob of(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw new VlmException(ErrorCode.INVALID_ARGUMENT, "--include: expected a file pattern, got an empty one");
        }
        String full = pattern.endsWith("/") ? pattern + "*" : pattern;
        return new Glob(pattern, Pattern.compile(translate(full), Pattern.DOTALL));
    }

    boolean matches(String path) {
        return regex.matcher(path).matches();
    }

    /** As CPython's {@code fnmatch.translate}. */
    private static String translate(String pat) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = pat.length();
        while (i < n) {
            char c = pat.charAt(i++);
            if (c == '*') {
                while (i < n && pat.charAt(i) == '*') {
                    i++;
                }
                out.append(".*");
            } else if (c == '?') {
                out.append('.');
            } else if (c == '[') {
                int j = i;
                if (j < n && pat.charAt(j) == '!') {
                    j++;
                }
                if (j < n && pat.charAt(j) == ']') {
                    j++;
                }
                while (j < n && pat.charAt(j) != ']') {
                    j++;
                }
                if (j >= n) {
                    out.append("\\[");
                } else {
                    String body = pat.substring(i, j);
                    i = j + 1;
                    StringBuilder cls = new StringBuilder("[");
                    int k = 0;
                    if (body.startsWith("!")) {
                        cls.append('^');
                        k = 1;
                    } else if (body.startsWith("^")) {
                        cls.append("\\^");
                        k = 1;
                    }
                    for (; k < body.length(); k++) {
                        char b = body.charAt(k);
                        if (b == '\\' || b == '[' || b == ']' || b == '&' || b == '~' || b == '|') {
                            cls.append('\\');
                        }
                        cls.append(b);
                    }
                    out.append(cls).append(']');
                }
            } else {
                out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return pattern;
    }
}

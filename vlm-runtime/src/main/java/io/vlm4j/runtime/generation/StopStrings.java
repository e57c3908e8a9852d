package io.vlm4j.runtime.generation;

import java.util.List;

/**
 * HF's {@code StopStringCriteria} on decoded text: a sequence stops once one of the strings occurs in its text and
 * that occurrence overlaps the last token (ends after the text of the tokens before it), so a stop string already
 * passed never stops it later. (HF matches over token strings of the whole sequence; here the generated text is
 * searched, so a stop string begun inside the prompt is not seen.) Immutable.
 */
final class StopStrings {
    private final List<String> strings;

    StopStrings(List<String> strings) {
        this.strings = List.copyOf(strings);
    }

    boolean isEmpty() {
        return strings.isEmpty();
    }

    /** True if {@code text}, whose last token added what follows {@code before.length()}, completes a string. */
    boolean completes(String text, String before) {
        int boundary = Math.min(before.length(), text.length());
        for (String s : strings) {
            if (s.isEmpty()) {
                continue;
            }
            // an occurrence ending after the boundary starts after boundary - length(s)
            int from = Math.max(0, boundary - s.length() + 1);
            if (text.indexOf(s, from) >= 0) {
                return true;
            }
        }
        return false;
    }
}

package io.vlm4j.runtime.generation;

import java.util.List;

/**
 * HF's {@code StopStringCriteria} on the streamed text: a sequence stops once one of the strings occurs in its text
 * and that occurrence overlaps the last token's text (ends after the text of the tokens before it), so a stop
 * string already passed never stops it later; text a streaming decoder still holds back (an unfinished character)
 * counts once it is given. (HF matches over token strings of the whole sequence; here the generated text is
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

    /** True if {@code text}, whose last token added what follows {@code boundary}, completes a string. */
    boolean completes(CharSequence text, int boundary) {
        for (String s : strings) {
            if (s.isEmpty()) {
                continue;
            }
            // an occurrence ending after the boundary starts after boundary - length(s)
            int from = Math.max(0, boundary - s.length() + 1);
            if (text.toString().indexOf(s, from) >= 0) {
                return true;
            }
        }
        return false;
    }
}

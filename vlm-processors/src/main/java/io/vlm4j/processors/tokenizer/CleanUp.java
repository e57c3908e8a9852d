package io.vlm4j.processors.tokenizer;

/**
 * HF's {@code clean_up_tokenization} ({@code tokenization_utils_base.py}): removes the spaces a word-level
 * tokenizer put before punctuation and English contractions, and its streaming form.
 *
 * <p>Stateless; {@link Stream} is not thread-safe.
 */
final class CleanUp {
    private static final String[][] REPLACEMENTS = {
        {" .", "."}, {" ?", "?"}, {" !", "!"}, {" ,", ","}, {" ' ", "'"}, {" n't", "n't"}, {" 'm", "'m"},
        {" 's", "'s"}, {" 've", "'ve"}, {" 're", "'re"},
    };
    /**
     * Each replacement pass can change at most the last 3 characters of what it was given when more text is
     * appended, so 10 passes leave all but the last 30 characters of a prefix's clean-up final.
     */
    private static final int UNSETTLED = 32;

    private CleanUp() {}

    static String apply(String text) {
        String s = text;
        for (String[] r : REPLACEMENTS) {
            s = s.replace(r[0], r[1]);
        }
        return s;
    }

    /** Cleans up streamed text: emits what no later text can change. */
    static final class Stream {
        private final StringBuilder raw = new StringBuilder();
        private int emitted;

        /** Adds decoded text; returns the cleaned-up text that became final. */
        String add(String text) {
            if (text.isEmpty()) {
                return "";
            }
            raw.append(text);
            String clean = apply(raw.toString());
            int stop = clean.length() - UNSETTLED;
            if (stop <= emitted) {
                return "";
            }
            String piece = clean.substring(emitted, stop);
            emitted = stop;
            return piece;
        }

        /** Ends the text: returns the rest. */
        String finish() {
            String clean = apply(raw.toString());
            String piece = clean.substring(Math.min(emitted, clean.length()));
            emitted = clean.length();
            return piece;
        }
    }
}

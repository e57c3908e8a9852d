package io.vlm4j.processors.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code wordwrap} and {@code urlize} filters: Python 3.11's {@code textwrap.wrap} as jinja2 calls it, and
 * jinja2 3.1.2's {@code urlize} with its default policies ({@code rel="noopener"}). Stateless.
 */
final class PyText {
    private static final int FLAGS = Pattern.UNICODE_CHARACTER_CLASS;
    private static final String WS = "[\\t\\n\\x0b\\x0c\\r ]";
    private static final String NWS = "[^\\t\\n\\x0b\\x0c\\r ]";
    private static final String WP = "[\\w!\"'&.,?]";
    private static final String LT = "[^\\d\\W]";
    /** textwrap's {@code wordsep_re}. */
    private static final Pattern WORDSEP = Pattern.compile("(" + WS + "+"
            + "|(?<=" + WP + ")-{2,}(?=\\w)"
            + "|" + NWS + "+?(?:-(?:(?<=" + LT + "{2}-)|(?<=" + LT + "-" + LT + "-))(?=" + LT + "-?" + LT + ")"
            + "|(?=" + WS + "|\\z)"
            + "|(?<=" + WP + ")(?=-{2,}\\w)))", FLAGS);
    private static final Pattern WORDSEP_SIMPLE = Pattern.compile("(" + WS + "+)", FLAGS);

    private static final Pattern SPACES = Pattern.compile("(\\s+)", FLAGS);
    private static final Pattern LEAD = Pattern.compile("^([(<]|&lt;)+", FLAGS);
    private static final Pattern TRAIL = Pattern.compile("([)>.,\\n]|&gt;)+$", FLAGS);
    private static final Pattern HTTP = Pattern.compile("^((https?://|www\\.)(([\\w%-]+\\.)+)?([a-z]{2,63}|xn--[\\w%]{2,59})"
            + "|([\\w%-]{2,63}\\.)+(com|net|int|edu|gov|org|info|mil)"
            + "|(https?://)((([\\d]{1,3})(\\.[\\d]{1,3}){3})|(\\[([\\da-f]{0,4}:){2}([\\da-f]{0,4}:?){1,6}])))"
            + "(?::[\\d]{1,5})?(?:[/?#]\\S*)?$", FLAGS | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern EMAIL = Pattern.compile("^\\S+@\\w[\\w.-]*\\.\\w+$", FLAGS);
    private static final Pattern SCHEME = Pattern.compile("^([\\w.+-]{2,}:(/){0,2})$", FLAGS);

    private PyText() {}

    /** Python's {@code re.split} with one capturing group: the pieces and the separators, empty ones dropped. */
    private static List<String> splitKeeping(Pattern p, String s) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(s);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                out.add(s.substring(last, m.start()));
            }
            if (!m.group(1).isEmpty()) {
                out.add(m.group(1));
            }
            last = m.end();
        }
        if (last < s.length()) {
            out.add(s.substring(last));
        }
        return out;
    }

    private static boolean blank(String s) {
        return PyStrings.strip(s, null, true, true).isEmpty();
    }

    /** {@code textwrap.wrap(text, width, expand_tabs=False, replace_whitespace=False, ...)}. */
    static List<String> wrap(String text, long width, boolean breakLongWords, boolean breakOnHyphens) {
        if (width <= 0) {
            throw Py.valueError("invalid width " + width + " (must be > 0)");
        }
        List<String> chunks = splitKeeping(breakOnHyphens ? WORDSEP : WORDSEP_SIMPLE, text);
        Collections.reverse(chunks);
        List<String> lines = new ArrayList<>();
        while (!chunks.isEmpty()) {
            List<String> cur = new ArrayList<>();
            long curLen = 0;
            if (!lines.isEmpty() && blank(chunks.get(chunks.size() - 1))) {
                chunks.remove(chunks.size() - 1);
            }
            while (!chunks.isEmpty()) {
                int l = PyStrings.length(chunks.get(chunks.size() - 1));
                if (curLen + l <= width) {
                    cur.add(chunks.remove(chunks.size() - 1));
                    curLen += l;
                } else {
                    break;
                }
            }
            if (!chunks.isEmpty() && PyStrings.length(chunks.get(chunks.size() - 1)) > width) {
                long spaceLeft = width < 1 ? 1 : width - curLen;
                if (breakLongWords) {
                    String chunk = chunks.get(chunks.size() - 1);
                    long end = spaceLeft;
                    if (breakOnHyphens && PyStrings.length(chunk) > spaceLeft) {
                        long hyphen = PyStrings.find(chunk, "-", 0L, spaceLeft, true);
                        if (hyphen > 0) {
                            String before = PyStrings.slice(chunk, new PySlice(null, hyphen, null));
                            if (before.chars().anyMatch(c -> c != '-')) {
                                end = hyphen + 1;
                            }
                        }
                    }
                    cur.add(PyStrings.slice(chunk, new PySlice(null, end, null)));
                    chunks.set(chunks.size() - 1, PyStrings.slice(chunk, new PySlice(end, null, null)));
                } else if (cur.isEmpty()) {
                    cur.add(chunks.remove(chunks.size() - 1));
                }
            }
            if (!cur.isEmpty() && blank(cur.get(cur.size() - 1))) {
                cur.remove(cur.size() - 1);
            }
            if (!cur.isEmpty()) {
                lines.add(String.join("", cur));
            }
        }
        return lines;
    }

    /** jinja2's {@code do_wordwrap}: each line of {@code s} wrapped, joined by {@code wrapstring}. */
    static String wordwrap(String s, long width, boolean breakLongWords, String wrapstring, boolean breakOnHyphens) {
        List<String> paragraphs = new ArrayList<>();
        for (Object line : PyStrings.splitlines(s, false)) {
            paragraphs.add(String.join(wrapstring, wrap((String) line, width, breakLongWords, breakOnHyphens)));
        }
        return String.join(wrapstring, paragraphs);
    }

    /** jinja2 3.1.2's {@code urlize} (the filter's policies: {@code rel="noopener"}, no target). */
    static String urlize(String text, Long trimUrlLimit, boolean nofollow, String target, String rel,
            List<String> extraSchemes) {
        java.util.TreeSet<String> relParts = new java.util.TreeSet<>();
        if (rel != null) {
            for (Object p : PyStrings.split(rel, null, -1)) {
                relParts.add((String) p);
            }
        }
        if (nofollow) {
            relParts.add("nofollow");
        }
        relParts.add("noopener");
        String relValue = String.join(" ", relParts);
        if (extraSchemes != null) {
            for (String scheme : extraSchemes) {
                if (!SCHEME.matcher(scheme).matches()) {
                    throw new io.vlm4j.TemplateException("FilterArgumentError", Py.repr(scheme)
                            + " is not a valid URI scheme prefix.");
                }
            }
        }
        String relAttr = relValue.isEmpty() ? "" : " rel=\"" + Markup.escapeText(relValue) + "\"";
        String targetAttr = target == null || target.isEmpty() ? "" : " target=\"" + Markup.escapeText(target) + "\"";
        List<String> words = splitKeeping(SPACES, Markup.escapeText(text));
        StringBuilder out = new StringBuilder();
        for (String word : words) {
            String head = "";
            String middle = word;
            String tail = "";
            Matcher lead = LEAD.matcher(middle);
            if (lead.find()) {
                head = lead.group();
                middle = middle.substring(lead.end());
            }
            if (middle.endsWith(")") || middle.endsWith(">") || middle.endsWith(".") || middle.endsWith(",")
                    || middle.endsWith("\n") || middle.endsWith("&gt;")) {
                Matcher trail = TRAIL.matcher(middle);
                if (trail.find()) {
                    tail = trail.group();
                    middle = middle.substring(0, trail.start());
                }
            }
            String[][] pairs = {{"(", ")"}, {"<", ">"}, {"&lt;", "&gt;"}};
            for (String[] pair : pairs) {
                long startCount = PyStrings.count(middle, pair[0], null, null);
                if (startCount <= PyStrings.count(middle, pair[1], null, null)) {
                    continue;
                }
                long moves = Math.min(startCount, PyStrings.count(tail, pair[1], null, null));
                for (long k = 0; k < moves; k++) {
                    int endIndex = tail.indexOf(pair[1]) + pair[1].length();
                    middle += tail.substring(0, endIndex);
                    tail = tail.substring(endIndex);
                }
            }
            String shown = trimUrlLimit != null && PyStrings.length(middle) > trimUrlLimit
                    ? PyStrings.slice(middle, new PySlice(null, trimUrlLimit, null)) + "..." : middle;
            if (HTTP.matcher(middle).find()) {
                String href = middle.startsWith("https://") || middle.startsWith("http://") ? middle
                        : "https://" + middle;
                middle = "<a href=\"" + href + "\"" + relAttr + targetAttr + ">" + shown + "</a>";
            } else if (middle.startsWith("mailto:") && EMAIL.matcher(middle.substring(7)).find()) {
                middle = "<a href=\"" + middle + "\">" + middle.substring(7) + "</a>";
            } else if (middle.contains("@") && !middle.startsWith("www.") && !middle.contains(":")
                    && EMAIL.matcher(middle).find()) {
                middle = "<a href=\"mailto:" + middle + "\">" + middle + "</a>";
            } else if (extraSchemes != null) {
                for (String scheme : extraSchemes) {
                    if (!middle.equals(scheme) && middle.startsWith(scheme)) {
                        middle = "<a href=\"" + middle + "\"" + relAttr + targetAttr + ">" + middle + "</a>";
                    }
                }
            }
            out.append(head).append(middle).append(tail);
        }
        return out.toString();
    }
}

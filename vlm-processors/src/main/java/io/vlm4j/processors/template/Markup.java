package io.vlm4j.processors.template;

/**
 * MarkupSafe's {@code Markup}: a string marked safe ({@code |safe}, {@code |escape}, {@code |tojson} of Jinja2).
 * It is a {@code str} for every operation except concatenation and {@code %}, where the other operand is
 * escaped. Immutable.
 */
final class Markup {
    final String s;

    Markup(String s) {
        this.s = s;
    }

    /** MarkupSafe's {@code escape}: {@code & < > " '} as HTML entities; a {@code Markup} stays as it is. */
    static Markup escape(Object value) {
        if (value instanceof Markup) {
            return (Markup) value;
        }
        return new Markup(escapeText(Py.str(value)));
    }

    static String escapeText(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r;
            switch (c) {
                case '&': r = "&amp;"; break;
                case '<': r = "&lt;"; break;
                case '>': r = "&gt;"; break;
                case '"': r = "&#34;"; break;
                case '\'': r = "&#39;"; break;
                default: r = null;
            }
            if (r != null) {
                if (b == null) {
                    b = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                b.append(r);
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    @Override
    public String toString() {
        return s;
    }
}

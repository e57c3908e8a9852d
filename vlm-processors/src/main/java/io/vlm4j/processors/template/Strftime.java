package io.vlm4j.processors.template;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;

/**
 * {@code datetime.strftime} as CPython runs it on glibc in the C locale: English names, glibc's flags
 * ({@code %-d}, {@code %_H}, {@code %^a}, {@code %#p}) and widths, {@code %e}/{@code %k}/{@code %l} space-padded,
 * {@code %f} (microseconds) from Python, {@code %z}/{@code %Z} empty for the naive time HF uses. Stateless.
 */
final class Strftime {
    private static final String[] DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
        "Sunday"};
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};

    private Strftime() {}

    static String format(LocalDateTime t, String fmt) {
        StringBuilder out = new StringBuilder();
        int n = fmt.length();
        int i = 0;
        while (i < n) {
            char c = fmt.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            int start = i;
            i++;
            char flag = 0;
            boolean upper = false;
            boolean swap = false;
            while (i < n && "_-0^#".indexOf(fmt.charAt(i)) >= 0) {
                char f = fmt.charAt(i++);
                if (f == '^') {
                    upper = true;
                } else if (f == '#') {
                    swap = true;
                } else {
                    flag = f;
                }
            }
            int width = -1;
            int ws = i;
            while (i < n && fmt.charAt(i) >= '0' && fmt.charAt(i) <= '9') {
                i++;
            }
            if (i > ws) {
                width = Integer.parseInt(fmt.substring(ws, Math.min(i, ws + 6)));
            }
            while (i < n && (fmt.charAt(i) == 'E' || fmt.charAt(i) == 'O')) {
                i++;
            }
            if (i >= n) {
                out.append(fmt, start, n);
                break;
            }
            char conv = fmt.charAt(i++);
            String text = conversion(t, conv, flag, width, upper, swap);
            if (text == null) {
                out.append(fmt, start, i);
            } else {
                out.append(text);
            }
        }
        return out.toString();
    }

    private static String num(long v, int defWidth, char defPad, char flag, int width) {
        String digits = Long.toString(Math.abs(v));
        String sign = v < 0 ? "-" : "";
        if (flag == '-') {
            return sign + digits;
        }
        char pad = flag == '_' ? ' ' : flag == '0' ? '0' : defPad;
        int w = width >= 0 ? width : defWidth;
        StringBuilder b = new StringBuilder();
        int len = sign.length() + digits.length();
        if (pad == '0') {
            b.append(sign);
            for (int k = len; k < w; k++) {
                b.append('0');
            }
            b.append(digits);
        } else {
            for (int k = len; k < w; k++) {
                b.append(' ');
            }
            b.append(sign).append(digits);
        }
        return b.toString();
    }

    private static String text(String s, char flag, int width, boolean upper, boolean swap) {
        String v = s;
        if (upper) {
            v = v.toUpperCase();
        } else if (swap) {
            v = v.equals(v.toUpperCase()) ? v.toLowerCase() : v.toUpperCase();
        }
        if (width > v.length()) {
            char pad = flag == '0' ? '0' : ' ';
            v = String.valueOf(pad).repeat(width - v.length()) + v;
        }
        return v;
    }

    private static String conversion(LocalDateTime t, char conv, char flag, int width, boolean upper, boolean swap) {
        int dow = t.getDayOfWeek().getValue();
        int wday = dow % 7;
        int yday = t.getDayOfYear() - 1;
        int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        switch (conv) {
            case 'a':
                return text(DAYS[dow - 1].substring(0, 3), flag, width, upper, swap);
            case 'A':
                return text(DAYS[dow - 1], flag, width, upper, swap);
            case 'b':
            case 'h':
                return text(MONTHS[t.getMonthValue() - 1].substring(0, 3), flag, width, upper, swap);
            case 'B':
                return text(MONTHS[t.getMonthValue() - 1], flag, width, upper, swap);
            case 'c':
                return text(format(t, "%a %b %e %H:%M:%S %Y"), flag, width, upper, false);
            case 'C':
                return num(Math.floorDiv(t.getYear(), 100), 2, '0', flag, width);
            case 'd':
                return num(t.getDayOfMonth(), 2, '0', flag, width);
            case 'D':
            case 'x':
                return text(format(t, "%m/%d/%y"), flag, width, upper, false);
            case 'e':
                return num(t.getDayOfMonth(), 2, ' ', flag, width);
            case 'F':
                return text(format(t, "%Y-%m-%d"), flag, width, upper, false);
            case 'f':
                return num(t.getNano() / 1000, 6, '0', flag, width);
            case 'G':
                return num(t.get(IsoFields.WEEK_BASED_YEAR), 1, '0', flag, width);
            case 'g':
                return num(Math.floorMod(t.get(IsoFields.WEEK_BASED_YEAR), 100), 2, '0', flag, width);
            case 'H':
                return num(t.getHour(), 2, '0', flag, width);
            case 'I':
                return num(hour12, 2, '0', flag, width);
            case 'j':
                return num(yday + 1, 3, '0', flag, width);
            case 'k':
                return num(t.getHour(), 2, ' ', flag, width);
            case 'l':
                return num(hour12, 2, ' ', flag, width);
            case 'm':
                return num(t.getMonthValue(), 2, '0', flag, width);
            case 'M':
                return num(t.getMinute(), 2, '0', flag, width);
            case 'n':
                return "\n";
            case 'p':
                return text(t.getHour() < 12 ? "AM" : "PM", flag, width, upper, swap);
            case 'P':
                return text(t.getHour() < 12 ? "am" : "pm", flag, width, upper, false);
            case 'r':
                return text(format(t, "%I:%M:%S %p"), flag, width, upper, false);
            case 'R':
                return text(format(t, "%H:%M"), flag, width, upper, false);
            case 's':
                return num(t.toEpochSecond(ZoneOffset.UTC), 1, '0', flag, width);
            case 'S':
                return num(t.getSecond(), 2, '0', flag, width);
            case 't':
                return "\t";
            case 'T':
            case 'X':
                return text(format(t, "%H:%M:%S"), flag, width, upper, false);
            case 'u':
                return num(dow, 1, '0', flag, width);
            case 'U':
                return num((yday + 7 - wday) / 7, 2, '0', flag, width);
            case 'V':
                return num(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, '0', flag, width);
            case 'w':
                return num(wday, 1, '0', flag, width);
            case 'W':
                return num((yday + 7 - (wday + 6) % 7) / 7, 2, '0', flag, width);
            case 'y':
                return num(Math.floorMod(t.getYear(), 100), 2, '0', flag, width);
            case 'Y':
                return num(t.getYear(), 1, '0', flag, width);
            case 'z':
            case 'Z':
                return "";
            case '%':
                return "%";
            default:
                return null;
        }
    }
}

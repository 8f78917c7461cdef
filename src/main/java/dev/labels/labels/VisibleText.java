package dev.labels.labels;

/**
 * Text made safe to show on a terminal: a label value can hold ANSI escape sequences that would recolour,
 * move the cursor, retitle the window or worse when printed raw. Every control character is shown as an
 * escape instead: {@code \e} {@code \n} {@code \t} {@code \r} {@code \a} {@code \b} {@code \v} {@code \f} by
 * name, other C0 controls and DEL as {@code \xNN}, C1 controls (such as {@code \u009b}, a one-byte CSI) and
 * Unicode's invisible direction and line controls as {@code \}{@code uXXXX}. A backslash is doubled, so the
 * shown text is unambiguous.
 */
public final class VisibleText {
    private VisibleText() {
    }

    public static String of(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case 0x1b -> out.append("\\e");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case 0x07 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case 0x0b -> out.append("\\v");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else if (hidden(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * C1 controls, and the Unicode characters that reorder or break text invisibly (the "Trojan Source"
     * bidi overrides and isolates, line and paragraph separators, the byte order mark).
     */
    private static boolean hidden(char c) {
        return (c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x2028 || c == 0x2029 || c == 0x200e || c == 0x200f || c == 0x061c || c == 0xfeff;
    }
}

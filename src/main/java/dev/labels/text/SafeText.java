package dev.labels.text;

/**
 * The one place foreign text passes before a terminal or a log sees it. A registry, a label or a tag can hold
 * ANSI escape sequences that recolour, move the cursor, retitle the window or worse; a newline that forges
 * another line of output; a C1 control (U+009B is a one-byte CSI); or the invisible Unicode characters that
 * reorder or break a line (the "Trojan Source" bidi controls, U+2028 and U+2029). Each is shown as an escape:
 * {@code \e \n \t \r \a \b \v \f} by name, other C0 controls and DEL as {@code \xNN}, the rest as
 * {@code \}{@code uXXXX}. A backslash is doubled, so that what is shown reads back unambiguously.
 *
 * <p>Two uses: {@link #escape} for data the user asked to see (table cells, tags), which is never cut, and
 * {@link #line} for diagnostics (errors, warnings, the -v log), which are cut to {@link #MAX_CHARS} and have
 * the secrets of the URLs they quote removed ({@link UrlRedaction}). Each is applied once, where the text is
 * printed: the text is kept as it came until then, so nothing is escaped twice.
 */
public final class SafeText {
    /**
     * The most characters of a diagnostic, before escaping: room for every message labels writes itself, while
     * a hostile value (a label of a megabyte quoted in an error) cannot flood a CI log.
     */
    public static final int MAX_CHARS = 2000;

    private SafeText() {
    }

    /** A diagnostic as one printable line: URLs redacted, cut to {@link #MAX_CHARS}, every control escaped. */
    public static String line(String text) {
        return escape(bounded(text));
    }

    /**
     * A diagnostic with the secrets of its URLs removed and cut to {@link #MAX_CHARS}, but not escaped yet: for
     * a sink that escapes what it prints (a table cell).
     */
    public static String bounded(String text) {
        String redacted = UrlRedaction.inText(String.valueOf(text));
        if (redacted.length() <= MAX_CHARS) {
            return redacted;
        }
        int end = Character.isHighSurrogate(redacted.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
        return redacted.substring(0, end) + " ... (" + (redacted.length() - end) + " more characters)";
    }

    /** Every control escaped and every backslash doubled; printable text of any script is kept. */
    public static String escape(String text) {
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
                    } else if (needsEscape(c)) {
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
     * Whether a terminal acts on {@code c} or it changes how a line is laid out: C0 controls, DEL, C1 controls,
     * the bidi embeddings, overrides, isolates and marks, the line and paragraph separators and the byte order
     * mark. JSON output escapes the same characters (as {@code \}{@code uXXXX}, which reads back the same).
     */
    public static boolean needsEscape(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x2028 || c == 0x2029 || c == 0x200e || c == 0x200f || c == 0x061c || c == 0xfeff;
    }
}

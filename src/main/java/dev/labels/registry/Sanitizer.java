package dev.labels.registry;

/**
 * Text from a registry (error messages, HTML error pages) ends up in our error messages on a terminal.
 * It is untrusted: control characters and escape sequences are replaced, and long text is cut.
 */
final class Sanitizer {
    private static final int MAX_CHARS = 300;

    private Sanitizer() {
    }

    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS));
        for (int i = 0; i < text.length() && out.length() < MAX_CHARS; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t') {
                out.append(' ');
            } else if (Character.isISOControl(c)) {
                out.append('?');
            } else {
                out.append(c);
            }
        }
        if (text.length() > MAX_CHARS) {
            out.append("...");
        }
        return out.toString().strip();
    }
}

package dev.labels.reference;

import dev.labels.error.LabelsException;

/**
 * Thrown when text is not a valid image reference.
 *
 * <p>The message has the form {@code invalid reference "<input>": <reason>}, for example
 * {@code invalid reference "Foo/bar": repository name must be lowercase}. In the quoted input,
 * backslash, double quote and every character outside printable ASCII are escaped (Java style:
 * {@code \n}, {@code \t}, {@code \u00e9}), so the message is always one line of plain ASCII and a
 * look-alike character (say a Cyrillic "a") is visible for what it is. Inputs longer than
 * {@value #MAX_QUOTED_LENGTH} characters are cut short in the message; {@link #input()} keeps
 * the whole text.
 */
public final class InvalidReferenceException extends LabelsException {

    private static final long serialVersionUID = 1L;

    /** Longest input quoted in full; every valid reference is shorter than this. */
    static final int MAX_QUOTED_LENGTH = 600;

    private final String input;
    private final String reason;

    /**
     * @param input  the text that failed to parse, as given (may be null)
     * @param reason what is wrong, e.g. {@code repository name must be lowercase}
     */
    public InvalidReferenceException(String input, String reason) {
        super(Kind.INVALID_REFERENCE, "invalid reference " + quote(input) + ": " + reason);
        this.input = input;
        this.reason = reason;
    }

    /** The rejected text, exactly as given (null when null was given). */
    public String input() {
        return input;
    }

    /** What is wrong, without the input, e.g. {@code repository name must be lowercase}. */
    public String reason() {
        return reason;
    }

    /** Quotes text for a one-line ASCII message; see the class comment. */
    static String quote(String text) {
        if (text == null) {
            return "(null)";
        }
        int shown = Math.min(text.length(), MAX_QUOTED_LENGTH);
        StringBuilder quoted = new StringBuilder(shown + 2).append('"');
        for (int i = 0; i < shown; i++) {
            appendEscaped(quoted, text.charAt(i));
        }
        quoted.append('"');
        if (shown < text.length()) {
            quoted.append("... (").append(text.length()).append(" characters)");
        }
        return quoted.toString();
    }

    private static void appendEscaped(StringBuilder out, char c) {
        switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (c >= 0x20 && c < 0x7f) {
                    out.append(c);
                } else {
                    out.append(String.format("\\u%04x", (int) c));
                }
            }
        }
    }
}

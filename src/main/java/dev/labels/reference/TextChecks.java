package dev.labels.reference;

import java.util.regex.Pattern;

/**
 * Checks on the reference text as a whole, before it is split: things a user gets wrong by
 * copy-paste (blank text, stray whitespace, a URL instead of a reference, odd characters) get a
 * message that says exactly that rather than a vaguer one about some component.
 */
final class TextChecks {

    /** A URI scheme (RFC 3986 section 3.1) followed by "://", e.g. "https://" or "docker://". */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://");

    /**
     * A bare 64-hex string is an image ID, not a name; Docker refuses it as a repository name
     * (normalize.go ParseNormalizedNamed, anchoredIdentifierRegexp in regexp.go).
     */
    private static final Pattern IMAGE_ID = Pattern.compile("[a-f0-9]{64}");

    private TextChecks() {
    }

    static void check(String input) throws InvalidReferenceException {
        if (input == null || isBlank(input)) {
            throw new InvalidReferenceException(input, "reference is empty");
        }
        // Not trimmed on purpose: whitespace means the text was not what the caller thinks it is.
        for (int i = 0; i < input.length(); ) {
            int cp = input.codePointAt(i);
            if (isWhitespace(cp)) {
                throw new InvalidReferenceException(input, "reference contains whitespace at index " + i);
            }
            i += Character.charCount(cp);
        }
        var scheme = SCHEME.matcher(input);
        if (scheme.lookingAt()) {
            throw new InvalidReferenceException(input,
                    "reference must not include a scheme (remove \"" + scheme.group() + "\")");
        }
        for (int i = 0; i < input.length(); ) {
            int cp = input.codePointAt(i);
            if (!isAllowed(cp)) {
                throw new InvalidReferenceException(input,
                        "reference contains invalid character " + describe(cp) + " at index " + i);
            }
            i += Character.charCount(cp);
        }
        if (IMAGE_ID.matcher(input).matches()) {
            throw new InvalidReferenceException(input,
                    "repository name cannot be a 64-character hexadecimal string (that is an image ID)");
        }
    }

    /** A loop, not a stream: every run parses a reference, and a stream's first use costs milliseconds. */
    private static boolean isBlank(String input) {
        for (int i = 0; i < input.length(); ) {
            int cp = input.codePointAt(i);
            if (!isWhitespace(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /** Java whitespace plus the no-break spaces and NEL, which Character.isWhitespace leaves out. */
    private static boolean isWhitespace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
    }

    /**
     * Every character any part of the grammar can use: ASCII letters and digits, the name and tag
     * separators {@code . _ -}, the delimiters {@code / : @}, IPv6 brackets, and {@code + =} which
     * the OCI digest grammar allows (so such digests get "unsupported digest algorithm").
     */
    private static boolean isAllowed(int cp) {
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')
                || "._-/:@[]+=".indexOf(cp) >= 0;
    }

    private static String describe(int cp) {
        String code = String.format("U+%04X", cp);
        return cp >= 0x21 && cp < 0x7f ? "'" + (char) cp + "' (" + code + ")" : code;
    }
}

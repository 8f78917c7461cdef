package dev.labels.reference;

import java.util.regex.Pattern;

/** Validates a tag: regexp.go {@code tag = [\w][\w.-]{0,127}}. */
final class Tags {

    static final int MAX_LENGTH = 128;

    /** Java's \w is ASCII-only by default, like Go's RE2: [a-zA-Z0-9_]. */
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0," + (MAX_LENGTH - 1) + "}");

    private Tags() {
    }

    static boolean valid(String tag) {
        return TAG.matcher(tag).matches();
    }

    static void check(String input, String tag) throws InvalidReferenceException {
        if (tag.length() > MAX_LENGTH) {
            throw new InvalidReferenceException(input,
                    "tag is longer than " + MAX_LENGTH + " characters (" + tag.length() + ")");
        }
        if (!TAG.matcher(tag).matches()) {
            throw new InvalidReferenceException(input, "invalid tag \"" + tag
                    + "\": a tag starts with a letter, digit or '_' and contains only letters, digits, '_', '.' and '-'");
        }
    }
}

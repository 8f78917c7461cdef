package dev.labels.json;

/**
 * Which keys Go's encoding/json decodes into a struct field: the field's name, or any key equal to it under
 * Go's simple case folding. For the ASCII names used here that is ASCII case, plus the two letters outside
 * ASCII that fold to ASCII ones: U+017F (long s) to s and U+212A (Kelvin sign) to k. Not Java's
 * {@code equalsIgnoreCase}, which also takes U+0130 and U+0131 for i, where Go does not.
 *
 * @see <a href="https://pkg.go.dev/encoding/json#Unmarshal">encoding/json: Unmarshal</a>
 */
final class GoFieldNames {
    private static final int LONG_S = 0x17F;
    private static final int KELVIN = 0x212A;

    private GoFieldNames() {
    }

    /** @param field an ASCII field name, as every field this tool reads has */
    static boolean matches(String key, String field) {
        if (key.equals(field)) {
            return true;
        }
        int k = 0;
        int f = 0;
        while (k < key.length() && f < field.length()) {
            int c = key.codePointAt(k);
            if (!folds(c, field.charAt(f))) {
                return false;
            }
            k += Character.charCount(c);
            f++;
        }
        return k == key.length() && f == field.length();
    }

    private static boolean folds(int c, char name) {
        if (c == name) {
            return true;
        }
        char lower = Character.toLowerCase(name);
        if (c == LONG_S) {
            return lower == 's';
        }
        if (c == KELVIN) {
            return lower == 'k';
        }
        return c < 0x80 && isLetter(c) && isLetter(name) && (c | 0x20) == (name | 0x20);
    }

    private static boolean isLetter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}

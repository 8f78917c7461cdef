package dev.labels.selection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code --require KEY[=VALUE]}: the label KEY must exist (with exactly VALUE, when given). KEY is the
 * label's full key in the image, whatever --prefix or --strip-prefix do to the output: a check is about the
 * image, not about what is printed. The text is split at the first {@code =}, so VALUE may contain more.
 *
 * @param value the required value, or null when only presence is required
 */
public record Requirement(String text, String key, String value) {

    public static Requirement parse(String text) {
        int equals = text.indexOf('=');
        return equals < 0 ? new Requirement(text, text, null)
                : new Requirement(text, text.substring(0, equals), text.substring(equals + 1));
    }

    /**
     * Why {@code labels} do not meet this requirement, or null when they do. The key and values are quoted as
     * they are: the message is escaped where it is printed.
     */
    public String unmetBy(Map<String, String> labels) {
        String actual = labels.get(key);
        if (actual == null) {
            return "\"" + key + "\" is missing";
        }
        if (value != null && !value.equals(actual)) {
            return "\"" + key + "\" is \"" + actual + "\", not \"" + value + "\"";
        }
        return null;
    }

    /** The requirements not met, as given on the command line, in their order. */
    public static List<Requirement> unmet(List<Requirement> requirements, Map<String, String> labels) {
        List<Requirement> unmet = new ArrayList<>();
        for (Requirement requirement : requirements) {
            if (requirement.unmetBy(labels) != null) {
                unmet.add(requirement);
            }
        }
        return unmet;
    }
}

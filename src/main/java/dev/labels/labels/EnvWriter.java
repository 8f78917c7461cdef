package dev.labels.labels;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Pattern;

/**
 * Labels as shell assignments, {@code NAME='value'} one a line, for {@code eval "$(labels inspect -o env IMG)"}
 * or {@code source}. The output is safe to evaluate whatever the labels hold:
 * <ul>
 *   <li>names: ASCII letters upper-cased, digits and {@code _} kept, every other character (each code point)
 *       becomes {@code _}; a name that would start with a digit gets a leading {@code _};
 *       {@code blaze.service.deployment.cpu} becomes {@code BLAZE_SERVICE_DEPLOYMENT_CPU}.</li>
 *   <li>values: in single quotes, where the shell expands nothing ({@code $(...)}, backticks, {@code $VAR},
 *       backslashes and newlines are all literal); a {@code '} is written {@code '\''} (close, escaped
 *       quote, reopen). POSIX sh, bash, dash and zsh all read this the same way.</li>
 * </ul>
 * Two labels that map to the same name (such as {@code a.b} and {@code a-b}) are an error naming both: the
 * shell would silently keep the last one. So is a NUL character, which no shell variable can hold.
 */
public final class EnvWriter {
    /** What a shell accepts as a variable name; the user's --env-prefix must start one. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String prefix;

    /** @param prefix prepended to every name as given, e.g. {@code LABEL_}; "" for none */
    public EnvWriter(String prefix) {
        this.prefix = prefix;
    }

    /** Whether {@code prefix} can start a shell variable name (empty is fine). */
    public static boolean validPrefix(String prefix) {
        return prefix.isEmpty() || NAME.matcher(prefix).matches();
    }

    public String write(SortedMap<String, String> labels) throws FormatException {
        Map<String, String> keyOfName = new LinkedHashMap<>();
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> label : labels.entrySet()) {
            String name = name(label.getKey());
            String earlier = keyOfName.putIfAbsent(name, label.getKey());
            if (earlier != null) {
                throw new FormatException("-o env: labels \"" + earlier + "\" and \"" + label.getKey()
                        + "\" both become " + name + "; leave one out with --prefix, --match or --regex");
            }
            if (label.getValue().indexOf('\0') >= 0) {
                throw new FormatException("-o env: label \"" + label.getKey()
                        + "\" holds a NUL character, which a shell variable cannot hold");
            }
            out.append(name).append('=').append(quote(label.getValue())).append('\n');
        }
        return out.toString();
    }

    /** The shell variable name for a label key, with the prefix. */
    public String name(String key) {
        StringBuilder name = new StringBuilder(prefix);
        key.codePoints().forEach(c -> {
            if (c >= 'a' && c <= 'z') {
                name.append((char) (c - 'a' + 'A'));
            } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
                name.append((char) c);
            } else {
                name.append('_');
            }
        });
        if (name.length() == 0 || Character.isDigit(name.charAt(0))) {
            name.insert(0, '_');
        }
        return name.toString();
    }

    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}

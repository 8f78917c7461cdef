package dev.labels.output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * Two labels that map to the same name (such as {@code a.b} and {@code a-b}) are an error naming both, and
 * nothing is written: the shell would silently keep the last one. So is a NUL character, which no shell
 * variable can hold.
 *
 * <p>Names matter as much as values: a label {@code ps4} would become {@code PS4}, which {@code bash -x}
 * expands (and so runs) before every traced line. A label whose whole name, prefix included, is one the shell,
 * the dynamic loader or a common tool acts on ({@link ReservedNames}) is left out, and the others are still
 * written; {@link Assignments#refusal()} names each one left out. With an {@code --env-prefix} such as
 * {@code LABEL_} no name is reserved and every label is written; the whole name is checked all the same, so
 * that a prefix such as {@code PS} cannot be completed into {@code PS4} by a label {@code 4}.
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

    /**
     * What {@code -o env} prints: the assignments of the labels whose names are safe to set, and the labels
     * left out because their names are reserved.
     *
     * @param leftOut the keys left out, in key order
     * @param names   the variable name each key left out would have had
     */
    public record Assignments(String text, List<String> leftOut, List<String> names) {
        public Assignments {
            leftOut = List.copyOf(leftOut);
            names = List.copyOf(names);
        }

        /** The error naming every label left out and its variable, or null when none was. */
        public FormatException refusal() {
            if (leftOut.isEmpty()) {
                return null;
            }
            List<String> each = new ArrayList<>();
            for (int i = 0; i < leftOut.size(); i++) {
                each.add("\"" + leftOut.get(i) + "\" (" + names.get(i) + ")");
            }
            boolean one = leftOut.size() == 1;
            return new FormatException("-o env: " + (one ? "label " : "labels ") + String.join(", ", each)
                    + " left out: the shell, the dynamic loader or common tools act on " + (one ? "that variable"
                    : "those variables") + "; use --env-prefix (e.g. LABEL_) to print every label under a prefix");
        }
    }

    public Assignments write(SortedMap<String, String> labels) throws FormatException {
        Map<String, String> keyOfName = new LinkedHashMap<>();
        List<String> leftOut = new ArrayList<>();
        List<String> leftOutNames = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> label : labels.entrySet()) {
            String name = name(label.getKey());
            String earlier = keyOfName.putIfAbsent(name, label.getKey());
            if (earlier != null) {
                throw new FormatException("-o env: labels \"" + earlier + "\" and \"" + label.getKey()
                        + "\" both become " + name + "; leave one out with --prefix, --match or --regex");
            }
            if (ReservedNames.contains(name)) {
                leftOut.add(label.getKey());
                leftOutNames.add(name);
                continue;
            }
            if (label.getValue().indexOf('\0') >= 0) {
                throw new FormatException("-o env: label \"" + label.getKey()
                        + "\" holds a NUL character, which a shell variable cannot hold");
            }
            out.append(name).append('=').append(quote(label.getValue())).append('\n');
        }
        return new Assignments(out.toString(), leftOut, leftOutNames);
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

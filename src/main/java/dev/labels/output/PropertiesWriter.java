package dev.labels.output;

import java.util.Map;
import java.util.SortedMap;

/**
 * Labels as a Java properties file ({@code key=value} one a line), readable by {@code java.util.Properties.load}
 * and so by Jenkins' {@code readProperties}. Written here rather than with {@code Properties.store}, which
 * adds a date comment (output would differ run to run) and does not sort.
 *
 * <p>Escaping follows the format {@code Properties.load} reads: {@code \} {@code =} {@code :} {@code #}
 * {@code !} and whitespace in keys, leading spaces of values, {@code \t \n \r \f} by name, and every other
 * character outside printable ASCII as {@code \}{@code uXXXX}. The output is pure ASCII, so it reads the same
 * through {@code load(Reader)} and {@code load(InputStream)} (which assumes ISO-8859-1).
 */
public final class PropertiesWriter {

    public String write(SortedMap<String, String> labels) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> label : labels.entrySet()) {
            escape(label.getKey(), true, out);
            out.append('=');
            escape(label.getValue(), false, out);
            out.append('\n');
        }
        return out.toString();
    }

    private static void escape(String text, boolean key, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case ' ' -> out.append(key || i == 0 ? "\\ " : " ");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\f' -> out.append("\\f");
                case '\\', '=', ':', '#', '!' -> out.append('\\').append(c);
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}

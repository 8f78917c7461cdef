package dev.labels.testing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Label values that break naive output: shells, properties files and terminals each meet theirs here. */
public final class TrickyLabels {
    /** A file the {@code $(...)} and backtick values would create if a shell ever ran them. */
    public static final String PWNED = "labels-pwned";

    /** Keys that stay distinct after upper-casing for env, so every value can be read back. */
    public static final Map<String, String> VALUES = ordered(
            "empty", "",
            "unicode", "Grüße, 世界 — ☃ 🚀",
            "newline", "first line\nsecond line",
            "trailing.newlines", "ends with two newlines\n\n",
            "leading.newline", "\nstarts with one",
            "quotes", "say \"hi\" 'there' '' '\\''",
            "single.quote", "'",
            "dollar", "$(touch " + PWNED + ") ${HOME} $HOME $((1+1)) $'\\x41'",
            "backticks", "`touch " + PWNED + "` `id`",
            "backslashes", "C:\\path\\new \\n \\\\ \\",
            "ansi", "\u001b[31mred\u001b[0m \u001b]0;title\u0007",
            "c1.csi", "\u009b31mred",
            "crlf", "a\r\nb\rc",
            "tab", "a\tb",
            "padded", "  two spaces each side  ",
            "properties.chars", "#!=: key=value ! # \\u0041",
            "bidi", "abc\u202edcba",
            "semicolon", "x; touch " + PWNED + " && echo done | cat",
            "glob", "* ? [a-z] ~",
            "1.starts.with.digit", "version 1",
            "grüße.key", "unicode key",
            "UPPER.lower-Mixed", "mixed");

    private TrickyLabels() {
    }

    /** {@code count} labels {@code many.NNN} with values that also vary in shape. */
    public static Map<String, String> many(int count) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            labels.put(String.format("many.%03d", i), "value " + i + (i % 3 == 0 ? "\n'$(x)'" : i % 3 == 1 ? " `y`" : ""));
        }
        return labels;
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}

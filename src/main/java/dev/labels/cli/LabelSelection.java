package dev.labels.cli;

import dev.labels.labels.Glob;
import dev.labels.labels.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which labels a command shows: --prefix, --regex and --strip-prefix, shared by inspect, list and diff. The
 * key glob (--match) is declared by each command, since in {@code list} --match already selects tags.
 */
final class LabelSelection {

    List<String> prefixes = new ArrayList<>();
    List<Pattern> patterns = new ArrayList<>();
    boolean stripPrefix;

    void declare(CommandModel model) {
        model.option("--prefix").label("PREFIX")
                .description("Keep labels whose key starts with PREFIX (repeatable; a label is kept when it passes "
                        + "any --prefix, --match or --regex).")
                .list(String.class, () -> prefixes, value -> prefixes = value);
        model.option("--regex").label("RE")
                .description("Keep labels whose key contains a match of the Java regular expression RE (found "
                        + "anywhere, like grep; anchor with ^...$ for the whole key; repeatable).")
                .list(Pattern.class, new RegexConverter(), () -> patterns, value -> patterns = value);
        model.option("--strip-prefix")
                .description("Print keys without the --prefix that selected them (the longest, when several match; "
                        + "if two labels get the same key, the one with the longer prefix wins).")
                .flag(() -> stripPrefix, value -> stripPrefix = value);
    }

    LabelSelector selector(List<String> globs) throws UsageException {
        if (stripPrefix && prefixes.isEmpty()) {
            throw new UsageException("--strip-prefix needs --prefix");
        }
        return new LabelSelector(prefixes, globs.stream().map(Glob::new).toList(), patterns, stripPrefix);
    }
}

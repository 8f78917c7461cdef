package dev.labels.cli;

import dev.labels.image.ResolvedImage;
import dev.labels.labels.Glob;
import dev.labels.labels.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Which labels a command shows: --annotations, --prefix, --regex and --strip-prefix, shared by inspect, list and
 * diff. The key glob (--match) is declared by each command, since in {@code list} --match already selects tags.
 */
final class LabelSelection {

    boolean annotations;
    List<String> prefixes = new ArrayList<>();
    List<Pattern> patterns = new ArrayList<>();
    boolean stripPrefix;

    void declare(CommandModel model) {
        model.option("--annotations")
                .description("Select from labels and annotations together. A label wins over an annotation of "
                        + "the same key, then the manifest's annotation, its entry's in the index, the index's. "
                        + "Bookkeeping annotations (a layout's ref.name, attestation references) are left out.")
                .flag(() -> annotations, value -> annotations = value);
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

    /** What the selection is made from: each image's labels, or with --annotations its labels and annotations. */
    Function<ResolvedImage, Map<String, String>> labelsOf() {
        return annotations ? ResolvedImage::labelsAndAnnotations : image -> image.config().labels();
    }

    LabelSelector selector(List<String> globs) throws UsageException {
        if (stripPrefix && prefixes.isEmpty()) {
            throw new UsageException("--strip-prefix needs --prefix");
        }
        return new LabelSelector(prefixes, globs.stream().map(Glob::new).toList(), patterns, stripPrefix);
    }
}

package dev.labels.cli;

import dev.labels.image.ResolvedImage;
import dev.labels.selection.Glob;
import dev.labels.selection.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Which labels a command shows: --match, --annotations, --prefix, --regex and --strip-prefix, shared by inspect,
 * list and diff. {@code list} takes all but --match, which there still selects tags (see {@link TagFilter}).
 */
final class LabelSelection {

    List<String> globs = new ArrayList<>();
    boolean annotations;
    List<String> prefixes = new ArrayList<>();
    List<Pattern> patterns = new ArrayList<>();
    boolean stripPrefix;

    /** The options of inspect and diff. */
    void declare(CommandModel model) {
        model.option("--match").label("GLOB")
                .description("Keep labels whose whole key matches GLOB (* and ?; repeatable).")
                .list(String.class, () -> globs, value -> globs = value);
        declareAllButMatch(model, "--prefix, --match or --regex");
    }

    /** The options of list, where --match is the old spelling of --tag: label keys by --prefix and --regex. */
    void declareWithoutMatch(CommandModel model) {
        declareAllButMatch(model, "--prefix or --regex");
    }

    /** @param selectors the options that select labels, for --prefix's help, which tells that any may keep one */
    private void declareAllButMatch(CommandModel model, String selectors) {
        model.option("--annotations")
                .description("Select from labels and annotations together. A label wins over an annotation of "
                        + "the same key, then the manifest's annotation, its entry's in the index, the index's. "
                        + "Bookkeeping annotations (a layout's ref.name, attestation references) are left out.")
                .flag(() -> annotations, value -> annotations = value);
        model.option("--prefix").label("PREFIX")
                .description("Keep labels whose key starts with PREFIX (repeatable; a label is kept when it passes "
                        + "any " + selectors + ").")
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

    LabelSelector selector() throws UsageException {
        if (stripPrefix && prefixes.isEmpty()) {
            throw new UsageException("--strip-prefix needs --prefix");
        }
        return new LabelSelector(prefixes, globs.stream().map(Glob::new).toList(), patterns, stripPrefix);
    }
}

package dev.labels.cli;

import dev.labels.selection.Glob;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code --tag GLOB}: which tags of a repository {@code tags} prints and {@code list} reads. It was spelled
 * {@code --match}, which in {@code inspect} and {@code diff} selects label keys; that spelling still selects
 * tags here, hidden from help, with a warning that names the new one.
 */
final class TagFilter {

    List<String> globs = new ArrayList<>();
    /**
     * The old spelling's values, in a list of their own: picocli gives an option a fresh list when it is first
     * given, so a list shared with --tag would lose what --tag had put in it.
     */
    List<String> deprecatedGlobs = new ArrayList<>();

    void declare(CommandModel model) {
        model.option("--tag").label("GLOB")
                .description("Keep only tags matching GLOB (* and ? over the whole tag; repeatable, any may match).")
                .list(String.class, () -> globs, value -> globs = value);
        model.option("--match").label("GLOB").hidden()
                .list(String.class, () -> deprecatedGlobs, value -> deprecatedGlobs = value);
    }

    /** One warning, however often the old spelling was given, before any request. */
    void warnIfDeprecated(String command, Consumer<String> warn) {
        if (!deprecatedGlobs.isEmpty()) {
            warn.accept(command + " --match is deprecated: use --tag GLOB, which selects tags as --match did here "
                    + "(in inspect and diff, --match selects label keys)");
        }
    }

    /** The tags that pass the filter, in the order given; all of them when no glob was given. */
    List<String> matching(List<String> tags) {
        List<Glob> all = new ArrayList<>();
        globs.forEach(glob -> all.add(new Glob(glob)));
        deprecatedGlobs.forEach(glob -> all.add(new Glob(glob)));
        if (all.isEmpty()) {
            return tags;
        }
        return tags.stream().filter(tag -> all.stream().anyMatch(glob -> glob.matches(tag))).toList();
    }
}

package dev.labels.selection;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which labels to keep, and under which key. A label is kept when it passes ANY of the selectors: a prefix
 * ({@code --prefix}) its key starts with, a {@link Glob} ({@code --match}) over the whole key, or a regular
 * expression ({@code --regex}) found anywhere in the key (like grep: anchor with {@code ^...$} for the whole
 * key). With no selectors every label is kept. The result is sorted by key, so output is stable whatever order
 * the image's config had.
 *
 * <p>With {@code stripPrefix}, a kept key that starts with a given prefix loses the longest such prefix
 * ({@code blaze.service.deployment.cpu} with prefix {@code blaze.service.} becomes {@code deployment.cpu}).
 * A key equal to a prefix has nothing left to strip to and keeps its name, as do keys kept only by a glob or
 * a regex. When two labels end up with the same key, the one that lost the LONGER prefix wins (an unstripped
 * key counts as length 0): so {@code --prefix app. --prefix app.prod.} lets {@code app.prod.cpu} override
 * {@code app.cpu}. For prefixes of equal length, the one given later on the command line wins, as later
 * options override earlier ones.
 */
public record LabelSelector(List<String> prefixes, List<Glob> globs, List<Pattern> patterns, boolean stripPrefix) {

    public static final LabelSelector ALL = new LabelSelector(List.of());

    public LabelSelector {
        prefixes = List.copyOf(prefixes);
        globs = List.copyOf(globs);
        patterns = List.copyOf(patterns);
    }

    /** Prefixes only, nothing stripped. */
    public LabelSelector(List<String> prefixes) {
        this(prefixes, List.of(), List.of(), false);
    }

    public boolean selectsAll() {
        return prefixes.isEmpty() && globs.isEmpty() && patterns.isEmpty();
    }

    /** The kept labels under their output keys, sorted. */
    public SortedMap<String, String> select(Map<String, String> labels) {
        SortedMap<String, String> selected = new TreeMap<>();
        // Which prefix gave each output key its name: length, then position on the command line.
        Map<String, int[]> rank = new HashMap<>();
        labels.forEach((key, value) -> {
            if (!keeps(key)) {
                return;
            }
            int strip = stripPrefix ? longestStrippablePrefix(key) : -1;
            String outputKey = strip < 0 ? key : key.substring(prefixes.get(strip).length());
            int[] mine = strip < 0 ? new int[] {0, -1} : new int[] {prefixes.get(strip).length(), strip};
            int[] theirs = rank.get(outputKey);
            if (theirs == null || outranks(mine, theirs)) {
                selected.put(outputKey, value);
                rank.put(outputKey, mine);
            }
        });
        return selected;
    }

    public boolean keeps(String key) {
        if (selectsAll()) {
            return true;
        }
        for (String prefix : prefixes) {
            if (key.startsWith(prefix)) {
                return true;
            }
        }
        for (Glob glob : globs) {
            if (glob.matches(key)) {
                return true;
            }
        }
        for (Pattern pattern : patterns) {
            if (pattern.matcher(key).find()) {
                return true;
            }
        }
        return false;
    }

    /** Index of the longest prefix that is a proper prefix of {@code key} (ties: the later one), or -1. */
    private int longestStrippablePrefix(String key) {
        int best = -1;
        for (int i = 0; i < prefixes.size(); i++) {
            String prefix = prefixes.get(i);
            if (key.length() > prefix.length() && key.startsWith(prefix)
                    && (best < 0 || prefix.length() >= prefixes.get(best).length())) {
                best = i;
            }
        }
        return best;
    }

    private static boolean outranks(int[] mine, int[] theirs) {
        return mine[0] != theirs[0] ? mine[0] > theirs[0] : mine[1] > theirs[1];
    }
}

package dev.labels.labels;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which labels to keep. With no prefixes every label is kept; with prefixes ({@code --prefix}, repeatable) a
 * label is kept when its key starts with any of them. The result is sorted by key, so output is stable
 * whatever order the image's config had.
 */
public record LabelSelector(List<String> prefixes) {

    public static final LabelSelector ALL = new LabelSelector(List.of());

    public LabelSelector {
        prefixes = List.copyOf(prefixes);
    }

    public SortedMap<String, String> select(Map<String, String> labels) {
        SortedMap<String, String> selected = new TreeMap<>();
        labels.forEach((key, value) -> {
            if (keeps(key)) {
                selected.put(key, value);
            }
        });
        return selected;
    }

    public boolean keeps(String key) {
        if (prefixes.isEmpty()) {
            return true;
        }
        for (String prefix : prefixes) {
            if (key.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}

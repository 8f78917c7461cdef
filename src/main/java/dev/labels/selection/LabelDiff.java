package dev.labels.selection;

import dev.labels.output.TableWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How the labels of image B differ from those of image A: keys only in B are added, keys only in A removed,
 * keys in both with different values changed. Every part is sorted by key.
 */
public record LabelDiff(SortedMap<String, String> added, SortedMap<String, String> removed,
                        SortedMap<String, Change> changed) {

    /** A changed value: what A had, what B has. */
    public record Change(String from, String to) {
    }

    public static LabelDiff between(Map<String, String> a, Map<String, String> b) {
        SortedMap<String, String> added = new TreeMap<>();
        SortedMap<String, String> removed = new TreeMap<>();
        SortedMap<String, Change> changed = new TreeMap<>();
        b.forEach((key, value) -> {
            if (!a.containsKey(key)) {
                added.put(key, value);
            } else if (!a.get(key).equals(value)) {
                changed.put(key, new Change(a.get(key), value));
            }
        });
        a.forEach((key, value) -> {
            if (!b.containsKey(key)) {
                removed.put(key, value);
            }
        });
        return new LabelDiff(added, removed, changed);
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }

    /** {@code {"added": {...}, "removed": {...}, "changed": {"k": {"from": "...", "to": "..."}}}}, all three always present. */
    public Map<String, Object> toJson() {
        Map<String, Object> changes = new TreeMap<>();
        changed.forEach((key, change) -> {
            Map<String, String> fromTo = new LinkedHashMap<>();
            fromTo.put("from", change.from());
            fromTo.put("to", change.to());
            changes.put(key, fromTo);
        });
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("added", added);
        json.put("removed", removed);
        json.put("changed", changes);
        return json;
    }

    /** CHANGE, KEY, FROM and TO columns, rows sorted by key. */
    public String toTable() {
        SortedMap<String, String[]> rows = new TreeMap<>();
        added.forEach((key, value) -> rows.put(key, new String[] {"added", key, "", value}));
        removed.forEach((key, value) -> rows.put(key, new String[] {"removed", key, value, ""}));
        changed.forEach((key, change) -> rows.put(key, new String[] {"changed", key, change.from(), change.to()}));
        TableWriter table = new TableWriter("CHANGE", "KEY", "FROM", "TO");
        rows.values().forEach(table::add);
        return table.write();
    }
}

package dev.labels.output;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Dotted keys as nested JSON objects, for {@code --nested}: {@code blaze.service.cpu} becomes
 * {@code {"blaze": {"service": {"cpu": ...}}}}.
 *
 * <p>Nothing is lost, so two rules:
 * <ul>
 *   <li>A key that is both a value and the prefix of others ({@code a.b} and {@code a.b.c}) keeps its value
 *       under the empty key {@value #VALUE_KEY}: {@code {"a": {"b": {"": "1", "c": "2"}}}}. No real segment is
 *       empty (next rule), so this key never meets a label.</li>
 *   <li>A key with an empty segment (leading, trailing or doubled dot, or the empty key itself), or with more
 *       than {@value #MAX_SEGMENTS} segments, is not split: it stays whole at the top level, where nothing else
 *       can have its name (every other top-level name is one segment, without a dot).</li>
 * </ul>
 * Objects are sorted by key.
 */
public final class Nesting {
    /** Where the value of a key that is also a prefix goes. */
    public static final String VALUE_KEY = "";
    /**
     * The most segments a key is split into. Real keys have a handful; a label's key is whatever the image's
     * author wrote, and thousands of dots would nest deeper than the JSON writer goes (1000 levels).
     */
    public static final int MAX_SEGMENTS = 64;

    private Nesting() {
    }

    public static SortedMap<String, Object> nest(Map<String, String> labels) {
        SortedMap<String, Object> root = new TreeMap<>();
        labels.forEach((key, value) -> {
            String[] segments = key.split("\\.", -1);
            if (segments.length > MAX_SEGMENTS || hasEmpty(segments)) {
                root.put(key, value);
                return;
            }
            SortedMap<String, Object> node = root;
            for (int i = 0; i < segments.length - 1; i++) {
                node = child(node, segments[i]);
            }
            String last = segments[segments.length - 1];
            Object existing = node.get(last);
            if (existing instanceof SortedMap<?, ?>) {
                child(node, last).put(VALUE_KEY, value);
            } else {
                node.put(last, value);
            }
        });
        return root;
    }

    /** The object under {@code name}, made when absent; a value already there moves to its {@value #VALUE_KEY}. */
    @SuppressWarnings("unchecked")
    private static SortedMap<String, Object> child(SortedMap<String, Object> node, String name) {
        Object existing = node.get(name);
        if (existing instanceof SortedMap<?, ?> map) {
            return (SortedMap<String, Object>) map;
        }
        SortedMap<String, Object> created = new TreeMap<>();
        if (existing != null) {
            created.put(VALUE_KEY, existing);
        }
        node.put(name, created);
        return created;
    }

    private static boolean hasEmpty(String[] segments) {
        for (String segment : segments) {
            if (segment.isEmpty()) {
                return true;
            }
        }
        return false;
    }
}

package dev.labels.image;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Defensive, null-free copies for the records' compact constructors.
 *
 * <p>Why: JSON from registries often omits optional maps and lists or sets them to
 * {@code null}; callers should never have to null-check a collection. Order is kept
 * (labels and annotations are printed in the order the image declares them), and the JDK's
 * {@code Map.copyOf}/{@code List.copyOf} are avoided because they reject null members.
 */
final class Copies {

    private Copies() {
    }

    /** Unmodifiable ordered copy; a null map becomes empty, a null value becomes "". */
    static Map<String, String> strings(Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, v == null ? "" : v));
        return Collections.unmodifiableMap(copy);
    }

    /** Unmodifiable ordered copy; a null map becomes empty. Values are kept as parsed. */
    static <V> Map<String, V> map(Map<String, V> map) {
        return map == null || map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** Unmodifiable copy; a null list becomes empty. Null elements are dropped. */
    static <T> List<T> list(List<T> list) {
        if (list == null || list.isEmpty()) {
            return List.of();
        }
        List<T> copy = new ArrayList<>(list.size());
        for (T item : list) {
            if (item != null) {
                copy.add(item);
            }
        }
        return Collections.unmodifiableList(copy);
    }
}

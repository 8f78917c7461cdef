package dev.labels.output;

import dev.labels.image.ContainerConfig;
import dev.labels.image.ImageAnnotations;
import dev.labels.image.ResolvedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code --full} adds next to the labels: the rest of the config a deploy may want to check, and the
 * annotations by where they are. Every field is always present (null or empty when the image has none), so
 * scripts can rely on the shape.
 */
public final class ImageDetails {
    private ImageDetails() {
    }

    /**
     * {@code configDigest}, {@code created}, {@code user}, {@code workingDir}, {@code entrypoint}, {@code cmd},
     * {@code env} (an object: each {@code NAME=value} entry split at the first {@code =}; an entry without one
     * gets "", a repeated name keeps its last value, as in the container), {@code exposedPorts} (sorted list of
     * {@code port/protocol}) and {@code annotations} (of the index, its entry and the manifest, each sorted), in
     * that order.
     */
    public static Map<String, Object> of(ResolvedImage image) {
        ContainerConfig config = image.config().config();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("configDigest", image.configDigest());
        details.put("created", image.config().created());
        details.put("user", config.user());
        details.put("workingDir", config.workingDir());
        details.put("entrypoint", config.entrypoint());
        details.put("cmd", config.cmd());
        details.put("env", env(config.env()));
        List<String> ports = new ArrayList<>(config.exposedPorts().keySet());
        ports.sort(null);
        details.put("exposedPorts", ports);
        details.put("annotations", annotations(image.annotations()));
        return details;
    }

    /**
     * {@code {"index": {..}, "descriptor": {..}, "manifest": {..}}}, each sorted, a part the image does not have
     * left out; bookkeeping annotations included, so that a user sees where every value came from.
     */
    private static Map<String, Object> annotations(ImageAnnotations annotations) {
        Map<String, Object> parts = new LinkedHashMap<>();
        putIfPresent(parts, "index", annotations.index());
        putIfPresent(parts, "descriptor", annotations.descriptor());
        putIfPresent(parts, "manifest", annotations.manifest());
        return parts;
    }

    private static void putIfPresent(Map<String, Object> parts, String name, Map<String, String> part) {
        if (part != null) {
            parts.put(name, new TreeMap<>(part));
        }
    }

    private static Map<String, String> env(List<String> entries) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            String name = equals < 0 ? entry : entry.substring(0, equals);
            env.remove(name); // the last one counts and shows in its place
            env.put(name, equals < 0 ? "" : entry.substring(equals + 1));
        }
        return env;
    }
}

package dev.labels.output;

import dev.labels.image.ResolvedImage;
import dev.labels.text.SafeText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * One line of batch output: an input reference and either its labels or why there are none.
 * <pre>
 * {"reference": "as given", "resolved": "docker.io/library/x:1", "digest": "sha256:...",
 *  "platform": "linux/amd64", "labels": {...}}
 * {"reference": "as given", "resolved": "...", "error": {"code": "NOT_FOUND", "message": "..."}}
 * </pre>
 * With {@code --full}, the {@link ImageDetails} come between {@code platform} and {@code labels}; with
 * {@code --require}, an image that lacks a required label has {@code "missing": ["KEY", "KEY=VALUE"]} after
 * its labels (the requirements as given that it does not meet).
 *
 * @param digest  the digest of the image manifest whose config gave the labels (for a multi-platform image,
 *                the chosen platform's manifest, not the index)
 * @param missing the requirements not met; empty when none were given or all are met
 * @param details the {@code --full} fields in order, or null without {@code --full}
 */
public record ImageRecord(String reference, String resolved, String digest, String platform,
                          SortedMap<String, String> labels, Error error, List<String> missing,
                          Map<String, Object> details) {

    /**
     * Why an image has no record of labels: a stable code scripts can switch on, and the message as the failure
     * said it (escaped where it is printed).
     */
    public record Error(String code, String message) {
    }

    public ImageRecord {
        missing = missing == null ? List.of() : List.copyOf(missing);
    }

    public static ImageRecord of(String reference, ResolvedImage image, SortedMap<String, String> labels) {
        return new ImageRecord(reference, image.name(), image.manifestDigest(),
                image.platform() == null ? null : image.platform().toString(), labels, null, List.of(), null);
    }

    public static ImageRecord failed(String reference, String resolved, String code, String message) {
        return new ImageRecord(reference, resolved, null, null, null, new Error(code, message), List.of(), null);
    }

    public ImageRecord withMissing(List<String> requirements) {
        return new ImageRecord(reference, resolved, digest, platform, labels, error, requirements, details);
    }

    public ImageRecord withDetails(Map<String, Object> fields) {
        return new ImageRecord(reference, resolved, digest, platform, labels, error, missing, fields);
    }

    public boolean failed() {
        return error != null;
    }

    /** The record as a JSON object, fields in the documented order, absent ones left out. */
    public Map<String, Object> toJson() {
        return toJson(false);
    }

    /** @param nested labels as nested objects ({@link Nesting}) instead of flat dotted keys */
    public Map<String, Object> toJson(boolean nested) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("reference", reference);
        putIfPresent(json, "resolved", resolved);
        putIfPresent(json, "digest", digest);
        putIfPresent(json, "platform", platform);
        if (error != null) {
            Map<String, String> e = new LinkedHashMap<>();
            e.put("code", error.code());
            // Escaped like every diagnostic: jq -r prints a JSON string raw, controls and all.
            e.put("message", SafeText.line(error.message()));
            json.put("error", e);
            return json;
        }
        if (details != null) {
            json.putAll(details);
        }
        json.put("labels", nested ? Nesting.nest(labels) : labels);
        if (!missing.isEmpty()) {
            json.put("missing", missing);
        }
        return json;
    }

    private static void putIfPresent(Map<String, Object> json, String key, Object value) {
        if (value != null) {
            json.put(key, value);
        }
    }
}

package dev.labels.labels;

import dev.labels.image.ResolvedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;

/**
 * One line of batch output: an input reference and either its labels or why there are none.
 * <pre>
 * {"reference": "as given", "resolved": "docker.io/library/x:1", "digest": "sha256:...",
 *  "platform": "linux/amd64", "labels": {...}}
 * {"reference": "as given", "resolved": "...", "error": {"code": "NOT_FOUND", "message": "..."}}
 * </pre>
 *
 * @param digest the digest of the image manifest whose config gave the labels (for a multi-platform image,
 *               the chosen platform's manifest, not the index)
 */
public record ImageRecord(String reference, String resolved, String digest, String platform,
                          SortedMap<String, String> labels, Error error) {

    /** Why an image has no record of labels: a stable code scripts can switch on, and the message. */
    public record Error(String code, String message) {
    }

    public static ImageRecord of(String reference, ResolvedImage image, SortedMap<String, String> labels) {
        return new ImageRecord(reference, image.name(), image.manifestDigest(),
                image.platform() == null ? null : image.platform().toString(), labels, null);
    }

    public static ImageRecord failed(String reference, String resolved, String code, String message) {
        return new ImageRecord(reference, resolved, null, null, null, new Error(code, message));
    }

    public boolean failed() {
        return error != null;
    }

    /** The record as a JSON object, fields in the documented order, absent ones left out. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("reference", reference);
        putIfPresent(json, "resolved", resolved);
        putIfPresent(json, "digest", digest);
        putIfPresent(json, "platform", platform);
        if (error != null) {
            Map<String, String> e = new LinkedHashMap<>();
            e.put("code", error.code());
            e.put("message", error.message());
            json.put("error", e);
        } else {
            json.put("labels", labels);
        }
        return json;
    }

    private static void putIfPresent(Map<String, Object> json, String key, Object value) {
        if (value != null) {
            json.put(key, value);
        }
    }
}

package dev.labels.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.labels.json.JsonFields;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a manifest response body into one of the {@link Manifest} kinds and checks the
 * fields this tool relies on, so later stages never meet a half-formed manifest.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/image-index.md">image-index.md</a>
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/manifest.md">manifest.md</a>
 * @see <a href="https://github.com/distribution/distribution/blob/main/docs/content/spec/manifest-v2-2.md">manifest-v2-2.md</a>
 * @see <a href="https://github.com/distribution/distribution/blob/main/docs/content/spec/manifest-v2-1.md">manifest-v2-1.md (schema 1)</a>
 */
public final class Manifests {

    private Manifests() {
    }

    /**
     * @param body        the response body, exactly as received
     * @param contentType the response's Content-Type header, or {@code null} when absent;
     *                    parameters such as {@code ; charset=utf-8} are ignored
     * @return an {@link ImageIndex}, {@link ImageManifest} or {@link Schema1Manifest} whose
     *         {@code mediaType()} is the type it was recognised as (see {@link ManifestTypes})
     * @throws MalformedImageException empty body, not JSON, truncated JSON, unsupported media
     *         type, an index without {@code manifests}, a manifest without a config digest
     */
    public static Manifest parse(byte[] body, String contentType) throws MalformedImageException {
        JsonNode root = Json.readObject(body, "manifest");
        String mediaType = ManifestTypes.resolve(root, contentType);
        if (MediaTypes.isIndex(mediaType)) {
            return index(root, mediaType);
        }
        if (MediaTypes.isImageManifest(mediaType)) {
            return image(root, mediaType);
        }
        return schema1(root, mediaType);
    }

    /** The checks read fields as the binding does (JsonFields), so that they judge what gets bound. */
    private static ImageIndex index(JsonNode root, String mediaType) throws MalformedImageException {
        List<JsonNode> entries = Json.bind(() -> JsonFields.objects(root, "manifests"), "image index");
        if (entries == null) {
            throw new MalformedImageException("image index (" + mediaType + ") has no \"manifests\" array");
        }
        for (int i = 0; i < entries.size(); i++) {
            if (!hasDigest(entries.get(i))) {
                throw new MalformedImageException("image index entry " + i + " has no digest");
            }
        }
        return Json.bind(() -> ModelBinding.index(root, mediaType), "image index");
    }

    private static ImageManifest image(JsonNode root, String mediaType) throws MalformedImageException {
        JsonNode config = Json.bind(() -> JsonFields.object(root, "config"), "image manifest");
        if (config == null) {
            throw new MalformedImageException("image manifest (" + mediaType + ") has no \"config\" descriptor");
        }
        if (!hasDigest(config)) {
            throw new MalformedImageException("image manifest (" + mediaType + ") config has no digest");
        }
        return Json.bind(() -> ModelBinding.manifest(root, mediaType), "image manifest");
    }

    private static boolean hasDigest(JsonNode descriptor) throws MalformedImageException {
        String digest = descriptor == null ? null : Json.bind(() -> JsonFields.text(descriptor, "digest"), "descriptor");
        return digest != null && !digest.isBlank();
    }

    /** Schema 1 is read by hand: the only parts needed are a few strings and the history. */
    private static Schema1Manifest schema1(JsonNode root, String mediaType) throws MalformedImageException {
        JsonNode history = root.path("history");
        if (!history.isMissingNode() && !history.isNull() && !history.isArray()) {
            throw new MalformedImageException("schema 1 manifest \"history\" is not an array");
        }
        List<String> v1 = new ArrayList<>();
        for (JsonNode entry : history) {
            String text = Json.text(entry, "v1Compatibility");
            if (text == null) {
                throw new MalformedImageException("schema 1 manifest history entry " + v1.size()
                        + " has no v1Compatibility string");
            }
            v1.add(text);
        }
        return new Schema1Manifest(mediaType, Json.text(root, "name"), Json.text(root, "tag"),
                Json.text(root, "architecture"), v1);
    }
}

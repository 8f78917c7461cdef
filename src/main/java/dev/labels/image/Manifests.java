package dev.labels.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.labels.reference.DigestGrammar;
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
     * What a manifest says, and the bytes that is read from, which its digest covers: what a manifest is, so
     * also which bytes a digest must match, is decided by its content (see {@link ManifestTypes}), never by
     * the Content-Type alone. A manifest asked for by digest must then pass {@link ManifestContent#verify}.
     *
     * @param body        the response body or file, exactly as received
     * @param contentType the response's Content-Type header, or {@code null} when absent;
     *                    parameters such as {@code ; charset=utf-8} are ignored
     * @return an {@link ImageIndex}, {@link ImageManifest} or {@link Schema1Manifest} whose
     *         {@code mediaType()} is the type it was recognised as, with the bytes it was read from
     * @throws MalformedImageException empty body, not JSON, truncated JSON, unsupported media
     *         type, an index without {@code manifests}, a descriptor without a valid digest, a signed
     *         schema 1 manifest whose signatures do not say where its payload is
     */
    public static ManifestContent read(byte[] body, String contentType) throws MalformedImageException {
        JsonNode root = ImageJson.readObject(body, "manifest");
        String mediaType = ManifestTypes.resolve(root, contentType);
        if (MediaTypes.isIndex(mediaType)) {
            return new ManifestContent(index(root, mediaType), body);
        }
        if (MediaTypes.isImageManifest(mediaType)) {
            return new ManifestContent(image(root, mediaType), body);
        }
        if (Schema1Payload.isSigned(root)) {
            byte[] payload = Schema1Payload.of(body, root);
            return new ManifestContent(schema1(ImageJson.readObject(payload, "signed schema 1 manifest payload"),
                    mediaType), payload);
        }
        return new ManifestContent(schema1(root, mediaType), body);
    }

    /** What a manifest says: {@link #read}, for when no digest is to be checked. */
    public static Manifest parse(byte[] body, String contentType) throws MalformedImageException {
        return read(body, contentType).manifest();
    }

    /** The checks read fields as the binding does (JsonFields), so that they judge what gets bound. */
    private static ImageIndex index(JsonNode root, String mediaType) throws MalformedImageException {
        List<JsonNode> entries = ImageJson.bind(() -> JsonFields.objects(root, "manifests"), "image index");
        if (entries == null) {
            throw new MalformedImageException("image index (" + mediaType + ") has no \"manifests\" array");
        }
        for (int i = 0; i < entries.size(); i++) {
            checkDigest(entries.get(i), "image index entry " + i);
        }
        return ImageJson.bind(() -> ModelBinding.index(root, mediaType), "image index");
    }

    private static ImageManifest image(JsonNode root, String mediaType) throws MalformedImageException {
        JsonNode config = ImageJson.bind(() -> JsonFields.object(root, "config"), "image manifest");
        if (config == null) {
            throw new MalformedImageException("image manifest (" + mediaType + ") has no \"config\" descriptor");
        }
        checkDigest(config, "image manifest (" + mediaType + ") config");
        List<JsonNode> layers = ImageJson.bind(() -> JsonFields.objects(root, "layers"), "image manifest");
        for (int i = 0; layers != null && i < layers.size(); i++) {
            checkDigest(layers.get(i), "image manifest (" + mediaType + ") layer " + i);
        }
        return ImageJson.bind(() -> ModelBinding.manifest(root, mediaType), "image manifest");
    }

    /** Schema 1 is read by hand: the only parts needed are a few strings and the history. */
    private static Schema1Manifest schema1(JsonNode root, String mediaType) throws MalformedImageException {
        JsonNode history = root.path("history");
        if (!history.isMissingNode() && !history.isNull() && !history.isArray()) {
            throw new MalformedImageException("schema 1 manifest \"history\" is not an array");
        }
        List<String> v1 = new ArrayList<>();
        for (JsonNode entry : history) {
            String text = ImageJson.text(entry, "v1Compatibility");
            if (text == null) {
                throw new MalformedImageException("schema 1 manifest history entry " + v1.size()
                        + " has no v1Compatibility string");
            }
            v1.add(text);
        }
        return new Schema1Manifest(mediaType, ImageJson.text(root, "name"), ImageJson.text(root, "tag"),
                ImageJson.text(root, "architecture"), v1);
    }

    /**
     * Every descriptor of the model has a digest of the one grammar ({@link DigestGrammar}), so no later stage
     * (a URL, a layout path, a cache file, an error message) ever meets one that is not. The message says
     * what is wrong, never the digest itself.
     */
    private static void checkDigest(JsonNode descriptor, String where) throws MalformedImageException {
        String digest = descriptor == null ? null : ImageJson.bind(() -> JsonFields.text(descriptor, "digest"), where);
        if (digest == null || digest.isBlank()) {
            throw new MalformedImageException(where + " has no digest");
        }
        String problem = DigestGrammar.problem(digest);
        if (problem != null) {
            throw new MalformedImageException(where + ": " + problem);
        }
    }
}

package dev.labels.image;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * Decides which kind of manifest a response holds.
 *
 * <p>Why not just trust Content-Type: some registries and proxies answer with
 * {@code application/json}, {@code text/plain} or nothing at all, and a few send a
 * Content-Type that contradicts the body. The order of evidence is therefore
 * <ol>
 *   <li>the Content-Type, when it is a specific manifest type;</li>
 *   <li>the body's own {@code mediaType} field, when the Content-Type is missing, generic or
 *       says something else (the body is what gets parsed and digested);</li>
 *   <li>the body's shape: {@code manifests} → index, {@code config} → image manifest,
 *       {@code schemaVersion: 1} or {@code fsLayers}+{@code history} → schema 1 (schema 1 and
 *       early OCI documents carry no {@code mediaType}).</li>
 * </ol>
 * A shape that clearly contradicts the type so chosen (from the Content-Type or the mediaType field) wins over
 * it: the same body is read as the same kind whatever the Content-Type, and the type it is read as, given back as
 * its Content-Type (as the cache gives it), is read as again.
 */
final class ManifestTypes {

    private enum Shape { INDEX, IMAGE, SCHEMA1 }

    private ManifestTypes() {
    }

    /**
     * The media type to treat {@code root} as: always one of the six manifest types.
     *
     * @throws MalformedImageException for an unsupported type or an unrecognisable body
     */
    static String resolve(JsonNode root, String contentType) throws MalformedImageException {
        String header = MediaTypes.base(contentType);
        String declared = ImageJson.text(root, "mediaType");
        declared = declared == null || declared.isBlank() ? null : declared.strip().toLowerCase(Locale.ROOT);
        Shape shape = shapeOf(root);

        String chosen;
        if (declared != null && (MediaTypes.isGeneric(header) || !declared.equals(header))) {
            chosen = declared;
        } else if (!MediaTypes.isGeneric(header)) {
            chosen = header;
        } else if (shape != null) {
            chosen = typeFor(shape, root);
        } else {
            throw new MalformedImageException("cannot tell manifest kind: no specific Content-Type"
                    + (header == null ? "" : " (got " + header + ")")
                    + ", no mediaType field, and neither manifests, config nor schema 1 fields");
        }
        // Held to the shape whichever named it, so the type chosen, given back as the Content-Type (as the
        // cache does), is chosen again.
        Shape claimed = shapeOf(chosen);
        if (claimed != null && shape != null && claimed != shape) {
            chosen = typeFor(shape, root);
        }
        if (shapeOf(chosen) == null) {
            throw new MalformedImageException("unsupported manifest media type " + chosen);
        }
        return chosen;
    }

    private static Shape shapeOf(String mediaType) {
        if (MediaTypes.isIndex(mediaType)) {
            return Shape.INDEX;
        }
        if (MediaTypes.isImageManifest(mediaType)) {
            return Shape.IMAGE;
        }
        return MediaTypes.isSchema1(mediaType) ? Shape.SCHEMA1 : null;
    }

    private static Shape shapeOf(JsonNode root) {
        JsonNode version = root.get("schemaVersion");
        if ((version != null && version.isNumber() && version.asInt() == 1)
                || (root.has("fsLayers") && root.has("history"))) {
            return Shape.SCHEMA1;
        }
        if (root.has("manifests") && !root.has("config")) {
            return Shape.INDEX;
        }
        if (root.has("config") && !root.has("manifests")) {
            return Shape.IMAGE;
        }
        return null;
    }

    /** Default media type for a shape when nothing names one; Docker only when the body says so. */
    private static String typeFor(Shape shape, JsonNode root) {
        return switch (shape) {
            case INDEX -> MediaTypes.OCI_INDEX;
            case IMAGE -> MediaTypes.DOCKER_CONFIG.equals(ImageJson.text(root.path("config"), "mediaType"))
                    ? MediaTypes.DOCKER_MANIFEST_V2 : MediaTypes.OCI_MANIFEST;
            case SCHEMA1 -> root.has("signatures") ? MediaTypes.DOCKER_SCHEMA1_SIGNED : MediaTypes.DOCKER_SCHEMA1;
        };
    }
}

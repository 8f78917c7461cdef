package dev.labels.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.labels.testing.FixtureContent.Descriptor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the files of a {@code docker save} archive, in the order Docker writes them:
 * <ul>
 *   <li>{@link Style#CLASSIC} (Docker before 25): {@code <layer-id>/layer.tar}, {@code <layer-id>/json},
 *       {@code <layer-id>/VERSION}, {@code <config-hex>.json}, then {@code manifest.json} and
 *       {@code repositories};</li>
 *   <li>{@link Style#DOCKER_25}: the same manifest.json, but pointing into an OCI layout in the same tar:
 *       {@code blobs/sha256/...}, {@code index.json} (entries annotated with {@code io.containerd.image.name}
 *       and {@code org.opencontainers.image.ref.name}), {@code oci-layout}.</li>
 * </ul>
 * See https://github.com/moby/moby/blob/master/image/spec/v1.2.md.
 */
public final class DockerSaveBuilder {
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Style { CLASSIC, DOCKER_25 }

    /**
     * What a {@link Style#DOCKER_25} index.json says of the saved images: it lists them (Docker 25.0.3 and later),
     * or, as Docker 25.0.0 to 25.0.2 wrote it for an image saved by ID or digest (moby#47210), has
     * {@code "manifests": null}; or an empty array, or no "manifests" at all.
     */
    public enum IndexListing { LISTED, NULL, EMPTY, ABSENT }

    /** One saved image: what a reader must report for it. */
    public record Saved(String configDigest, String manifestDigest, Map<String, String> labels) {
    }

    private final Style style;
    private final Map<String, byte[]> content = new LinkedHashMap<>();
    private final ArrayNode manifestJson = JSON.createArrayNode();
    private final List<ObjectNode> indexEntries = new ArrayList<>();
    private final ObjectNode repositories = JSON.createObjectNode();

    private IndexListing indexListing = IndexListing.LISTED;
    private Map<String, String> manifestAnnotations = Map.of();

    public DockerSaveBuilder(Style style) {
        this.style = style;
    }

    /** How index.json lists the images; see {@link IndexListing}. */
    public DockerSaveBuilder indexListing(IndexListing listing) {
        this.indexListing = listing;
        return this;
    }

    /** Annotations on the image manifests of a {@link Style#DOCKER_25} archive (from buildx --annotation). */
    public DockerSaveBuilder manifestAnnotations(Map<String, String> annotations) {
        this.manifestAnnotations = annotations;
        return this;
    }

    /** Saves one image under {@code repoTags} (as Docker writes them, e.g. {@code app:1}; may be empty). */
    public Saved image(List<String> repoTags, FixturePlatform platform, Map<String, String> labels) {
        byte[] layer = OciLayoutBuilder.layerTar("hello.txt", "saved " + repoTags + " " + platform + "\n");
        String diffId = FixturePusher.sha256(layer);
        byte[] config = FixtureContent.config(platform, labels, diffId);
        String configDigest = FixturePusher.sha256(config);
        String configHex = hex(configDigest);
        ObjectNode entry = manifestJson.addObject();
        String manifestDigest = null;
        String layerPath;
        if (style == Style.CLASSIC) {
            String layerId = hex(FixturePusher.sha256((configHex + "layer").getBytes(StandardCharsets.UTF_8)));
            layerPath = layerId + "/layer.tar";
            content.put(layerId + "/VERSION", "1.0".getBytes(StandardCharsets.UTF_8));
            content.put(layerId + "/json", FixtureContent.bytes(Map.of("id", layerId)));
            content.put(layerPath, layer);
            content.put(configHex + ".json", config);
            entry.put("Config", configHex + ".json");
        } else {
            layerPath = OciLayoutBuilder.path(diffId);
            content.put(layerPath, layer);
            content.put(OciLayoutBuilder.path(configDigest), config);
            byte[] manifest = annotated(FixtureContent.imageManifest(FixtureMediaTypes.OCI_MANIFEST,
                    new Descriptor(FixtureMediaTypes.OCI_CONFIG, configDigest, config.length),
                    new Descriptor("application/vnd.oci.image.layer.v1.tar", diffId, layer.length), Map.of()));
            manifestDigest = FixturePusher.sha256(manifest);
            content.put(OciLayoutBuilder.path(manifestDigest), manifest);
            Descriptor descriptor = new Descriptor(FixtureMediaTypes.OCI_MANIFEST, manifestDigest, manifest.length);
            for (String repoTag : repoTags.isEmpty() ? List.of("") : repoTags) {
                Map<String, String> annotations = repoTag.isEmpty() ? Map.of() : Map.of(
                        "io.containerd.image.name", fullName(repoTag),
                        OciLayoutBuilder.REF_NAME, repoTag.substring(repoTag.lastIndexOf(':') + 1));
                ObjectNode indexEntry = FixtureContent.indexEntry(descriptor, platform, annotations);
                indexEntry.remove("platform");
                indexEntries.add(indexEntry);
            }
            entry.put("Config", OciLayoutBuilder.path(configDigest));
        }
        if (repoTags.isEmpty()) {
            entry.putNull("RepoTags"); // Go's nil slice: what Docker writes for an image saved by ID
        } else {
            ArrayNode tags = entry.putArray("RepoTags");
            repoTags.forEach(tags::add);
        }
        entry.putArray("Layers").add(layerPath);
        for (String repoTag : repoTags) {
            int colon = repoTag.lastIndexOf(':');
            ObjectNode repository = repositories.has(repoTag.substring(0, colon))
                    ? (ObjectNode) repositories.get(repoTag.substring(0, colon))
                    : repositories.putObject(repoTag.substring(0, colon));
            repository.put(repoTag.substring(colon + 1), hex(diffId));
        }
        return new Saved(configDigest, manifestDigest, labels);
    }

    private byte[] annotated(byte[] manifest) {
        if (manifestAnnotations.isEmpty()) {
            return manifest;
        }
        try {
            ObjectNode document = (ObjectNode) JSON.readTree(manifest);
            ObjectNode annotations = document.putObject("annotations");
            manifestAnnotations.forEach(annotations::put);
            return FixtureContent.bytes(document);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The archive's files in Docker's order. */
    public Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>(content);
        if (style == Style.DOCKER_25) {
            files.put("index.json", indexJson());
            files.put("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        }
        files.put("manifest.json", FixtureContent.bytes(manifestJson));
        files.put("repositories", FixtureContent.bytes(repositories));
        return files;
    }

    private byte[] indexJson() {
        if (indexListing == IndexListing.LISTED) {
            return FixtureContent.index(FixtureMediaTypes.OCI_INDEX, indexEntries);
        }
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", FixtureMediaTypes.OCI_INDEX);
        switch (indexListing) {
            case NULL -> index.putNull("manifests");
            case EMPTY -> index.putArray("manifests");
            default -> { }
        }
        return FixtureContent.bytes(index);
    }

    /** Docker's annotation value: the fully qualified name, docker.io/library/ included. */
    private static String fullName(String repoTag) {
        String name = repoTag.substring(0, repoTag.lastIndexOf(':'));
        String tag = repoTag.substring(repoTag.lastIndexOf(':') + 1);
        boolean hasHost = name.contains("/") && (name.substring(0, name.indexOf('/')).contains(".")
                || name.substring(0, name.indexOf('/')).contains(":"));
        String full = hasHost ? name : "docker.io/" + (name.contains("/") ? name : "library/" + name);
        return full + ":" + tag;
    }

    private static String hex(String digest) {
        return digest.substring("sha256:".length());
    }
}

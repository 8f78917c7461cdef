package dev.labels.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.labels.testing.FixtureContent.Descriptor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the files of an OCI image layout (https://github.com/opencontainers/image-spec/blob/v1.1.0/image-layout.md)
 * as skopeo, buildah or buildx would write them: {@code oci-layout}, {@code index.json} whose entries are tagged
 * with {@code org.opencontainers.image.ref.name}, and {@code blobs/sha256/HEX}. The result is a map of file
 * names to bytes, in the order a tar should hold them (blobs first, index.json last, as
 * {@code skopeo copy ... oci-archive:} writes them), for {@link TestArchives} to write as a folder or a tar.
 */
public final class OciLayoutBuilder {
    public static final String REF_NAME = "org.opencontainers.image.ref.name";

    private final Map<String, byte[]> blobs = new LinkedHashMap<>();
    private final List<ObjectNode> entries = new ArrayList<>();

    /** One image as written: what a reader must report for it. */
    public record Image(String manifestDigest, String configDigest, byte[] manifest, Map<String, String> labels) {
    }

    /** A single-platform OCI image with one small layer, tagged {@code tag} (null for none). */
    public Image image(String tag, FixturePlatform platform, Map<String, String> labels) {
        Image image = imageBlobs(platform, labels, FixtureMediaTypes.OCI_MANIFEST);
        entries.add(entry(image, FixtureMediaTypes.OCI_MANIFEST, null, tag));
        return image;
    }

    /** A multi-platform image: an OCI index with one manifest per platform, tagged {@code tag}. */
    public Map<FixturePlatform, Image> index(String tag, Map<FixturePlatform, Map<String, String>> platforms) {
        Map<FixturePlatform, Image> images = new LinkedHashMap<>();
        List<ObjectNode> children = new ArrayList<>();
        platforms.forEach((platform, labels) -> {
            Image image = imageBlobs(platform, labels, FixtureMediaTypes.OCI_MANIFEST);
            images.put(platform, image);
            children.add(FixtureContent.indexEntry(descriptor(image, FixtureMediaTypes.OCI_MANIFEST), platform, Map.of()));
        });
        byte[] index = FixtureContent.index(FixtureMediaTypes.OCI_INDEX, children);
        String digest = blob(index);
        ObjectNode entry = FixtureContent.indexEntry(new Descriptor(FixtureMediaTypes.OCI_INDEX, digest, index.length),
                FixturePlatform.LINUX_AMD64, Map.of());
        entry.remove("platform");
        if (tag != null) {
            entry.putObject("annotations").put(REF_NAME, tag);
        }
        entries.add(entry);
        return images;
    }

    /** The platforms of one image listed straight in index.json, each entry with its platform and {@code tag}. */
    public Map<FixturePlatform, Image> flat(String tag, Map<FixturePlatform, Map<String, String>> platforms) {
        Map<FixturePlatform, Image> images = new LinkedHashMap<>();
        platforms.forEach((platform, labels) -> {
            Image image = imageBlobs(platform, labels, FixtureMediaTypes.OCI_MANIFEST);
            images.put(platform, image);
            entries.add(entry(image, FixtureMediaTypes.OCI_MANIFEST, platform, tag));
        });
        return images;
    }

    /** A manifest of {@code shape} (an artifact, or an image of an unusual kind), tagged {@code tag}. */
    public ManifestShape.Built add(String tag, ManifestShape shape) {
        ManifestShape.Built built = shape.build();
        built.blobs().values().forEach(this::blob);
        blob(built.manifest());
        ObjectNode entry = FixtureContent.indexEntry(new Descriptor(shape.manifestType(), built.digest(),
                built.manifest().length), FixturePlatform.LINUX_AMD64, Map.of(REF_NAME, tag));
        entry.remove("platform");
        entries.add(entry);
        return built;
    }

    /** Adds (or replaces) a blob as is, e.g. to corrupt one. Returns its digest. */
    public String blob(byte[] content) {
        String digest = FixturePusher.sha256(content);
        blobs.put(path(digest), content);
        return digest;
    }

    /** Replaces the content stored under {@code digest}, which then no longer matches it. */
    public void corrupt(String digest, byte[] content) {
        blobs.put(path(digest), content);
    }

    /** Removes a blob, as an incomplete copy would. */
    public void remove(String digest) {
        blobs.remove(path(digest));
    }

    /** The layout's files: blobs, then index.json, then oci-layout. */
    public Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>(blobs);
        files.put("index.json", indexJson());
        files.put("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        return files;
    }

    public byte[] indexJson() {
        return FixtureContent.index(FixtureMediaTypes.OCI_INDEX, entries);
    }

    public static String path(String digest) {
        return "blobs/" + digest.replace(':', '/');
    }

    /** An uncompressed tar of one file: the layer type Docker 25 saves, deterministic to the byte. */
    public static byte[] layerTar(String name, String text) {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        TarWriter writer = new TarWriter(tar);
        writer.file(name, text.getBytes(StandardCharsets.UTF_8));
        writer.finish();
        return tar.toByteArray();
    }

    private Image imageBlobs(FixturePlatform platform, Map<String, String> labels, String manifestType) {
        byte[] layer = layerTar("hello.txt", "a labels test fixture for " + platform + "\n");
        String layerDigest = blob(layer);
        byte[] config = FixtureContent.config(platform, labels, layerDigest);
        String configDigest = blob(config);
        byte[] manifest = FixtureContent.imageManifest(manifestType,
                new Descriptor(FixtureMediaTypes.OCI_CONFIG, configDigest, config.length),
                new Descriptor("application/vnd.oci.image.layer.v1.tar", layerDigest, layer.length), Map.of());
        return new Image(blob(manifest), configDigest, manifest, labels == null ? Map.of() : labels);
    }

    private static Descriptor descriptor(Image image, String mediaType) {
        return new Descriptor(mediaType, image.manifestDigest(), image.manifest().length);
    }

    private static ObjectNode entry(Image image, String mediaType, FixturePlatform platform, String tag) {
        ObjectNode entry = FixtureContent.indexEntry(descriptor(image, mediaType),
                platform == null ? FixturePlatform.LINUX_AMD64 : platform, tag == null ? Map.of() : Map.of(REF_NAME, tag));
        if (platform == null) {
            entry.remove("platform");
        }
        return entry;
    }
}

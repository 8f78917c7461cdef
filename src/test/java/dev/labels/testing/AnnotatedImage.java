package dev.labels.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.labels.testing.FixtureContent.Descriptor;
import dev.labels.testing.FixtureContent.Layer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A multi-platform OCI image whose builder put its metadata where {@code docker buildx build --annotation} and
 * GitHub's metadata-action put it: in annotations on the index, on the index's descriptor of each platform's
 * manifest, and on each manifest, beside config labels, with keys that conflict. Both platforms (linux/amd64 and
 * linux/arm64) carry the same labels and annotations, so what a reader must report does not depend on the machine.
 * The index also lists a buildx attestation, whose descriptor carries buildx's bookkeeping annotations, and each
 * platform's descriptor carries a layout-style {@code ref.name}: neither is metadata.
 */
public final class AnnotatedImage {
    public static final String TITLE = "org.opencontainers.image.title";
    public static final String SOURCE = "org.opencontainers.image.source";
    public static final String REVISION = "org.opencontainers.image.revision";
    public static final String CREATED = "org.opencontainers.image.created";
    public static final String DESCRIPTION = "org.opencontainers.image.description";
    public static final String REF_NAME = "org.opencontainers.image.ref.name";

    /** In every place: the label must win. */
    public static final Map<String, String> LABELS = Fixtures.ordered(TITLE, "from the label", "team", "dodo");
    public static final Map<String, String> MANIFEST = Fixtures.ordered(TITLE, "from the manifest",
            SOURCE, "https://git.example.com/from-the-manifest", DESCRIPTION, "only in the manifest");
    public static final Map<String, String> DESCRIPTOR = Fixtures.ordered(TITLE, "from the descriptor",
            SOURCE, "https://git.example.com/from-the-descriptor", REVISION, "from the descriptor", REF_NAME, "1");
    public static final Map<String, String> INDEX = Fixtures.ordered(TITLE, "from the index",
            SOURCE, "https://git.example.com/from-the-index", REVISION, "from-the-index", CREATED, "2024-05-01T12:00:00Z");

    /** What {@code --annotations} must print: each key from the highest place that has it, ref.name left out. */
    public static final Map<String, String> MERGED = Fixtures.ordered(TITLE, "from the label", "team", "dodo",
            SOURCE, "https://git.example.com/from-the-manifest", DESCRIPTION, "only in the manifest",
            REVISION, "from the descriptor", CREATED, "2024-05-01T12:00:00Z");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Layer LAYER = FixtureContent.layer("hello.txt", "an annotated image\n");

    private AnnotatedImage() {
    }

    /**
     * Pushes the image as {@code repository:tag} with {@code index} as the index's annotations (the other places as
     * above); returns its digest.
     */
    public static String push(FixturePusher pusher, String repository, String tag, Map<String, String> index) {
        pusher.pushBlob(repository, LAYER.gzipped());
        List<ObjectNode> entries = new ArrayList<>();
        String amd64 = null;
        for (FixturePlatform platform : List.of(FixturePlatform.LINUX_AMD64, FixturePlatform.LINUX_ARM64)) {
            Descriptor manifest = pushManifest(pusher, repository, platform);
            amd64 = amd64 == null ? manifest.digest() : amd64;
            entries.add(FixtureContent.indexEntry(manifest, platform, DESCRIPTOR));
        }
        Descriptor attestation = pushManifest(pusher, repository, FixturePlatform.UNKNOWN);
        entries.add(FixtureContent.indexEntry(attestation, FixturePlatform.UNKNOWN, Fixtures.ordered(
                "vnd.docker.reference.digest", amd64, "vnd.docker.reference.type", "attestation-manifest")));
        ObjectNode document = read(FixtureContent.index(FixtureMediaTypes.OCI_INDEX, entries));
        ObjectNode annotations = document.putObject("annotations");
        index.forEach(annotations::put);
        return pusher.pushManifest(repository, tag, FixtureMediaTypes.OCI_INDEX, document);
    }

    /** A platform's config and its manifest, annotated; pushed by digest. */
    private static Descriptor pushManifest(FixturePusher pusher, String repository, FixturePlatform platform) {
        byte[] config = FixtureContent.config(platform, LABELS, LAYER.diffId());
        pusher.pushBlob(repository, config);
        ObjectNode document = read(FixtureContent.imageManifest(FixtureMediaTypes.OCI_MANIFEST,
                Descriptor.of(FixtureMediaTypes.OCI_CONFIG, config),
                Descriptor.of(FixtureMediaTypes.OCI_LAYER, LAYER.gzipped()), Map.of()));
        ObjectNode annotations = document.putObject("annotations");
        MANIFEST.forEach(annotations::put);
        byte[] manifest = FixtureContent.bytes(document);
        String digest = pusher.pushManifest(repository, FixturePusher.sha256(manifest), FixtureMediaTypes.OCI_MANIFEST,
                manifest);
        return new Descriptor(FixtureMediaTypes.OCI_MANIFEST, digest, manifest.length);
    }

    private static ObjectNode read(byte[] json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

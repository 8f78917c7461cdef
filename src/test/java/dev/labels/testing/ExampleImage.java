package dev.labels.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The example image of the README's offline quick start, {@code src/example/oci/blaze-dodo-service}: an OCI
 * image layout (https://github.com/opencontainers/image-spec/blob/v1.1.0/image-layout.md) of one small image
 * with the labels a blaze deployment reads, tagged {@code 87-2b51c14}.
 *
 * <p>The committed files are this class's output, byte for byte; ExampleImageTest checks that. To change the
 * example, change this class and run
 * {@code ./mvnw -q -o test -Dtest=ExampleImageTest -Dlabels.example.write=true}.
 *
 * <p>Deterministic: fixed dates, ordered JSON, and an uncompressed layer (gzip output can differ between zlib
 * versions, which would change the digests).
 */
public final class ExampleImage {
    /** Relative to the project folder, where Maven runs the tests and where the README's command runs. */
    public static final Path FOLDER = Path.of("src", "example", "oci", "blaze-dodo-service");
    public static final String TAG = "87-2b51c14";
    private static final String CREATED = "2024-05-01T12:00:00Z";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExampleImage() {
    }

    /** The image's labels, in the order its config declares them. */
    public static Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("blaze.service.deployment.cpu", "0.1");
        labels.put("blaze.service.deployment.memory", "300");
        labels.put("blaze.service.health-check.endpoint", "/status");
        labels.put("org.opencontainers.image.created", CREATED);
        labels.put("org.opencontainers.image.description", "Example image of the labels quick start; it runs nothing");
        labels.put("org.opencontainers.image.licenses", "Apache-2.0");
        labels.put("org.opencontainers.image.revision", "2b51c14");
        labels.put("org.opencontainers.image.source", "https://git.example.com/blaze/blaze-dodo-service");
        labels.put("org.opencontainers.image.title", "blaze-dodo-service");
        labels.put("org.opencontainers.image.version", TAG);
        return labels;
    }

    /** The layout's files by path: blobs, index.json, oci-layout. */
    public static Map<String, byte[]> files() {
        byte[] layer = OciLayoutBuilder.layerTar("srv/dodo/README",
                "blaze-dodo-service: the example image of labels. It holds no program; only its labels matter.\n");
        String diffId = FixturePusher.sha256(layer);

        ObjectNode config = JSON.createObjectNode();
        config.put("created", CREATED);
        config.put("architecture", "amd64");
        config.put("os", "linux");
        ObjectNode runtime = config.putObject("config");
        runtime.putObject("ExposedPorts").putObject("8080/tcp");
        runtime.putArray("Env").add("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        runtime.putArray("Cmd").add("cat").add("/srv/dodo/README");
        runtime.put("WorkingDir", "/srv/dodo");
        ObjectNode labelNode = runtime.putObject("Labels");
        labels().forEach(labelNode::put);
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.putArray("diff_ids").add(diffId);
        config.putArray("history").addObject().put("created", CREATED)
                .put("created_by", "COPY README /srv/dodo/README # buildkit");
        byte[] configBytes = FixtureContent.bytes(config);

        byte[] manifest = FixtureContent.imageManifest(FixtureMediaTypes.OCI_MANIFEST,
                FixtureContent.Descriptor.of(FixtureMediaTypes.OCI_CONFIG, configBytes),
                FixtureContent.Descriptor.of("application/vnd.oci.image.layer.v1.tar", layer), Map.of());
        ObjectNode entry = JSON.createObjectNode();
        entry.put("mediaType", FixtureMediaTypes.OCI_MANIFEST);
        entry.put("digest", FixturePusher.sha256(manifest));
        entry.put("size", manifest.length);
        entry.putObject("annotations").put(OciLayoutBuilder.REF_NAME, TAG);
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", FixtureMediaTypes.OCI_INDEX);
        index.putArray("manifests").add(entry);

        Map<String, byte[]> files = new LinkedHashMap<>();
        for (byte[] blob : new byte[][] {layer, configBytes, manifest}) {
            files.put(OciLayoutBuilder.path(FixturePusher.sha256(blob)), blob);
        }
        files.put("index.json", FixtureContent.bytes(index));
        files.put("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        return files;
    }

    /** Replaces the folder's content with {@link #files()}. */
    public static void write(Path folder) {
        try {
            if (Files.exists(folder)) {
                try (Stream<Path> old = Files.walk(folder)) {
                    for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            TestArchives.folder(folder, files());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

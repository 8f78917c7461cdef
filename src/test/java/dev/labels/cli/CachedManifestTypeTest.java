package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.labels.testing.FakeRegistry;
import dev.labels.testing.FixtureImage;
import dev.labels.testing.FixtureMediaTypes;
import dev.labels.testing.FixturePlatform;
import dev.labels.testing.FixturePusher;
import dev.labels.testing.Fixtures;
import dev.labels.testing.LocalRegistry;
import dev.labels.testing.OciLayoutBuilder;
import dev.labels.testing.Skopeo;
import dev.labels.testing.TestArchives;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cached manifest keeps its media type in a file of its own only where its content, read without it, would
 * be read as another type. Nearly every manifest says its type itself (its mediaType field, or a shape and
 * config type that tell it), and each type file is one more file that every manifest of a batch creates.
 * Either way the cache answers as the registry did.
 */
class CachedManifestTypeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SIGNED_SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+prettyjws";
    private static LocalRegistry registry;
    private static FixturePusher pusher;

    @TempDir
    Path temp;

    @BeforeAll
    static void startRegistry() {
        registry = LocalRegistry.start(LocalRegistry.Mode.ANONYMOUS);
        pusher = new FixturePusher(registry);
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void manifestsThatSayTheirTypeThemselvesAreCachedWithoutATypeFile() throws IOException {
        FixtureImage oci = Fixtures.single(pusher, "types/oci", "1", FixtureMediaTypes.OCI_MANIFEST,
                FixturePlatform.LINUX_AMD64, Map.of("kind", "oci"));
        FixtureImage list = Fixtures.multi(pusher, "types/list");
        // An OCI manifest without its mediaType field, which the image spec allows: its shape says the type.
        ObjectNode bare = (ObjectNode) JSON.readTree(manifestAsServed("types/oci", "1"));
        bare.remove("mediaType");
        String bareDigest = pusher.pushManifest("types/oci", "bare", FixtureMediaTypes.OCI_MANIFEST, bare);

        for (String reference : List.of(oci.reference(), list.reference(), "types/oci:bare")) {
            CliRun cold = inspect(registry.host() + "/" + reference);
            CliRun warm = inspect(registry.host() + "/" + reference);

            assertEquals(0, cold.exitCode(), cold::toString);
            assertEquals(Skopeo.labels(registry.host(), reference, Skopeo.Options.anonymous()), cold.labels());
            assertEquals(cold.stdout(), warm.stdout(), "the cache answers as the registry did");
        }
        for (String digest : List.of(oci.digest(), list.digest(), list.platforms().get(0).digest(), bareDigest)) {
            assertTrue(Files.exists(blob(digest)), digest + " is cached");
        }
        assertEquals(List.of(), typeFiles());
    }

    /** A signed schema 1 manifest is cached as its payload, which, read alone, is an unsigned one. */
    @Test
    void aManifestWhoseContentReadsAsAnotherTypeKeepsItsType() throws Exception {
        OciLayoutBuilder layout = new OciLayoutBuilder();
        layout.image("1", FixturePlatform.LINUX_AMD64, Map.of("team", "dodo"));
        byte[] signed = Skopeo.signedSchema1("oci:" + TestArchives.folder(temp.resolve("layout"), layout.files()) + ":1");
        String digest = Skopeo.manifestDigest(signed);
        try (FakeRegistry fake = new FakeRegistry(FakeRegistry.Auth.NONE)) {
            fake.putManifest("team/app", digest, SIGNED_SCHEMA1, signed);
            String reference = fake.host() + "/team/app@" + digest;

            CliRun cold = inspect(reference, "--mirror", fake.plainHttpMirror());
            int requests = fake.registryRequests.size();
            CliRun warm = inspect(reference, "--mirror", fake.plainHttpMirror());

            assertEquals(Map.of("team", "dodo"), cold.labels(), cold::toString);
            assertEquals(cold.stdout(), warm.stdout(), "the cache answers as the registry did");
            assertEquals(requests, fake.registryRequests.size(), "the warm run asked nothing");
        }
        assertEquals(SIGNED_SCHEMA1, Files.readString(Path.of(blob(digest) + ".type")));
    }

    /**
     * A manifest whose Content-Type and mediaType field agree but whose shape says otherwise (schema 1 fields
     * beside an image manifest's config) is read as its shape says; the cache must read it back the same way.
     */
    @Test
    void aManifestReadAsItsShapeIsReadBackTheSameWay() throws Exception {
        byte[] config = dev.labels.testing.TestImages.config("linux", "amd64", Map.of("from", "config"));
        String configDigest = dev.labels.testing.TestImages.sha256(config);
        byte[] manifest = ("{\"schemaVersion\": 1, \"mediaType\": \"" + FixtureMediaTypes.OCI_MANIFEST + "\","
                + " \"config\": {\"mediaType\": \"application/vnd.oci.image.config.v1+json\", \"digest\": \""
                + configDigest + "\", \"size\": " + config.length + "}, \"layers\": [],"
                + " \"name\": \"team/app\", \"tag\": \"1\", \"architecture\": \"amd64\", \"history\": [{\"v1Compatibility\":"
                + " \"{\\\"architecture\\\": \\\"amd64\\\", \\\"os\\\": \\\"linux\\\","
                + " \\\"config\\\": {\\\"Labels\\\": {\\\"from\\\": \\\"history\\\"}}}\"}]}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String digest = dev.labels.testing.TestImages.sha256(manifest);
        try (FakeRegistry fake = new FakeRegistry(FakeRegistry.Auth.NONE)) {
            fake.putBlob(config);
            fake.putManifest("team/app", digest, FixtureMediaTypes.OCI_MANIFEST, manifest);
            String reference = fake.host() + "/team/app@" + digest;

            CliRun cold = inspect(reference, "--mirror", fake.plainHttpMirror());
            CliRun warm = inspect(reference, "--mirror", fake.plainHttpMirror());

            assertEquals(0, cold.exitCode(), cold::toString);
            assertEquals(cold.stdout(), warm.stdout(), "the cache answers as the registry did");
        }
    }

    /** The manifest's bytes as the registry serves them. */
    private static byte[] manifestAsServed(String repository, String tag) throws IOException {
        Request get = new Request.Builder().header("Accept", FixtureMediaTypes.OCI_MANIFEST)
                .url("http://" + registry.host() + "/v2/" + repository + "/manifests/" + tag).build();
        try (Response response = new OkHttpClient().newCall(get).execute()) {
            assertEquals(200, response.code(), "fetching " + repository + ":" + tag);
            return response.body().bytes();
        }
    }

    private CliRun inspect(String reference, String... options) {
        List<String> args = new ArrayList<>(List.of("inspect", "--cache-dir", temp.resolve("cache").toString(),
                reference));
        args.addAll(List.of(options));
        return CliRun.run(args.toArray(String[]::new));
    }

    private Path blob(String digest) {
        return temp.resolve("cache/v1/blobs/sha256").resolve(digest.substring("sha256:".length()));
    }

    private List<Path> typeFiles() throws IOException {
        try (Stream<Path> files = Files.walk(temp.resolve("cache"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".type")).toList();
        }
    }
}

package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labels.testing.FakeRegistry;
import dev.labels.testing.FixturePlatform;
import dev.labels.testing.OciLayoutBuilder;
import dev.labels.testing.TestArchives;
import dev.labels.testing.TestImages;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A digest taken from a manifest, an index, a layout's index.json or a registry header is checked against the
 * digest grammar (a known algorithm, lower-case hex of its length) before it is used for anything: it never
 * becomes part of a URL or a file name, and is never printed, unchecked.
 */
class MalformedDigestTest {
    /** What a hostile manifest may give as a digest: OkHttp resolves the dot segments, and GET /x leaves the API. */
    private static final String TRAVERSAL = "sha256:x/../../../../x";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FakeRegistry fake;

    @AfterEach
    void stop() throws Exception {
        if (fake != null) {
            fake.close();
        }
    }

    private CliRun inspect(String reference, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("inspect", fake.host() + "/team/app" + reference,
                "--mirror", fake.plainHttpMirror(), "--no-cache", "--retries", "1"));
        args.addAll(List.of(extra));
        return CliRun.run(args.toArray(String[]::new));
    }

    /** Exit 1 (a bad registry answer), one line naming the problem, the digest itself not repeated. */
    private static void assertRefused(CliRun run, String where) {
        assertEquals(ExitCodes.ERROR, run.exitCode(), run::toString);
        assertEquals("", run.stdout(), "no labels");
        assertEquals(1, run.stderr().lines().count(), run::toString);
        assertTrue(run.stderr().contains("invalid digest") || run.stderr().contains("unsupported digest algorithm"),
                run.stderr());
        assertTrue(run.stderr().contains(where), "says where: " + run.stderr());
        assertFalse(run.stderr().contains("/.."), "the bad digest is not printed: " + run.stderr());
    }

    /** Nothing but manifests of the repository was asked for: no blob, nothing outside /v2/team/app/. */
    private void assertOnlyManifestsWereRequested() {
        for (RecordedRequest request : fake.registryRequests) {
            String path = request.getRequestUrl().encodedPath();
            assertTrue(path.equals("/v2/") || path.startsWith("/v2/team/app/manifests/"), "requested " + path);
        }
    }

    @Test
    void aConfigDigestThatWouldLeaveTheBlobsPathIsRefusedBeforeAnyRequestForIt() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.NONE);
        fake.putManifest("team/app", "1", TestImages.DOCKER_V2, manifestWithConfig(TRAVERSAL));

        assertRefused(inspect(":1"), "config");
        assertOnlyManifestsWereRequested();
    }

    @Test
    void anIndexEntryDigestThatWouldLeaveTheManifestsPathIsRefusedBeforeAnyRequestForIt() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.NONE);
        Map<String, Object> entry = new LinkedHashMap<>(TestImages.entry(TestImages.OCI_MANIFEST,
                TestImages.utf8("{}"), "linux", "amd64"));
        entry.put("digest", TRAVERSAL);
        fake.putManifest("team/app", "1", TestImages.OCI_INDEX, TestImages.index(List.of(entry)));

        assertRefused(inspect(":1", "--platform", "linux/amd64"), "index");
        assertEquals(1, fake.registryRequests.stream()
                .filter(r -> r.getRequestUrl().encodedPath().contains("/manifests/")).count(), "only the index");
        assertOnlyManifestsWereRequested();
    }

    @Test
    void aDigestWithAnotherLengthOrUpperCaseHexIsRefusedToo() throws Exception {
        String hex = HexFormat.of().formatHex(new byte[32]);
        for (String digest : List.of("sha256:" + hex.substring(1), "sha256:" + hex.toUpperCase().replace('0', 'A'),
                "md5:" + hex.substring(32), "sha256:" + hex + "\u001b[2J")) {
            fake = new FakeRegistry(FakeRegistry.Auth.NONE);
            fake.putManifest("team/app", "1", TestImages.DOCKER_V2, manifestWithConfig(digest));

            assertRefused(inspect(":1"), "config");
            assertFalse(inspect(":1").stderr().contains("\u001b"), "no escape reaches the terminal");
            assertOnlyManifestsWereRequested();
            fake.close();
            fake = null;
        }
    }

    @Test
    void aDockerContentDigestHeaderThatIsNotADigestIsNeverUsedOrPrinted() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.NONE);
        String v1 = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"team\":\"dodo\"}}}";
        byte[] schema1 = TestImages.utf8("{\"schemaVersion\":1,\"name\":\"team/app\",\"tag\":\"1\",\"architecture\":\"amd64\","
                + "\"history\":[{\"v1Compatibility\":" + MAPPER.writeValueAsString(v1) + "}]}");
        fake.putManifest("team/app", "1", "application/vnd.docker.distribution.manifest.v1+prettyjws", schema1);
        fake.tamper = (server, request, normal) -> request.getPath().contains("/manifests/")
                ? normal.clone().setHeader("Docker-Content-Digest", TRAVERSAL) : normal;

        CliRun run = inspect(":1", "--full");

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode record = MAPPER.readTree(run.stdout());
        assertEquals(TestImages.sha256(schema1), record.path("digest").asText(), "the digest labels computed");
    }

    @Test
    void aSha384DigestIsOneLabelsCanCheck() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.NONE);
        byte[] config = TestImages.config("linux", "amd64", Map.of("team", "dodo"));
        fake.putBlob(config);
        byte[] manifest = TestImages.manifest(TestImages.OCI_MANIFEST, TestImages.OCI_CONFIG, config);
        String pinned = "sha384:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-384").digest(manifest));
        fake.putManifest("team/app", pinned, TestImages.OCI_MANIFEST, manifest);

        CliRun run = inspect("@" + pinned, "--full");

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode record = MAPPER.readTree(run.stdout());
        assertEquals(pinned, record.path("digest").asText());
        assertEquals("dodo", record.path("labels").path("team").asText());

        fake.putManifest("team/app", pinned, TestImages.OCI_MANIFEST, TestImages.utf8(" " + new String(manifest,
                java.nio.charset.StandardCharsets.UTF_8)));
        CliRun altered = inspect("@" + pinned);
        assertEquals(ExitCodes.ERROR, altered.exitCode(), altered::toString);
        assertTrue(altered.stderr().contains("digest mismatch"), altered.stderr());
    }

    @Test
    void aLayoutWhoseIndexJsonHasAMalformedDigestIsRefusedWhenIndexJsonIsRead(@TempDir Path temp) {
        OciLayoutBuilder layout = new OciLayoutBuilder();
        layout.image("1", FixturePlatform.LINUX_AMD64, Map.of("team", "dodo"));
        Map<String, byte[]> files = new LinkedHashMap<>(layout.files());
        // Two untagged images, one of them with a digest that names a file outside blobs/.
        files.put("index.json", TestImages.utf8("{\"schemaVersion\":2,\"manifests\":["
                + "{\"mediaType\":\"" + TestImages.OCI_MANIFEST + "\",\"digest\":\"sha256:../../../../etc/passwd\",\"size\":10},"
                + "{\"mediaType\":\"" + TestImages.OCI_MANIFEST + "\",\"digest\":\"" + TestImages.sha256(new byte[0])
                + "\",\"size\":10}]}"));
        Path folder = TestArchives.folder(temp.resolve("layout"), files);

        CliRun untagged = CliRun.run("inspect", "oci:" + folder);
        assertRefused(untagged, "index.json");

        files.put("index.json", TestImages.utf8("{\"schemaVersion\":2,\"manifests\":["
                + "{\"mediaType\":\"" + TestImages.OCI_MANIFEST + "\",\"digest\":\"sha256:../../../../etc/passwd\",\"size\":10}]}"));
        TestArchives.folder(folder, files);
        assertRefused(CliRun.run("inspect", "oci:" + folder), "index.json");
    }

    private static byte[] manifestWithConfig(String digest) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", TestImages.DOCKER_V2);
        manifest.put("config", Map.of("mediaType", TestImages.DOCKER_CONFIG, "digest", digest, "size", 100));
        manifest.put("layers", List.of());
        return TestImages.json(manifest);
    }
}

package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labels.testing.FakeRegistry;
import dev.labels.testing.FixturePlatform;
import dev.labels.testing.OciLayoutBuilder;
import dev.labels.testing.Skopeo;
import dev.labels.testing.TestArchives;
import dev.labels.testing.TestImages;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whether a manifest is checked against the digest it was asked for is decided by what the manifest is, never
 * by the Content-Type the registry sends with it. A signed schema 1 manifest is checked as the registry and
 * skopeo digest it: its payload without the signatures.
 */
class PinnedDigestTest {
    private static final String SIGNED_SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+prettyjws";
    private static final Map<String, String> LABELS = Map.of("team", "dodo");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** team/app:1 as skopeo writes it in schema 1, signed, and the digest skopeo gives it. */
    private static byte[] signed;
    private static String signedDigest;

    private FakeRegistry fake;

    @BeforeAll
    static void signedSchemaOne(@TempDir Path temp) {
        OciLayoutBuilder layout = new OciLayoutBuilder();
        layout.image("1", FixturePlatform.LINUX_AMD64, LABELS);
        Path folder = TestArchives.folder(temp.resolve("layout"), layout.files());
        signed = Skopeo.signedSchema1("oci:" + folder + ":1");
        signedDigest = Skopeo.manifestDigest(signed);
    }

    @AfterEach
    void stop() throws Exception {
        if (fake != null) {
            fake.close();
        }
    }

    private CliRun inspect(String reference) throws Exception {
        return CliRun.run("inspect", fake.host() + "/team/app" + reference, "--full", "--mirror",
                fake.plainHttpMirror(), "--no-cache");
    }

    private static void assertDigestMismatch(CliRun run) {
        assertEquals(ExitCodes.ERROR, run.exitCode(), run::toString);
        assertEquals("", run.stdout(), "no labels");
        assertTrue(run.stderr().contains("digest mismatch"), run.stderr());
    }

    private static String digestOf(CliRun run) throws Exception {
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode record = MAPPER.readTree(run.stdout());
        assertEquals("dodo", record.path("labels").path("team").asText(), run.stdout());
        return record.path("digest").asText();
    }

    @Test
    void anImageManifestSentAsSignedSchemaOneIsCheckedAgainstThePinnedDigest() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.NONE);
        byte[] config = TestImages.config("linux", "amd64", Map.of("team", "evil"));
        fake.putBlob(config);
        String pinned = TestImages.sha256(TestImages.utf8("the manifest the user pinned"));
        fake.putManifest("team/app", pinned, SIGNED_SCHEMA1,
                TestImages.manifest(TestImages.OCI_MANIFEST, TestImages.OCI_CONFIG, config));

        assertDigestMismatch(inspect("@" + pinned));
    }

    @Test
    void aSignedSchemaOneManifestIsVerifiedByItsPayloadAsSkopeoDigestsIt() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.NONE);
        fake.putManifest("team/app", signedDigest, SIGNED_SCHEMA1, signed);

        assertEquals(signedDigest, digestOf(inspect("@" + signedDigest)));
    }

    @Test
    void aSignedSchemaOneManifestOfAnotherDigestIsRefused() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.NONE);
        String other = TestImages.sha256(TestImages.utf8("another image"));
        // The digest of the bytes with their signatures is not the manifest's digest either.
        String ofTheSignedBytes = TestImages.sha256(signed);
        fake.putManifest("team/app", other, SIGNED_SCHEMA1, signed);
        fake.putManifest("team/app", ofTheSignedBytes, SIGNED_SCHEMA1, signed);

        assertDigestMismatch(inspect("@" + other));
        assertDigestMismatch(inspect("@" + ofTheSignedBytes));
    }

    @Test
    void whatIsReadOfASignedSchemaOneManifestIsThePayloadItsDigestCovers() throws Exception {
        // A key put between the payload and the signatures leaves the payload, so the digest, as it was; read
        // from the whole body, its "history" (the second one) would win and give other labels.
        String evil = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"team\":\"evil\"}}}";
        byte[] inserted = TestImages.utf8(",\"history\":[{\"v1Compatibility\":" + MAPPER.writeValueAsString(evil) + "}]");
        int signatures = new String(signed, StandardCharsets.ISO_8859_1).lastIndexOf(",\"signatures\"");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(signed, 0, signatures);
        body.write(inserted);
        body.write(signed, signatures, signed.length - signatures);
        byte[] tampered = body.toByteArray();
        assertEquals(signedDigest, Skopeo.manifestDigest(tampered), "the payload is the same to skopeo too");
        fake = new FakeRegistry(FakeRegistry.Auth.NONE);
        fake.putManifest("team/app", signedDigest, SIGNED_SCHEMA1, tampered);

        assertEquals(signedDigest, digestOf(inspect("@" + signedDigest)));
    }

    @Test
    void byTagTheDigestOfASignedSchemaOneManifestIsItsPayloadDigest() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.NONE);
        fake.putManifest("team/app", "1", SIGNED_SCHEMA1, signed);
        fake.tamper = (server, request, normal) -> request.getPath().contains("/manifests/")
                ? normal.clone().setHeader("Docker-Content-Digest", signedDigest) : normal;

        assertEquals(signedDigest, digestOf(inspect(":1")));
    }

    @Test
    void byTagASignedSchemaOneManifestIsCheckedAgainstItsDockerContentDigest() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.NONE);
        String other = TestImages.sha256(TestImages.utf8("what the registry stored"));
        fake.putManifest("team/app", "1", SIGNED_SCHEMA1, signed);
        fake.tamper = (server, request, normal) -> request.getPath().contains("/manifests/")
                ? normal.clone().setHeader("Docker-Content-Digest", other) : normal;

        CliRun run = inspect(":1");

        assertDigestMismatch(run);
        assertFalse(run.stderr().contains("dodo"));
    }

    @Test
    void aSignedSchemaOneManifestWhoseSignaturesCannotBeReadIsRefused() throws Exception {
        String text = new String(signed, StandardCharsets.UTF_8);
        String broken = text.replaceAll("\"protected\":\"[^\"]*\"", "\"protected\":\"bm90IGpzb24\"");
        assertNotEquals(text, broken);
        assertFalse(Skopeo.digestManifest(TestImages.utf8(broken)).succeeded(), "skopeo cannot digest it either");
        fake = new FakeRegistry(FakeRegistry.Auth.NONE);
        fake.putManifest("team/app", "1", SIGNED_SCHEMA1, TestImages.utf8(broken));

        CliRun run = inspect(":1");

        assertEquals(ExitCodes.ERROR, run.exitCode(), run::toString);
        assertEquals("", run.stdout());
        assertTrue(run.stderr().contains("signature"), run.stderr());
        assertEquals(1, run.stderr().lines().count(), run.stderr());
    }

    @Test
    void aCachedSignedSchemaOneManifestIsCheckedAsOneFromTheRegistry(@TempDir Path cacheHome) throws Exception {
        // Planted under the digest of its signed bytes, which the file's own check passes, but that is not the
        // digest of the manifest those bytes are read as.
        String ofTheSignedBytes = TestImages.sha256(signed);
        Path blobs = cacheHome.resolve("labels/v1/blobs/sha256");
        java.nio.file.Files.createDirectories(blobs);
        java.nio.file.Files.write(blobs.resolve(ofTheSignedBytes.substring("sha256:".length())), signed);
        fake = new FakeRegistry(FakeRegistry.Auth.NONE);

        CliRun run = CliRun.run(Map.of("XDG_CACHE_HOME", cacheHome.toString()), "", "inspect",
                fake.host() + "/team/app@" + ofTheSignedBytes, "--mirror", fake.plainHttpMirror());

        assertEquals(ExitCodes.NOT_FOUND, run.exitCode(), "asked the registry, which has no such manifest: " + run);
        assertEquals("", run.stdout());
    }

    @Test
    void aSignedSchemaOneManifestIsCachedUnderItsDigestAndReadFromTheCacheAgain(@TempDir Path cacheHome)
            throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.NONE);
        fake.putManifest("team/app", signedDigest, SIGNED_SCHEMA1, signed);
        Map<String, String> env = Map.of("XDG_CACHE_HOME", cacheHome.toString());
        String reference = fake.host() + "/team/app@" + signedDigest;

        CliRun first = CliRun.run(env, "", "inspect", reference, "--mirror", fake.plainHttpMirror());
        int requests = fake.registryRequests.size();
        CliRun second = CliRun.run(env, "", "inspect", reference, "--mirror", fake.plainHttpMirror());

        assertEquals(LABELS, first.labels(), first::toString);
        assertEquals(LABELS, second.labels(), second::toString);
        assertEquals(requests, fake.registryRequests.size(), "the second run asked nothing");
    }

    /**
     * A layout addresses manifests by digest too, and the same rule holds: a signed schema 1 manifest is the
     * manifest of its payload's digest (as the registry stores it), not of its bytes' digest.
     */
    @Test
    void aLayoutHoldsASignedSchemaOneManifestUnderItsPayloadDigestOnly(@TempDir Path temp) {
        String ofTheSignedBytes = TestImages.sha256(signed);

        CliRun byPayload = CliRun.run("inspect", "oci:" + layoutWithSigned(temp.resolve("payload"), signedDigest));
        CliRun byBytes = CliRun.run("inspect", "oci:" + layoutWithSigned(temp.resolve("bytes"), ofTheSignedBytes));

        assertEquals(LABELS, byPayload.labels(), byPayload::toString);
        assertDigestMismatch(byBytes);
    }

    private static Path layoutWithSigned(Path folder, String digest) {
        String index = "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"" + SIGNED_SCHEMA1 + "\",\"digest\":\""
                + digest + "\",\"size\":" + signed.length + "}]}";
        return TestArchives.folder(folder, Map.of("oci-layout", TestImages.utf8("{\"imageLayoutVersion\":\"1.0.0\"}"),
                "index.json", TestImages.utf8(index), "blobs/" + digest.replace(':', '/'), signed));
    }
}

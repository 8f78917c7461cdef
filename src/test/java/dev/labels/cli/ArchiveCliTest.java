package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labels.testing.DockerSaveBuilder;
import dev.labels.testing.FixturePlatform;
import dev.labels.testing.OciLayoutBuilder;
import dev.labels.testing.TestArchives;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images in files through the command line: output, exit codes, one-line errors, batch records. */
class ArchiveCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> LABELS = Map.of(
            "blaze.service.deployment.cpu", "0.1", "blaze.service.deployment.memory", "300",
            "org.opencontainers.image.title", "dodo");

    @TempDir
    Path temp;

    private String layout() {
        OciLayoutBuilder layout = new OciLayoutBuilder();
        layout.image("1", FixturePlatform.LINUX_AMD64, LABELS);
        return "oci-archive:" + TestArchives.tar(temp.resolve("app.tar"), layout.files());
    }

    @Test
    void printsTheLabelsOfAnImageInAFile() {
        CliRun run = CliRun.run("inspect", "--prefix", "blaze.", "--compact", layout() + ":1");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("{\"blaze.service.deployment.cpu\":\"0.1\",\"blaze.service.deployment.memory\":\"300\"}\n",
                run.stdout());
        assertEquals("", run.stderr());
    }

    @Test
    void notFoundExitsThreeAndADamagedFileExitsOneInOneLineWithoutStackTrace() throws Exception {
        Path notATar = Files.writeString(temp.resolve("notes.tar"), "just text, long enough to be read".repeat(20));

        CliRun unknownTag = CliRun.run("inspect", layout() + ":2");
        CliRun missing = CliRun.run("inspect", "docker-archive:" + temp.resolve("gone.tar"));
        CliRun damaged = CliRun.run("inspect", "oci-archive:" + notATar);

        assertEquals(ExitCodes.NOT_FOUND, unknownTag.exitCode(), unknownTag::toString);
        assertEquals("labels: reading " + layout() + ":2: no image tagged \"2\" in the layout; tags: \"1\"\n",
                unknownTag.stderr());
        assertEquals(ExitCodes.NOT_FOUND, missing.exitCode(), missing::toString);
        assertEquals(ExitCodes.ERROR, damaged.exitCode(), damaged::toString);
        assertEquals("labels: reading oci-archive:" + notATar + ": not a tar archive (no tar header at the start)\n",
                damaged.stderr());
        for (CliRun run : List.of(unknownTag, missing, damaged)) {
            assertEquals("", run.stdout());
            assertEquals(1, run.stderr().lines().count(), run.stderr());
            assertFalse(run.stderr().contains("\tat "), run.stderr());
        }
    }

    @Test
    void aMalformedArchiveReferenceIsAUsageError() {
        CliRun run = CliRun.run("inspect", "oci:");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.stderr().startsWith("labels: invalid reference \"oci:\": no path after oci:"), run.stderr());
    }

    @Test
    void batchRecordsCarryTheStableErrorCodes() throws Exception {
        DockerSaveBuilder saved = new DockerSaveBuilder(DockerSaveBuilder.Style.DOCKER_25);
        DockerSaveBuilder.Saved image = saved.image(List.of("app:1"), FixturePlatform.LINUX_AMD64, LABELS);
        String docker = "docker-archive:" + TestArchives.tarGz(temp.resolve("saved.tgz"), saved.files());
        Path empty = Files.createDirectories(temp.resolve("empty"));

        CliRun run = CliRun.run("inspect", "-o", "ndjson", "--prefix", "org.", docker, layout() + ":9", "oci:" + empty);

        List<JsonNode> records = run.stdout().lines().map(ArchiveCliTest::json).toList();
        assertEquals(3, records.size(), run::toString);
        assertEquals(ExitCodes.NOT_FOUND, run.exitCode(), "the first failure decides");
        assertEquals(docker + ":app:1", records.get(0).get("resolved").asText());
        assertEquals(image.manifestDigest(), records.get(0).get("digest").asText());
        assertEquals("linux/amd64", records.get(0).get("platform").asText());
        assertEquals(Map.of("org.opencontainers.image.title", "dodo"),
                JSON.convertValue(records.get(0).get("labels"), Map.class));
        assertEquals("NOT_FOUND", records.get(1).path("error").path("code").asText());
        assertFalse(records.get(1).has("resolved"), "a file reference is no Docker Hub name: " + records.get(1));
        assertEquals("REGISTRY_ERROR", records.get(2).path("error").path("code").asText());
        assertTrue(records.get(2).path("error").path("message").asText().contains("not an OCI image layout"));
    }

    /**
     * What Docker 25.0.0 to 25.0.2 wrote for {@code docker save IMAGE_ID} ("manifests": null in index.json),
     * with a config that is not what its file name says: the labels of the config manifest.json names, and
     * --full reports the digest of those bytes.
     */
    @Test
    void aDocker25SaveByIdIsReadAndFullReportsTheDigestOfTheConfigRead() throws Exception {
        DockerSaveBuilder saved = new DockerSaveBuilder(DockerSaveBuilder.Style.DOCKER_25)
                .indexListing(DockerSaveBuilder.IndexListing.NULL);
        DockerSaveBuilder.Saved image = saved.image(List.of(), FixturePlatform.LINUX_AMD64, LABELS);
        Path plain = TestArchives.tar(temp.resolve("by-id.tar"), saved.files());
        Map<String, byte[]> files = new LinkedHashMap<>(saved.files());
        byte[] rewritten = dev.labels.testing.TestImages.config("linux", "amd64", Map.of("rewritten", "yes"));
        files.put(OciLayoutBuilder.path(image.configDigest()), rewritten);
        Path renamed = TestArchives.tar(temp.resolve("renamed.tar"), files);

        CliRun byId = CliRun.run("inspect", "docker-archive:" + plain);
        CliRun full = CliRun.run("inspect", "--full", "docker-archive:" + renamed);

        assertEquals(0, byId.exitCode(), byId::toString);
        assertEquals(LABELS, byId.labels());
        assertEquals(0, full.exitCode(), full::toString);
        JsonNode record = JSON.readTree(full.stdout());
        assertEquals(Map.of("rewritten", "yes"), JSON.convertValue(record.get("labels"), Map.class));
        assertEquals(dev.labels.image.Digests.sha256(rewritten), record.get("configDigest").asText());
        assertEquals("", full.stderr());
    }

    @Test
    void aPlatformFallbackIsAnnouncedOnStderr() {
        OciLayoutBuilder layout = new OciLayoutBuilder();
        Map<FixturePlatform, Map<String, String>> platforms = new LinkedHashMap<>();
        platforms.put(new FixturePlatform("linux", "s390x", null), Map.of("arch", "s390x"));
        layout.index("1", platforms);
        String reference = "oci:" + TestArchives.folder(temp.resolve("layout"), layout.files());

        CliRun run = CliRun.run("inspect", reference);

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(Map.of("arch", "s390x"), run.labels());
        assertTrue(run.stderr().startsWith("labels: warning: no image for linux/"), run.stderr());
        assertTrue(run.stderr().contains(" in " + reference + ":1; using linux/s390x"), run.stderr());
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }
}

package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labels.testing.FakeRegistry;
import dev.labels.testing.TestImages;
import dev.labels.testing.TrickyLabels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** --get, --require and --all-platforms: reading one value, checking labels, every platform of an index. */
class ChecksCliTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FakeRegistry fake;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.NONE);
        Map<String, String> labels = new LinkedHashMap<>(TrickyLabels.VALUES);
        labels.put("blaze.service.deployment.cpu", "0.1");
        labels.put("team", "dodo");
        fake.pushImage("team/app", "1", labels);
        fake.pushImage("team/app", "2", Map.of("team", "other"));
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
    }

    private String ref(String tag) {
        return fake.host() + "/team/app:" + tag;
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--mirror", fake.plainHttpMirror(), "--no-cache"));
        return CliRun.run(all.toArray(String[]::new));
    }

    @Test
    void getPrintsTheRawValueAndOneNewline() {
        for (String key : TrickyLabels.VALUES.keySet()) {
            CliRun run = run("inspect", ref("1"), "--get", key);

            assertEquals(0, run.exitCode(), run::toString);
            assertEquals(TrickyLabels.VALUES.get(key) + "\n", run.stdout(), key);
        }
    }

    @Test
    void getLooksTheKeyUpAfterStripPrefix() {
        CliRun run = run("inspect", ref("1"), "--prefix", "blaze.service.", "--strip-prefix", "--get", "deployment.cpu");

        assertEquals("0.1\n", run.stdout());
    }

    @Test
    void getOfAMissingLabelExitsSixWithAMessageAndPrintsNothing() {
        CliRun run = run("inspect", ref("1"), "--get", "no.such.label");

        assertEquals(ExitCodes.LABEL_MISSING, run.exitCode(), run::toString);
        assertEquals("", run.stdout());
        assertTrue(run.stderr().startsWith("labels: " + ref("1") + " has no label \"no.such.label\""), run.stderr());
    }

    @Test
    void getWithADefaultPrintsTheDefaultForAMissingLabelOnly() {
        CliRun missing = run("inspect", ref("1"), "--get", "no.such.label", "--default", "0.5");
        CliRun present = run("inspect", ref("1"), "--get", "team", "--default", "0.5");
        CliRun emptyDefault = run("inspect", ref("1"), "--get", "no.such.label", "--default", "");

        assertEquals("0.5\n", missing.stdout());
        assertEquals(0, missing.exitCode());
        assertEquals("dodo\n", present.stdout());
        assertEquals("\n", emptyDefault.stdout());
    }

    @Test
    void getWithSeveralImagesOrAFormatIsAUsageError() {
        CliRun several = run("inspect", ref("1"), ref("2"), "--get", "team");
        CliRun withFormat = run("inspect", ref("1"), "--get", "team", "-o", "json");
        CliRun defaultAlone = run("inspect", ref("1"), "--default", "x");

        assertEquals(ExitCodes.USAGE, several.exitCode());
        assertTrue(several.stderr().contains("--get prints the label of one image"), several.stderr());
        assertEquals(ExitCodes.USAGE, withFormat.exitCode());
        assertEquals(ExitCodes.USAGE, defaultAlone.exitCode());
        assertEquals(0, fake.registryRequests.size(), "usage errors come before any request");
    }

    @Test
    void requireMetPrintsTheLabelsAsUsual() {
        CliRun run = run("inspect", ref("1"), "--require", "team=dodo", "--require", "empty", "--require", "empty=",
                "--prefix", "team");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(Map.of("team", "dodo"), run.labels(), "--require checks full keys, whatever is selected");
    }

    @Test
    void requireNotMetExitsSixNamingEveryMissingOrDifferentLabelAndPrintsNothing() {
        CliRun run = run("inspect", ref("1"), "--require", "team=other", "--require", "owner", "--require", "empty",
                "--require", "newline=first line");

        assertEquals(ExitCodes.LABEL_MISSING, run.exitCode(), run::toString);
        assertEquals("", run.stdout());
        assertEquals(1, run.stderr().lines().count(), run.stderr());
        assertTrue(run.stderr().contains("\"team\" is \"dodo\", not \"other\""), run.stderr());
        assertTrue(run.stderr().contains("\"owner\" is missing"), run.stderr());
        assertTrue(run.stderr().contains("\"newline\" is \"first line\\nsecond line\", not \"first line\""), run.stderr());
        assertFalse(run.stderr().contains("\"empty\""), "an empty value is present: " + run.stderr());
    }

    @Test
    void requireWithSeveralImagesChecksEveryImageAndRecordsWhatIsMissing() throws Exception {
        CliRun run = run("inspect", ref("2"), ref("1"), ref("missing"), "--require", "team=dodo", "--require", "owner");

        assertEquals(ExitCodes.LABEL_MISSING, run.exitCode(), "the first failure in input order decides");
        List<JsonNode> records = new ArrayList<>();
        for (String line : run.stdout().split("\n")) {
            records.add(MAPPER.readTree(line));
        }
        assertEquals(3, records.size());
        assertEquals("[\"team=dodo\",\"owner\"]", records.get(0).get("missing").toString());
        assertEquals("other", records.get(0).get("labels").get("team").asText(), "labels are still printed");
        assertEquals("[\"owner\"]", records.get(1).get("missing").toString());
        assertEquals("NOT_FOUND", records.get(2).get("error").get("code").asText());
    }

    @Test
    void requireWithAnEmptyKeyIsAUsageError() {
        assertEquals(ExitCodes.USAGE, run("inspect", ref("1"), "--require", "=x").exitCode());
    }

    @Test
    void allPlatformsGivesOneRecordPerPlatformWithoutAttestations() throws Exception {
        byte[] amd = pushPlatformImage("linux", "amd64", "amd");
        byte[] arm = pushPlatformImage("linux", "arm64", "arm");
        byte[] attestation = pushPlatformImage("unknown", "unknown", "attestation");
        Map<String, Object> attestationEntry = new LinkedHashMap<>(TestImages.entry(TestImages.OCI_MANIFEST, attestation,
                "unknown", "unknown"));
        attestationEntry.put("annotations", Map.of("vnd.docker.reference.type", "attestation-manifest"));
        fake.putManifest("team/multi", "1", TestImages.OCI_INDEX, TestImages.index(List.of(attestationEntry,
                TestImages.entry(TestImages.OCI_MANIFEST, amd, "linux", "amd64"),
                TestImages.entry(TestImages.OCI_MANIFEST, arm, "linux", "arm64"))));
        String multi = fake.host() + "/team/multi:1";

        CliRun ndjson = run("inspect", multi, "--all-platforms");
        CliRun table = run("inspect", multi, "--all-platforms", "-o", "table");
        CliRun single = run("inspect", ref("2"), "--all-platforms");

        assertEquals(0, ndjson.exitCode(), ndjson::toString);
        List<JsonNode> records = new ArrayList<>();
        for (String line : ndjson.stdout().split("\n")) {
            records.add(MAPPER.readTree(line));
        }
        assertEquals(2, records.size(), ndjson.stdout());
        assertEquals("linux/amd64", records.get(0).get("platform").asText());
        assertEquals("amd", records.get(0).get("labels").get("arch").asText());
        assertEquals(TestImages.sha256(amd), records.get(0).get("digest").asText());
        assertEquals("linux/arm64", records.get(1).get("platform").asText());
        assertEquals("arm", records.get(1).get("labels").get("arch").asText());
        assertTrue(table.stdout().contains("linux/arm64"), table.stdout());
        assertEquals(1, single.stdout().lines().count(), "a single-platform image is one record");
    }

    @Test
    void allPlatformsWithPlatformOrEnvIsAUsageError() {
        assertEquals(ExitCodes.USAGE, run("inspect", ref("1"), "--all-platforms", "--platform", "linux/amd64").exitCode());
        assertEquals(ExitCodes.USAGE, run("inspect", ref("1"), "--all-platforms", "-o", "env").exitCode());
    }

    private byte[] pushPlatformImage(String os, String arch, String label) {
        byte[] config = TestImages.config(os, arch, Map.of("arch", label));
        byte[] manifest = TestImages.manifest(TestImages.OCI_MANIFEST, TestImages.OCI_CONFIG, config);
        fake.putBlob(config);
        fake.putManifest("team/multi", TestImages.sha256(manifest), TestImages.OCI_MANIFEST, manifest);
        return manifest;
    }
}

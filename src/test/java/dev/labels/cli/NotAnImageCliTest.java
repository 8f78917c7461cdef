package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labels.testing.FixturePusher;
import dev.labels.testing.LocalRegistry;
import dev.labels.testing.ManifestShape;
import dev.labels.testing.Skopeo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Artifacts that are not images, pushed to the real registry as the tools that make them push them, and copied
 * from it into layouts by skopeo: every command that reads an image says "not an image" and exits 8, from the
 * registry, from the cache and from files; images of the unusual kinds still give their labels.
 */
class NotAnImageCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalRegistry registry;

    @TempDir
    Path temp;

    @BeforeAll
    static void push() {
        registry = LocalRegistry.start(LocalRegistry.Mode.ANONYMOUS);
        FixturePusher pusher = new FixturePusher(registry);
        for (ManifestShape shape : ManifestShape.values()) {
            shape.push(pusher, repository(shape), "1");
        }
        ManifestShape.DOCKER_1_10_PUSH.push(pusher, "charts-beside/app", "1");
        ManifestShape.HELM_CHART.push(pusher, "charts-beside/app", "chart-0.1.0");
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    private static String repository(ManifestShape shape) {
        return "shapes/" + shape.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static String reference(ManifestShape shape) {
        return registry.host() + "/" + repository(shape) + ":1";
    }

    private static String notAnImage(ManifestShape shape) {
        return "not an image: an artifact of type \"" + shape.reportedType() + "\"";
    }

    @Test
    void aHelmChartIsNotAnImageColdAndWarmAsSkopeoSays() {
        String reference = reference(ManifestShape.HELM_CHART);
        String cache = temp.resolve("cache").toString();

        CliRun cold = CliRun.run("inspect", "--cache-dir", cache, reference);
        CliRun warm = CliRun.run("inspect", "--cache-dir", cache, reference);
        Skopeo.Result skopeo = Skopeo.inspect(registry.host(), repository(ManifestShape.HELM_CHART) + ":1",
                Skopeo.Options.anonymous());

        for (CliRun run : List.of(cold, warm)) {
            assertEquals(ExitCodes.NOT_AN_IMAGE, run.exitCode(), run::toString);
            assertEquals("", run.stdout());
            assertEquals("labels: reading manifest of " + reference + ": " + notAnImage(ManifestShape.HELM_CHART)
                    + "\n", run.stderr());
        }
        assertFalse(skopeo.succeeded(), skopeo::stdout);
        assertTrue(skopeo.stderr().contains("unsupported image-specific operation on artifact with type "
                + "\\\"application/vnd.cncf.helm.config.v1+json\\\""), skopeo::stderr);
    }

    @Test
    void everyShapeInABatchAndTheFirstArtifactDecidesTheExitCode() throws Exception {
        List<String> args = new ArrayList<>(List.of("inspect", "-o", "ndjson"));
        for (ManifestShape shape : ManifestShape.values()) {
            args.add(reference(shape));
        }

        CliRun run = CliRun.run(args.toArray(String[]::new));

        List<String> lines = run.stdout().lines().toList();
        assertEquals(ManifestShape.values().length, lines.size(), run::toString);
        assertEquals(ExitCodes.NOT_AN_IMAGE, run.exitCode(), run::toString);
        for (ManifestShape shape : ManifestShape.values()) {
            JsonNode record = JSON.readTree(lines.get(shape.ordinal()));
            if (shape.isImage()) {
                assertEquals(ManifestShape.IMAGE_LABELS, JSON.convertValue(record.get("labels"), Map.class),
                        shape + ": " + record);
            } else {
                assertEquals("NOT_AN_IMAGE", record.path("error").path("code").asText(), shape + ": " + record);
                assertEquals("reading manifest of " + reference(shape) + ": " + notAnImage(shape),
                        record.path("error").path("message").asText());
            }
        }
    }

    /** A chart kept beside the images of a repository: list gives its record the error, the images their labels. */
    @Test
    void listGivesAnArtifactTagItsErrorRecord() throws Exception {
        String repository = registry.host() + "/charts-beside/app";

        CliRun run = CliRun.run("list", repository);

        assertEquals(ExitCodes.NOT_AN_IMAGE, run.exitCode(), run::toString);
        Map<String, JsonNode> records = new java.util.TreeMap<>();
        for (String line : run.stdout().lines().toList()) {
            JsonNode record = JSON.readTree(line);
            records.put(record.get("reference").asText(), record);
        }
        assertEquals(List.of(repository + ":1", repository + ":chart-0.1.0"), List.copyOf(records.keySet()));
        assertEquals(ManifestShape.IMAGE_LABELS,
                JSON.convertValue(records.get(repository + ":1").get("labels"), Map.class));
        assertEquals("NOT_AN_IMAGE", records.get(repository + ":chart-0.1.0").path("error").path("code").asText());
    }

    /** skopeo 1.9 reads schema 2 configs of any type, as labels does; it refuses mixed OCI images, which labels reads. */
    @Test
    void anImagePushedByDocker110ReadsAsSkopeoReadsIt() {
        ManifestShape shape = ManifestShape.DOCKER_1_10_PUSH;

        CliRun run = CliRun.run("inspect", reference(shape));

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(ManifestShape.IMAGE_LABELS, run.labels());
        assertEquals(Skopeo.labels(registry.host(), repository(shape) + ":1", Skopeo.Options.anonymous()), run.labels());
    }

    @Test
    void configAndDiffRefuseAnArtifactToo() {
        String helm = reference(ManifestShape.HELM_CHART);

        CliRun config = CliRun.run("config", helm);
        CliRun diff = CliRun.run("diff", reference(ManifestShape.DOCKER_1_10_PUSH), helm);

        assertEquals(ExitCodes.NOT_AN_IMAGE, config.exitCode(), config::toString);
        assertEquals("", config.stdout());
        assertEquals(ExitCodes.NOT_AN_IMAGE, diff.exitCode(), diff::toString);
        assertTrue(diff.stderr().contains(notAnImage(ManifestShape.HELM_CHART)), diff::stderr);
    }

    /** Layouts skopeo writes of the artifacts it copies from the registry (it refuses to write them as docker-archive). */
    @Test
    void artifactsSkopeoCopiedIntoLayoutsAreNotImages() {
        for (ManifestShape shape : List.of(ManifestShape.HELM_CHART, ManifestShape.SBOM)) {
            Path folder = temp.resolve(shape.name() + "-layout");
            Path tar = temp.resolve(shape.name() + ".tar");
            Skopeo.copy("docker://" + reference(shape), "oci:" + folder + ":1");
            Skopeo.copy("docker://" + reference(shape), "oci-archive:" + tar + ":1");

            for (String file : List.of("oci:" + folder + ":1", "oci-archive:" + tar + ":1")) {
                CliRun run = CliRun.run("inspect", file);
                Skopeo.Result skopeo = Skopeo.inspectLocal(file, null);

                assertEquals(ExitCodes.NOT_AN_IMAGE, run.exitCode(), run::toString);
                assertEquals("labels: reading " + file + ": " + notAnImage(shape) + "\n", run.stderr());
                assertFalse(skopeo.succeeded(), skopeo::stdout);
                assertTrue(skopeo.stderr().contains("unsupported image-specific operation on artifact"), skopeo::stderr);
            }
        }
    }
}

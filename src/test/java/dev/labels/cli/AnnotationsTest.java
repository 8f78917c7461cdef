package dev.labels.cli;

import static dev.labels.testing.AnnotatedImage.CREATED;
import static dev.labels.testing.AnnotatedImage.DESCRIPTOR;
import static dev.labels.testing.AnnotatedImage.INDEX;
import static dev.labels.testing.AnnotatedImage.LABELS;
import static dev.labels.testing.AnnotatedImage.MANIFEST;
import static dev.labels.testing.AnnotatedImage.MERGED;
import static dev.labels.testing.AnnotatedImage.REF_NAME;
import static dev.labels.testing.AnnotatedImage.REVISION;
import static dev.labels.testing.AnnotatedImage.SOURCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labels.testing.AnnotatedImage;
import dev.labels.testing.DockerSaveBuilder;
import dev.labels.testing.FixturePlatform;
import dev.labels.testing.FixturePusher;
import dev.labels.testing.LocalRegistry;
import dev.labels.testing.Skopeo;
import dev.labels.testing.TestArchives;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --annotations}: config labels and the annotations of the manifest, of the index's descriptor of it and of
 * the index in one map, in that order of precedence, for every selection option, format and command, from the
 * real registry and from the same image in files; {@code --full} shows each place apart, bookkeeping included.
 */
class AnnotationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPOSITORY = "annotated/app";
    /** Tag 2 differs from tag 1 only in the index's created annotation. */
    private static final String CREATED_2 = "2025-01-01T00:00:00Z";
    private static LocalRegistry registry;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        registry = LocalRegistry.start(LocalRegistry.Mode.ANONYMOUS);
        FixturePusher pusher = new FixturePusher(registry);
        AnnotatedImage.push(pusher, REPOSITORY, "1", INDEX);
        Map<String, String> index2 = new LinkedHashMap<>(INDEX);
        index2.put(CREATED, CREATED_2);
        AnnotatedImage.push(pusher, REPOSITORY, "2", index2);
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    private static String image(String tag) {
        return registry.host() + "/" + REPOSITORY + ":" + tag;
    }

    private static CliRun ok(String... args) {
        CliRun run = CliRun.run(args);
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.stderr());
        return run;
    }

    private static List<JsonNode> records(CliRun run) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        for (String line : run.stdout().lines().toList()) {
            records.add(JSON.readTree(line));
        }
        return records;
    }

    private static Map<String, String> labelsOf(JsonNode record) {
        return JSON.convertValue(record.get("labels"), new TypeReference<Map<String, String>>() { });
    }

    private static Map<String, String> map(JsonNode node) {
        return JSON.convertValue(node, new TypeReference<Map<String, String>>() { });
    }

    @Test
    void labelsThenTheManifestsTheDescriptorsAndTheIndexsAnnotations() {
        assertEquals(MERGED, ok("inspect", "--annotations", image("1")).labels());
        assertEquals(LABELS, ok("inspect", image("1")).labels(), "labels alone without --annotations");
    }

    @Test
    void everySelectionOptionSelectsFromTheMergedMap() {
        assertEquals(Map.of("title", "from the label", "source", MANIFEST.get(SOURCE), "revision", "from the descriptor",
                        "description", "only in the manifest", "created", INDEX.get(CREATED)),
                ok("inspect", "--annotations", "--prefix", "org.opencontainers.image.", "--strip-prefix", image("1"))
                        .labels());
        assertEquals(Map.of(REVISION, "from the descriptor"),
                ok("inspect", "--annotations", "--match", "org.*.revision", image("1")).labels());
        assertEquals(Map.of(CREATED, INDEX.get(CREATED)),
                ok("inspect", "--annotations", "--regex", "created$", image("1")).labels());
        assertEquals(MANIFEST.get(SOURCE) + "\n", ok("inspect", "--annotations", "--get", SOURCE, image("1")).stdout());
        assertEquals("none\n",
                ok("inspect", "--annotations", "--get", REF_NAME, "--default", "none", image("1")).stdout());
        ok("inspect", "--annotations", "--require", REVISION + "=from the descriptor", image("1"));

        CliRun indexValue = CliRun.run("inspect", "--annotations", "--require", REVISION + "=from-the-index", image("1"));
        CliRun withoutAnnotations = CliRun.run("inspect", "--require", REVISION, image("1"));

        assertEquals(ExitCodes.LABEL_MISSING, indexValue.exitCode(), indexValue::toString);
        assertTrue(indexValue.stderr().contains("is \"from the descriptor\""), indexValue.stderr());
        assertEquals(ExitCodes.LABEL_MISSING, withoutAnnotations.exitCode(), withoutAnnotations::toString);
    }

    @Test
    void everyFormatPrintsTheMergedMap() throws Exception {
        String select = "org.opencontainers.image.revision";
        assertEquals("ORG_OPENCONTAINERS_IMAGE_REVISION='from the descriptor'\n",
                ok("inspect", "--annotations", "-o", "env", "--match", select, image("1")).stdout());
        assertEquals("org.opencontainers.image.revision=from the descriptor\n",
                ok("inspect", "--annotations", "-o", "properties", "--match", select, image("1")).stdout());
        assertEquals(List.of("KEY", REVISION), ok("inspect", "--annotations", "-o", "table", "--match", select,
                image("1")).stdout().lines().map(line -> line.split(" +")[0]).toList());
        assertEquals("from the descriptor", JSON.readTree(ok("inspect", "--annotations", "--nested", "--match", select,
                image("1")).stdout()).at("/org/opencontainers/image/revision").asText());
        JsonNode array = JSON.readTree(ok("inspect", "--annotations", "-o", "json", image("1")).stdout());
        assertEquals(MERGED, labelsOf(array.get(0)));
    }

    @Test
    void fullShowsEachPlaceBookkeepingIncluded() throws Exception {
        JsonNode full = JSON.readTree(ok("inspect", "--full", image("1")).stdout());

        JsonNode annotations = full.get("annotations");
        assertEquals(List.of("index", "descriptor", "manifest"), iterate(annotations.fieldNames()));
        assertEquals(INDEX, map(annotations.get("index")));
        assertEquals(DESCRIPTOR, map(annotations.get("descriptor")), "ref.name kept here");
        assertEquals(MANIFEST, map(annotations.get("manifest")));
        assertEquals(LABELS, labelsOf(full));
        assertEquals(MERGED, labelsOf(JSON.readTree(ok("inspect", "--full", "--annotations", image("1")).stdout())));
    }

    private static List<String> iterate(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    @Test
    void listBatchesAndEveryPlatform() throws Exception {
        List<JsonNode> listed = records(ok("list", "--annotations", registry.host() + "/" + REPOSITORY));
        List<JsonNode> batch = records(ok("inspect", "--annotations", image("1"), image("2")));
        List<JsonNode> platforms = records(ok("inspect", "--annotations", "--all-platforms", image("1")));

        Map<String, Map<String, String>> byTag = new LinkedHashMap<>();
        listed.forEach(record -> byTag.put(record.get("reference").asText(), labelsOf(record)));
        assertEquals(List.of(image("1"), image("2")), byTag.keySet().stream().sorted().toList());
        assertEquals(MERGED, byTag.get(image("1")));
        assertEquals(CREATED_2, byTag.get(image("2")).get(CREATED));
        assertEquals(MERGED, labelsOf(batch.get(0)));
        assertEquals(CREATED_2, labelsOf(batch.get(1)).get(CREATED));
        assertEquals(List.of("linux/amd64", "linux/arm64"), platforms.stream().map(r -> r.get("platform").asText())
                .toList(), "the attestation left out");
        platforms.forEach(record -> assertEquals(MERGED, labelsOf(record)));
    }

    @Test
    void diffComparesAnnotationsWhenAskedTo() {
        CliRun labelsOnly = CliRun.run("diff", image("1"), image("2"));
        CliRun withAnnotations = CliRun.run("diff", "--annotations", "--compact", image("1"), image("2"));

        assertEquals(ExitCodes.OK, labelsOnly.exitCode(), labelsOnly::toString);
        assertEquals(ExitCodes.DIFFERENT, withAnnotations.exitCode(), withAnnotations::toString);
        assertEquals("{\"added\":{},\"removed\":{},\"changed\":{\"" + CREATED + "\":{\"from\":\"" + INDEX.get(CREATED)
                + "\",\"to\":\"" + CREATED_2 + "\"}}}\n", withAnnotations.stdout());
    }

    /** skopeo copy --all keeps the index and manifests as they are, so their annotations too. */
    @Test
    void theSameImageInAnOciLayoutAndArchive() throws Exception {
        String folder = "oci:" + temp.resolve("layout") + ":1";
        String tar = "oci-archive:" + temp.resolve("layout.tar") + ":1";
        Skopeo.copy("docker://" + image("1"), folder, "--all");
        Skopeo.copy("docker://" + image("1"), tar, "--all");
        JsonNode expected = JSON.readTree(ok("inspect", "--full", image("1")).stdout()).get("annotations");

        for (String copy : List.of(folder, tar)) {
            assertEquals(MERGED, ok("inspect", "--annotations", copy).labels(), copy);
            assertEquals(expected, JSON.readTree(ok("inspect", "--full", copy).stdout()).get("annotations"), copy);
        }
    }

    /**
     * Copied without --all, the layout's index.json lists the platform's manifest itself: index.json is then the
     * index, its entry (skopeo's ref.name, bookkeeping) the descriptor.
     */
    @Test
    void aLayoutWhoseIndexJsonListsTheManifest() throws Exception {
        String folder = "oci:" + temp.resolve("one") + ":1";
        Skopeo.copy("docker://" + image("1"), folder);

        JsonNode annotations = JSON.readTree(ok("inspect", "--full", folder).stdout()).get("annotations");

        Map<String, String> expected = new LinkedHashMap<>(MANIFEST);
        expected.putAll(LABELS);
        assertEquals(expected, ok("inspect", "--annotations", folder).labels());
        assertEquals(Map.of(REF_NAME, "1"), map(annotations.get("descriptor")));
        assertEquals(MANIFEST, map(annotations.get("manifest")));
    }

    /** Docker 25+ names the image in index.json (bookkeeping); the manifest's own annotations are metadata. */
    @Test
    void aDockerArchiveWhereItHasAny() throws Exception {
        DockerSaveBuilder docker25 = new DockerSaveBuilder(DockerSaveBuilder.Style.DOCKER_25).manifestAnnotations(MANIFEST);
        docker25.image(List.of("app:1"), FixturePlatform.LINUX_AMD64, LABELS);
        DockerSaveBuilder classic = new DockerSaveBuilder(DockerSaveBuilder.Style.CLASSIC);
        classic.image(List.of("app:1"), FixturePlatform.LINUX_AMD64, LABELS);
        String saved25 = "docker-archive:" + TestArchives.tar(temp.resolve("25.tar"), docker25.files());
        String savedClassic = "docker-archive:" + TestArchives.tar(temp.resolve("classic.tar"), classic.files());

        Map<String, String> expected = new LinkedHashMap<>(MANIFEST);
        expected.putAll(LABELS);
        assertEquals(expected, ok("inspect", "--annotations", saved25).labels());
        JsonNode annotations = JSON.readTree(ok("inspect", "--full", saved25).stdout()).get("annotations");
        assertEquals(Map.of("io.containerd.image.name", "docker.io/library/app:1", REF_NAME, "1"),
                map(annotations.get("descriptor")));
        assertEquals(LABELS, ok("inspect", "--annotations", savedClassic).labels());
        assertEquals("{}", JSON.readTree(ok("inspect", "--full", savedClassic).stdout()).get("annotations").toString(),
                "a classic archive has no index, descriptor or manifest");
    }
}

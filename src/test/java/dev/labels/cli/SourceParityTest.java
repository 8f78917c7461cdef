package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.labels.testing.DockerSaveBuilder;
import dev.labels.testing.DockerSaveBuilder.Style;
import dev.labels.testing.ExampleImage;
import dev.labels.testing.FixtureImage;
import dev.labels.testing.FixturePlatform;
import dev.labels.testing.FixturePusher;
import dev.labels.testing.FixtureSet;
import dev.labels.testing.Fixtures;
import dev.labels.testing.LocalRegistry;
import dev.labels.testing.Skopeo;
import dev.labels.testing.TestArchives;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One image, read from the registry and from the files written of it, gives the same answers whatever the source,
 * since one walk reads them all: {@code --all-platforms}, {@code --full}, {@code diff}, and {@code labels config},
 * which prints the config blob as stored, byte for byte what {@code skopeo inspect --config --raw} prints of the
 * same image: from a registry, from the files skopeo writes from it ({@code oci:}, {@code oci-archive:},
 * {@code docker-archive:}), from those {@code docker save} writes (before and since Docker 25), and from the
 * shipped example layout. The bytes are also those of the config digest the registry holds, so neither tool
 * re-serialised them.
 */
class SourceParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalRegistry registry;
    private static FixtureSet fixtures;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        registry = LocalRegistry.start(LocalRegistry.Mode.ANONYMOUS);
        fixtures = Fixtures.push(registry, Fixtures.PUBLIC);
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    private String inRegistry(FixtureImage image) {
        return registry.host() + "/" + image.reference();
    }

    /** The image copied with every platform into an OCI folder and an OCI tar, as references to both. */
    private List<String> copies(FixtureImage image) {
        String source = "docker://" + inRegistry(image);
        String name = image.repository().replace('/', '-');
        String folder = "oci:" + temp.resolve(name) + ":1";
        String tar = "oci-archive:" + temp.resolve(name + ".tar") + ":1";
        Skopeo.copy(source, folder, "--all");
        Skopeo.copy(source, tar, "--all");
        return List.of(folder, tar);
    }

    private static JsonNode json(String... args) throws Exception {
        CliRun run = CliRun.run(args);
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.stderr());
        return JSON.readTree(run.stdout());
    }

    /** The records without the fields that name the source. */
    private static List<JsonNode> images(JsonNode records) {
        List<JsonNode> images = new ArrayList<>();
        for (JsonNode record : records) {
            ObjectNode image = record.deepCopy();
            image.remove(List.of("reference", "resolved"));
            images.add(image);
        }
        return images;
    }

    @Test
    void everyPlatformOfAnIndexInALayoutAsInTheRegistry() throws Exception {
        FixtureImage index = fixtures.ociIndex();
        List<JsonNode> expected = images(json("inspect", "--all-platforms", "-o", "json", inRegistry(index)));
        assertEquals(index.platforms().size(), expected.size(), "attestation left out");

        for (String copy : copies(index)) {
            assertEquals(expected, images(json("inspect", "--all-platforms", "-o", "json", copy)), copy);
        }
    }

    @Test
    void fullDetailsOfAnIndexInALayoutAsInTheRegistry() throws Exception {
        FixtureImage index = fixtures.ociIndex();
        List<JsonNode> expected = images(json("inspect", "--full", "-o", "json", "--platform", "linux/arm64",
                inRegistry(index)));

        for (String copy : copies(index)) {
            assertEquals(expected, images(json("inspect", "--full", "-o", "json", "--platform", "linux/arm64", copy)),
                    copy);
        }
    }

    @Test
    void diffBetweenTheRegistryAndTheFiles() {
        List<String> copies = copies(fixtures.dockerV2Tag2());
        for (String copy : copies) {
            CliRun same = CliRun.run("diff", inRegistry(fixtures.dockerV2Tag2()), copy);

            assertEquals(ExitCodes.OK, same.exitCode(), same::toString);
        }
        CliRun differs = CliRun.run("diff", "-o", "table", inRegistry(fixtures.dockerV2()), copies.get(0));

        assertEquals(ExitCodes.DIFFERENT, differs.exitCode(), differs::toString);
        assertEquals(List.of("CHANGE", "changed"), differs.stdout().lines().map(line -> line.split(" +")[0]).toList());
    }

    /** Runs labels config, checks it against skopeo's bytes and returns the digest of what labels printed. */
    private static String assertSameConfig(String labelsReference, String skopeoConfig, FixturePlatform platform) {
        List<String> args = new ArrayList<>(List.of("config", labelsReference));
        if (platform != null) {
            args.addAll(List.of("--platform", platform.toString()));
        }
        CliRun labels = CliRun.run(args.toArray(String[]::new));

        assertEquals(0, labels.exitCode(), labels::toString);
        assertEquals("", labels.stderr());
        assertEquals(skopeoConfig, new String(labels.stdoutBytes(), StandardCharsets.UTF_8), labelsReference);
        return FixturePusher.sha256(labels.stdoutBytes());
    }

    @Test
    void configFromTheRegistry() {
        for (FixtureImage image : List.of(fixtures.dockerV2(), fixtures.oci(), fixtures.noLabels())) {
            String skopeo = Skopeo.rawConfig(registry.host(), image.reference(), Skopeo.Options.anonymous());
            assertEquals(image.single().configDigest(),
                    assertSameConfig(inRegistry(image), skopeo, null));
        }
        for (FixtureImage index : List.of(fixtures.multi(), fixtures.ociIndex())) {
            for (var manifest : index.platforms()) {
                String skopeo = Skopeo.rawConfig(registry.host(), index.reference(),
                        Skopeo.Options.anonymous().withPlatform(manifest.platform()));
                assertEquals(manifest.configDigest(),
                        assertSameConfig(inRegistry(index), skopeo, manifest.platform()));
            }
        }
    }

    /** OCI images, which skopeo copies as they are (a Docker one it converts, config included). */
    @Test
    void configFromOciLayoutsAndOciArchivesSkopeoWrote() {
        for (FixtureImage image : List.of(fixtures.oci(), fixtures.ociIndex())) {
            for (String copy : copies(image)) {
                for (var manifest : image.platforms()) {
                    FixturePlatform platform = image.isIndex() ? manifest.platform() : null;
                    String skopeo = Skopeo.localRawConfig(copy, platform);
                    assertEquals(manifest.configDigest(), assertSameConfig(copy, skopeo, platform), copy);
                }
            }
        }
    }

    @Test
    void configFromADockerArchiveSkopeoWrote() {
        FixtureImage image = fixtures.oci();
        Path tar = temp.resolve("saved.tar");
        Skopeo.copy("docker://" + inRegistry(image), "docker-archive:" + tar + ":app:1");

        String reference = "docker-archive:" + tar;
        assertEquals(image.single().configDigest(),
                assertSameConfig(reference, Skopeo.localRawConfig(reference, null), null));
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void configFromADockerSaveArchive(Style style) {
        DockerSaveBuilder saved = new DockerSaveBuilder(style);
        DockerSaveBuilder.Saved image = saved.image(List.of("app:1"), FixturePlatform.LINUX_AMD64,
                Fixtures.DOCKER_V2_LABELS);
        String reference = "docker-archive:" + TestArchives.tar(temp.resolve("saved.tar"), saved.files());

        assertEquals(image.configDigest(), assertSameConfig(reference, Skopeo.localRawConfig(reference, null), null));
    }

    /** The README's first command reads this layout; its config is printed as well as its labels. */
    @Test
    void configFromTheExampleImage() {
        String reference = "oci:" + ExampleImage.FOLDER.toAbsolutePath() + ":" + ExampleImage.TAG;

        assertSameConfig(reference, Skopeo.localRawConfig(reference, null), null);
    }
}

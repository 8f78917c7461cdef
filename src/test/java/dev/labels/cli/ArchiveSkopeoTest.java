package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labels.testing.DockerSaveBuilder;
import dev.labels.testing.DockerSaveBuilder.Style;
import dev.labels.testing.FixtureImage;
import dev.labels.testing.FixturePlatform;
import dev.labels.testing.Fixtures;
import dev.labels.testing.LocalRegistry;
import dev.labels.testing.OciLayoutBuilder;
import dev.labels.testing.Skopeo;
import dev.labels.testing.TestArchives;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * skopeo as the oracle for images in files: on the same folder or tar, {@code labels inspect} prints exactly the
 * labels {@code skopeo inspect} reports (oci:, oci-archive: and docker-archive: are skopeo transports too), and
 * those are the labels the image was written with. References are ones both tools read the same way (skopeo
 * splits PATH at the first ':', so the paths here have none).
 */
class ArchiveSkopeoTest {
    /** The fixture labels that break naive output: unicode, a newline, quotes, $(...), an empty value. */
    private static final Map<String, String> LABELS = Fixtures.DOCKER_V2_LABELS;
    private static final Map<String, String> OTHER = Fixtures.OCI_LABELS;

    @TempDir
    Path temp;

    private static void assertSameLabels(String reference, Map<String, String> expected, FixturePlatform platform,
                                         String... options) {
        Map<String, String> skopeo = Skopeo.localLabels(reference, platform);
        List<String> args = new java.util.ArrayList<>(List.of("inspect", reference));
        args.addAll(List.of(options));
        CliRun labels = CliRun.run(args.toArray(String[]::new));

        assertEquals(0, labels.exitCode(), labels::toString);
        assertEquals(expected, skopeo, "skopeo disagrees with what was written: " + reference);
        assertEquals(skopeo, labels.labels(), reference);
    }

    private OciLayoutBuilder twoImages() {
        OciLayoutBuilder layout = new OciLayoutBuilder();
        layout.image("1", FixturePlatform.LINUX_AMD64, LABELS);
        layout.image("2", FixturePlatform.LINUX_AMD64, OTHER);
        return layout;
    }

    @Test
    void ociLayoutFolder() {
        Path folder = TestArchives.folder(temp.resolve("layout"), twoImages().files());

        assertSameLabels("oci:" + folder + ":1", LABELS, null);
        assertSameLabels("oci:" + folder + ":2", OTHER, null);
    }

    @Test
    void ociArchiveTarAndTarGz() {
        OciLayoutBuilder layout = twoImages();
        Path tar = TestArchives.tar(temp.resolve("layout.tar"), layout.files());
        Path gz = TestArchives.tarGz(temp.resolve("layout.tar.gz"), layout.files());

        assertSameLabels("oci-archive:" + tar + ":2", OTHER, null);
        assertSameLabels("oci-archive:" + gz + ":1", LABELS, null);
    }

    @Test
    void theOnlyImageWithoutATag() {
        OciLayoutBuilder layout = new OciLayoutBuilder();
        layout.image("latest-build", FixturePlatform.LINUX_AMD64, LABELS);
        Path tar = TestArchives.tar(temp.resolve("one.tar"), layout.files());

        assertSameLabels("oci-archive:" + tar, LABELS, null);
    }

    @Test
    void multiPlatformLayoutForEachPlatform() {
        OciLayoutBuilder layout = new OciLayoutBuilder();
        Map<FixturePlatform, Map<String, String>> platforms = new LinkedHashMap<>();
        platforms.put(FixturePlatform.LINUX_AMD64, Map.of(Fixtures.ARCH_LABEL, "amd64"));
        platforms.put(FixturePlatform.LINUX_ARM64_V8, Map.of(Fixtures.ARCH_LABEL, "arm64"));
        layout.index("1", platforms);
        Path folder = TestArchives.folder(temp.resolve("multi"), layout.files());

        for (FixturePlatform platform : platforms.keySet()) {
            assertSameLabels("oci:" + folder + ":1", platforms.get(platform), platform, "--platform", platform.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void dockerArchiveByNameAndAlone(Style style) {
        DockerSaveBuilder several = new DockerSaveBuilder(style);
        several.image(List.of("registry.example.com/team/app:87-2b51c14"), FixturePlatform.LINUX_AMD64, LABELS);
        several.image(List.of("alpine:3"), FixturePlatform.LINUX_AMD64, OTHER);
        Path tar = TestArchives.tar(temp.resolve("several.tar"), several.files());
        DockerSaveBuilder one = new DockerSaveBuilder(style);
        one.image(List.of("app:1"), FixturePlatform.LINUX_AMD64, LABELS);
        Path single = TestArchives.tar(temp.resolve("one.tar"), one.files());

        assertSameLabels("docker-archive:" + tar + ":registry.example.com/team/app:87-2b51c14", LABELS, null);
        assertSameLabels("docker-archive:" + tar + ":docker.io/library/alpine:3", OTHER, null);
        assertSameLabels("docker-archive:" + tar + ":@1", OTHER, null);
        assertSameLabels("docker-archive:" + single, LABELS, null);
    }

    /**
     * skopeo 1.9.3 (Debian 12) cannot read a gzip-compressed docker-archive ("loading tar component
     * manifest.json: unexpected EOF"), even one the gzip command wrote; so the oracle reads the plain tar and
     * labels the same files compressed.
     */
    @Test
    void gzipCompressedDockerArchiveAsThePlainOne() {
        DockerSaveBuilder saved = new DockerSaveBuilder(Style.DOCKER_25);
        saved.image(List.of("app:1"), FixturePlatform.LINUX_AMD64, LABELS);
        Path plain = TestArchives.tar(temp.resolve("saved.tar"), saved.files());
        Path gzipped = TestArchives.tarGz(temp.resolve("saved.tar.gz"), saved.files());

        CliRun labels = CliRun.run("inspect", "docker-archive:" + gzipped);

        assertEquals(0, labels.exitCode(), labels::toString);
        assertEquals(Skopeo.localLabels("docker-archive:" + plain, null), labels.labels());
    }

    /**
     * A docker-archive skopeo itself writes from an image in the test registry: the labels pushed, and the digest
     * of the config bytes (which skopeo names the file after) is the config digest the registry holds.
     */
    @Test
    void aDockerArchiveSkopeoWroteFromTheRegistry() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(LocalRegistry.Mode.ANONYMOUS)) {
            FixtureImage pushed = Fixtures.push(registry, Fixtures.PUBLIC).dockerV2();
            Path tar = temp.resolve("copied.tar");
            Skopeo.copy("docker://" + registry.host() + "/" + pushed.reference(), "docker-archive:" + tar + ":app:1");

            assertSameLabels("docker-archive:" + tar, pushed.labels(), null);
            CliRun full = CliRun.run("inspect", "--full", "docker-archive:" + tar + ":app:1");
            assertEquals(0, full.exitCode(), full::toString);
            assertEquals(pushed.single().configDigest(),
                    new ObjectMapper().readTree(full.stdout()).get("configDigest").asText());
        }
    }

    @Test
    void aDocker25ArchiveReadAsAnOciArchive() {
        DockerSaveBuilder saved = new DockerSaveBuilder(Style.DOCKER_25);
        saved.image(List.of("app:1"), FixturePlatform.LINUX_AMD64, LABELS);
        Path tar = TestArchives.tar(temp.resolve("saved.tar"), saved.files());

        assertSameLabels("oci-archive:" + tar + ":1", LABELS, null);
    }
}

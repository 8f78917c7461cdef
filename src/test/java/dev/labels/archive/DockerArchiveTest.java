package dev.labels.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.image.Platform;
import dev.labels.image.ResolvedImage;
import dev.labels.testing.DockerSaveBuilder;
import dev.labels.testing.DockerSaveBuilder.IndexListing;
import dev.labels.testing.DockerSaveBuilder.Style;
import dev.labels.testing.FixturePlatform;
import dev.labels.testing.TestArchives;
import dev.labels.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** docker-archive: references, on archives as docker save writes them before and since Docker 25. */
class DockerArchiveTest {
    private static final Map<String, String> APP = Map.of("blaze.service.deployment.memory", "300");
    private static final Map<String, String> ALPINE = Map.of("org.opencontainers.image.title", "alpine");

    @TempDir
    Path temp;

    private final ArchiveImages archives = new ArchiveImages(OciLayoutImagesTest.AMD64);

    private String save(Style style, boolean gzip, Map<List<String>, Map<String, String>> images) {
        DockerSaveBuilder builder = new DockerSaveBuilder(style);
        images.forEach((tags, labels) -> builder.image(tags, FixturePlatform.LINUX_AMD64, labels));
        Path file = temp.resolve(gzip ? "saved.tar.gz" : "saved.tar");
        return "docker-archive:" + (gzip ? TestArchives.tarGz(file, builder.files()) : TestArchives.tar(file, builder.files()));
    }

    private static Map<List<String>, Map<String, String>> two() {
        Map<List<String>, Map<String, String>> images = new LinkedHashMap<>();
        images.put(List.of("registry.example.com/team/app:87-2b51c14"), APP);
        images.put(List.of("alpine:3", "alpine:latest"), ALPINE);
        return images;
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void theOnlyImageNeedsNoName(Style style) throws Exception {
        String reference = save(style, false, Map.of(List.of("app:1"), APP));

        ResolvedImage image = archives.resolve(reference, null);

        assertEquals(APP, image.config().labels());
        assertEquals(reference + ":app:1", image.name());
        assertEquals(new Platform("linux", "amd64", null), image.platform());
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void aNameIsMatchedAgainstRepoTagsAsDockerNormalizesThem(Style style) throws Exception {
        String reference = save(style, true, two());

        assertEquals(ALPINE, archives.resolve(reference + ":alpine:3", null).config().labels());
        assertEquals(ALPINE, archives.resolve(reference + ":docker.io/library/alpine:3", null).config().labels());
        assertEquals(ALPINE, archives.resolve(reference + ":index.docker.io/library/alpine", null).config().labels());
        assertEquals(APP, archives.resolve(reference + ":registry.example.com/team/app:87-2b51c14", null)
                .config().labels());
    }

    @Test
    void severalImagesAndNoNameIsNotFoundListingTheNames() {
        String reference = save(Style.CLASSIC, false, two());

        ArchiveException e = assertThrows(ArchiveException.class, () -> archives.resolve(reference, null));

        assertEquals(ArchiveException.Kind.NOT_FOUND, e.kind());
        assertEquals("reading " + reference + ": the archive holds 2 images; add :NAME to the reference to pick one; "
                + "names: registry.example.com/team/app:87-2b51c14, alpine:3, alpine:latest", e.getMessage());
    }

    @Test
    void anImageCanBePickedByItsPositionAsWithSkopeo() throws Exception {
        Map<List<String>, Map<String, String>> images = two();
        images.put(List.of(), Map.of("untagged", "yes"));
        String reference = save(Style.CLASSIC, false, images);

        assertEquals(ALPINE, archives.resolve(reference + ":@1", null).config().labels());
        assertEquals(Map.of("untagged", "yes"), archives.resolve(reference + ":@2", null).config().labels());
        ArchiveException past = assertThrows(ArchiveException.class, () -> archives.resolve(reference + ":@3", null));
        assertEquals(ArchiveException.Kind.NOT_FOUND, past.kind());
        assertTrue(past.getMessage().endsWith(": no image @3: the archive holds 3 images (@0 to @2)"), past.getMessage());
        ArchiveException none = assertThrows(ArchiveException.class, () -> archives.resolve(reference, null));
        assertTrue(none.getMessage().endsWith("names: registry.example.com/team/app:87-2b51c14, alpine:3, "
                + "alpine:latest, @2 (untagged)"), none.getMessage());
    }

    @Test
    void anUnknownNameIsNotFound() {
        String reference = save(Style.DOCKER_25, false, two());

        ArchiveException e = assertThrows(ArchiveException.class, () -> archives.resolve(reference + ":alpine:4", null));

        assertEquals(ArchiveException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().endsWith(": no image named docker.io/library/alpine:4 in the archive; names: "
                + "registry.example.com/team/app:87-2b51c14, alpine:3, alpine:latest"), e.getMessage());
    }

    @Test
    void aDocker25ArchiveGivesTheManifestDigestAClassicOneHasNone() throws Exception {
        DockerSaveBuilder modern = new DockerSaveBuilder(Style.DOCKER_25);
        DockerSaveBuilder.Saved saved = modern.image(List.of("app:1"), FixturePlatform.LINUX_AMD64, APP);
        String reference = "docker-archive:" + TestArchives.tar(temp.resolve("modern.tar"), modern.files());
        String classic = save(Style.CLASSIC, false, Map.of(List.of("app:1"), APP));

        ResolvedImage fromModern = archives.resolve(reference, null);
        ResolvedImage fromClassic = archives.resolve(classic, null);

        assertEquals(saved.manifestDigest(), fromModern.manifestDigest());
        assertEquals(saved.configDigest(), fromModern.configDigest());
        assertNull(fromClassic.manifestDigest());
        assertEquals(saved.configDigest(), fromClassic.configDigest(), "same config, same digest");
    }

    @Test
    void aDocker25ArchiveIsAnOciLayoutToo() throws Exception {
        DockerSaveBuilder modern = new DockerSaveBuilder(Style.DOCKER_25);
        modern.image(List.of("app:1"), FixturePlatform.LINUX_AMD64, APP);
        Path file = TestArchives.tar(temp.resolve("modern.tar"), modern.files());

        assertEquals(APP, archives.resolve("oci-archive:" + file + ":1", null).config().labels());
    }

    /**
     * Docker 25.0.0 to 25.0.2 saved an image by ID or digest with {@code "manifests": null} in index.json
     * (moby#47210); manifest.json, the format's own index, is whole. index.json is only a second way in.
     */
    @ParameterizedTest
    @EnumSource(value = IndexListing.class, names = {"NULL", "EMPTY", "ABSENT"})
    void aDocker25ArchiveIsReadByItsManifestJsonWhenIndexJsonListsNothing(IndexListing listing) throws Exception {
        DockerSaveBuilder saved = new DockerSaveBuilder(Style.DOCKER_25).indexListing(listing);
        DockerSaveBuilder.Saved image = saved.image(List.of(), FixturePlatform.LINUX_AMD64, APP);
        String reference = "docker-archive:" + TestArchives.tar(temp.resolve("by-id.tar"), saved.files());

        for (String form : List.of(reference, reference + ":@0")) {
            ResolvedImage read = archives.resolve(form, null);

            assertEquals(APP, read.config().labels(), form);
            assertEquals(image.configDigest(), read.configDigest(), form);
            assertNull(read.manifestDigest(), "index.json names no manifest: " + form);
        }
    }

    /**
     * In a docker save archive a config's file name is a name, not a promise: docker load computes the image
     * ID from the bytes. The labels are those bytes' and the digest reported is theirs.
     */
    @ParameterizedTest
    @EnumSource(Style.class)
    void aConfigWhoseFileNameIsNotItsDigestIsReadAndReportedByTheDigestOfItsBytes(Style style) throws Exception {
        DockerSaveBuilder saved = new DockerSaveBuilder(style);
        DockerSaveBuilder.Saved image = saved.image(List.of("app:1"), FixturePlatform.LINUX_AMD64, APP);
        Map<String, byte[]> files = new LinkedHashMap<>(saved.files());
        String configName = style == Style.CLASSIC ? image.configDigest().substring(7) + ".json"
                : "blobs/sha256/" + image.configDigest().substring(7);
        byte[] other = TestImages.config("linux", "amd64", ALPINE);
        files.put(configName, other);
        String reference = "docker-archive:" + TestArchives.tar(temp.resolve("renamed.tar"), files);

        ResolvedImage read = archives.resolve(reference, null);

        assertEquals(ALPINE, read.config().labels());
        assertEquals(dev.labels.image.Digests.sha256(other), read.configDigest());
        assertNull(read.manifestDigest(), "no manifest in the archive names these bytes");
    }

    @Test
    void configsNamedByOtherWritersAreRead() throws Exception {
        byte[] config = TestImages.config("linux", "amd64", APP);
        String hex = dev.labels.image.Digests.sha256(config).substring(7);
        for (String name : List.of("config.json", "sha256:" + hex)) { // Jib; go-containerregistry (kaniko, crane)
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put(name, config);
            files.put("manifest.json", ("[{\"Config\":\"" + name + "\",\"RepoTags\":[\"app:1\"],\"Layers\":[]}]")
                    .getBytes(StandardCharsets.UTF_8));
            Path file = TestArchives.tar(temp.resolve(name.replace(':', '-') + ".tar"), files);

            ResolvedImage image = archives.resolve("docker-archive:" + file, null);

            assertEquals(APP, image.config().labels(), name);
            assertEquals("sha256:" + hex, image.configDigest(), name);
        }
    }
}

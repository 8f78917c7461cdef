package dev.labels.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.image.ImageWalk;
import dev.labels.image.Platform;
import dev.labels.image.ResolvedImage;
import dev.labels.testing.FixturePlatform;
import dev.labels.testing.OciLayoutBuilder;
import dev.labels.testing.TarWriter;
import dev.labels.testing.TestArchives;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** oci: and oci-archive: references: every container form, tags, digests, platforms. */
class OciLayoutImagesTest {
    static final Platform AMD64 = new Platform("linux", "amd64", null);
    private static final Map<String, String> LABELS = Map.of(
            "blaze.service.deployment.cpu", "0.1", "blaze.service.deployment.memory", "300");

    @TempDir
    Path temp;

    private final ArchiveImages archives = new ArchiveImages(AMD64);

    /** The ways a layout reaches us: a folder, and tars as the usual tools write them. */
    enum Form {
        FOLDER, TAR, TAR_DOT_SLASH_NAMES, TAR_GNU_LONG_NAMES, TAR_PAX_NAMES, TAR_GZ;

        /** Writes the layout and returns the reference to it, without a tag. */
        String write(Path temp, Map<String, byte[]> files) {
            return switch (this) {
                case FOLDER -> "oci:" + TestArchives.folder(temp.resolve("layout"), files);
                case TAR -> "oci-archive:" + TestArchives.tar(temp.resolve("layout.tar"), files);
                case TAR_DOT_SLASH_NAMES -> "oci-archive:" + TestArchives.tar(temp.resolve("layout.tar"), files,
                        name -> "./" + name, TarWriter.LongNames.USTAR_THEN_GNU, false);
                case TAR_GNU_LONG_NAMES -> "oci-archive:" + TestArchives.tar(temp.resolve("layout.tar"), files,
                        UnaryOperator.identity(), TarWriter.LongNames.GNU, false);
                case TAR_PAX_NAMES -> "oci-archive:" + TestArchives.tar(temp.resolve("layout.tar"), files,
                        UnaryOperator.identity(), TarWriter.LongNames.PAX, false);
                case TAR_GZ -> "oci-archive:" + TestArchives.tarGz(temp.resolve("layout.tar.gz"), files);
            };
        }
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void readsTheTaggedImageInEveryForm(Form form) throws Exception {
        OciLayoutBuilder layout = new OciLayoutBuilder();
        layout.image("1", FixturePlatform.LINUX_AMD64, Map.of("version", "1"));
        OciLayoutBuilder.Image two = layout.image("87-2b51c14", FixturePlatform.LINUX_AMD64, LABELS);
        String reference = form.write(temp, layout.files());

        ResolvedImage image = archives.resolve(reference + ":87-2b51c14", null);

        assertEquals(LABELS, image.config().labels());
        assertEquals(reference + ":87-2b51c14", image.name());
        assertEquals(two.manifestDigest(), image.manifestDigest());
        assertEquals(two.configDigest(), image.configDigest());
        assertEquals(AMD64, image.platform());
        assertFalse(image.platformFellBack());
    }

    @Test
    void theOnlyImageNeedsNoTagAndIsNamedByItsTag() throws Exception {
        OciLayoutBuilder layout = new OciLayoutBuilder();
        layout.image("v1", FixturePlatform.LINUX_AMD64, LABELS);
        String reference = Form.TAR.write(temp, layout.files());

        ResolvedImage image = archives.resolve(reference, null);

        assertEquals(LABELS, image.config().labels());
        assertEquals(reference + ":v1", image.name());
    }

    @Test
    void severalImagesAndNoTagIsNotFoundListingTheTags() {
        OciLayoutBuilder layout = new OciLayoutBuilder();
        layout.image("1", FixturePlatform.LINUX_AMD64, LABELS);
        layout.image("2", FixturePlatform.LINUX_AMD64, LABELS);
        OciLayoutBuilder.Image untagged = layout.image(null, FixturePlatform.LINUX_AMD64, LABELS);
        String reference = Form.FOLDER.write(temp, layout.files());

        ArchiveException e = assertThrows(ArchiveException.class, () -> archives.resolve(reference, null));

        assertEquals(ArchiveException.Kind.NOT_FOUND, e.kind());
        assertEquals("reading " + reference + ": the layout holds 3 images; add :TAG or @DIGEST to the reference to "
                + "pick one; tags: \"1\", \"2\", " + untagged.manifestDigest() + " (untagged)", e.getMessage());
    }

    @Test
    void anUnknownTagIsNotFoundListingTheTags() {
        OciLayoutBuilder layout = new OciLayoutBuilder();
        layout.image("1", FixturePlatform.LINUX_AMD64, LABELS);
        String reference = Form.TAR_GZ.write(temp, layout.files());

        ArchiveException e = assertThrows(ArchiveException.class, () -> archives.resolve(reference + ":2", null));

        assertEquals(ArchiveException.Kind.NOT_FOUND, e.kind());
        assertEquals("reading " + reference + ":2: no image tagged \"2\" in the layout; tags: \"1\"", e.getMessage());
    }

    @Test
    void twoImagesWithOneTagAreToldApartByDigest() {
        OciLayoutBuilder layout = new OciLayoutBuilder();
        OciLayoutBuilder.Image first = layout.image("latest", FixturePlatform.LINUX_AMD64, Map.of("image", "1"));
        OciLayoutBuilder.Image second = layout.image("latest", FixturePlatform.LINUX_AMD64, Map.of("image", "2"));
        String reference = Form.FOLDER.write(temp, layout.files());

        ArchiveException e = assertThrows(ArchiveException.class, () -> archives.resolve(reference + ":latest", null));

        assertEquals(ArchiveException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().endsWith(": 2 images are tagged \"latest\"; pick one with @DIGEST: "
                + first.manifestDigest() + ", " + second.manifestDigest()), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = Form.class, names = {"FOLDER", "TAR", "TAR_GZ"})
    void aMultiPlatformImagePicksThePlatform(Form form) throws Exception {
        OciLayoutBuilder layout = new OciLayoutBuilder();
        Map<FixturePlatform, OciLayoutBuilder.Image> images = layout.index("1", platforms());
        String reference = form.write(temp, layout.files()) + ":1";

        ResolvedImage byDefault = archives.resolve(reference, null);
        ResolvedImage arm = archives.resolve(reference, new Platform("linux", "arm64", null));

        assertEquals(Map.of("arch", "amd64"), byDefault.config().labels());
        assertEquals(images.get(FixturePlatform.LINUX_AMD64).manifestDigest(), byDefault.manifestDigest());
        assertEquals(Map.of("arch", "arm64"), arm.config().labels());
        assertEquals("linux/arm64/v8", arm.platform().toString());
    }

    @Test
    void anAbsentPlatformIsNotFoundNamingThoseThatExist() {
        OciLayoutBuilder layout = new OciLayoutBuilder();
        layout.index("1", platforms());
        String reference = Form.TAR.write(temp, layout.files()) + ":1";

        ArchiveException e = assertThrows(ArchiveException.class,
                () -> archives.resolve(reference, new Platform("linux", "s390x", null)));

        assertEquals(ArchiveException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().endsWith("no image for platform linux/s390x; available: linux/amd64, linux/arm64/v8"),
                e.getMessage());
    }

    @Test
    void withNoImageForTheDefaultPlatformTheFirstIsTakenAndThatIsSaid() throws Exception {
        OciLayoutBuilder layout = new OciLayoutBuilder();
        layout.index("1", Map.of(new FixturePlatform("linux", "s390x", null), Map.of("arch", "s390x")));
        String reference = Form.FOLDER.write(temp, layout.files());

        ResolvedImage image = archives.resolve(reference, null);

        assertTrue(image.platformFellBack());
        assertEquals("linux/s390x", image.platform().toString());
    }

    @Test
    void platformsListedStraightInIndexJsonAreOneImage() throws Exception {
        OciLayoutBuilder layout = new OciLayoutBuilder();
        layout.flat("1", platforms());
        String reference = Form.FOLDER.write(temp, layout.files());

        assertEquals(Map.of("arch", "amd64"), archives.resolve(reference, null).config().labels());
        assertEquals(Map.of("arch", "arm64"), archives.resolve(reference + ":1", new Platform("linux", "arm64", "v8"))
                .config().labels());
    }

    @Test
    void aDigestPicksAnIndexJsonEntryOrAnyManifestOfTheLayout() throws Exception {
        OciLayoutBuilder layout = new OciLayoutBuilder();
        OciLayoutBuilder.Image one = layout.image("1", FixturePlatform.LINUX_AMD64, Map.of("image", "one"));
        Map<FixturePlatform, OciLayoutBuilder.Image> multi = layout.index("2", platforms());
        String reference = Form.TAR.write(temp, layout.files());
        String armChild = multi.get(FixturePlatform.LINUX_ARM64_V8).manifestDigest();

        ResolvedImage listed = archives.resolve(reference + "@" + one.manifestDigest(), null);
        ResolvedImage child = archives.resolve(reference + "@" + armChild, null);

        assertEquals(Map.of("image", "one"), listed.config().labels());
        assertEquals(reference + "@" + one.manifestDigest(), listed.name());
        assertEquals(Map.of("arch", "arm64"), child.config().labels());
        assertEquals(armChild, child.manifestDigest());
        assertEquals("linux/arm64/v8", child.platform().toString());
    }

    @Test
    void anUnknownDigestIsNotFound() {
        OciLayoutBuilder layout = new OciLayoutBuilder();
        layout.image("1", FixturePlatform.LINUX_AMD64, LABELS);
        String reference = Form.FOLDER.write(temp, layout.files());
        String digest = "sha256:" + "0".repeat(64);

        ArchiveException e = assertThrows(ArchiveException.class, () -> archives.resolve(reference + "@" + digest, null));

        assertEquals(ArchiveException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().endsWith("manifest " + digest + " is not in the layout (no blobs/sha256/" + "0".repeat(64)
                + ")"), e.getMessage());
    }

    @Test
    void anImageWithoutLabelsHasNone() throws Exception {
        OciLayoutBuilder layout = new OciLayoutBuilder();
        layout.image("1", FixturePlatform.LINUX_AMD64, null);
        String reference = Form.FOLDER.write(temp, layout.files());

        assertEquals(Map.of(), archives.resolve(reference, null).config().labels());
    }

    @Test
    void aGzipArchiveWhoseMemoryBudgetRunsOutIsReadAgainForWhatWasDropped() throws Exception {
        OciLayoutBuilder layout = new OciLayoutBuilder();
        layout.image("1", FixturePlatform.LINUX_AMD64, LABELS);
        Path file = TestArchives.tarGz(temp.resolve("layout.tgz"), layout.files());

        try (GzipTarFiles roomy = GzipTarFiles.open(file);
             GzipTarFiles tight = GzipTarFiles.open(file, 8 * 1024 * 1024, 1)) {
            ResolvedImage fromRoomy = new ImageWalk<>(new LayoutStore(roomy, ArchiveReference.parse("oci-archive:" + file)), AMD64).one(null);
            ResolvedImage fromTight = new ImageWalk<>(new LayoutStore(tight, ArchiveReference.parse("oci-archive:" + file)), AMD64).one(null);

            assertEquals(LABELS, fromRoomy.config().labels());
            assertEquals(1, roomy.passes(), "everything needed was kept on the first pass");
            assertEquals(LABELS, fromTight.config().labels());
            assertEquals(3, tight.passes(), "one more pass each for the manifest and the config");
        }
    }

    @Test
    void gzipIsRecognisedByItsBytesNotItsName() throws Exception {
        OciLayoutBuilder layout = new OciLayoutBuilder();
        layout.image("1", FixturePlatform.LINUX_AMD64, LABELS);
        Path gzipNamedTar = TestArchives.tarGz(temp.resolve("image.tar"), layout.files());
        Path tarNamedGzip = TestArchives.tar(temp.resolve("image.tar.gz"), layout.files());

        assertEquals(LABELS, archives.resolve("oci-archive:" + gzipNamedTar, null).config().labels());
        assertEquals(LABELS, archives.resolve("oci-archive:" + tarNamedGzip, null).config().labels());
    }

    static Map<FixturePlatform, Map<String, String>> platforms() {
        Map<FixturePlatform, Map<String, String>> platforms = new LinkedHashMap<>();
        platforms.put(FixturePlatform.LINUX_AMD64, Map.of("arch", "amd64"));
        platforms.put(FixturePlatform.LINUX_ARM64_V8, Map.of("arch", "arm64"));
        return platforms;
    }
}

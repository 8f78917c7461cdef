package dev.labels.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.image.PlatformSelector.Selection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformSelectorTest {

    private static final Platform LINUX_AMD64 = new Platform("linux", "amd64", null);
    private static final Platform LINUX_ARM64 = new Platform("linux", "arm64", null);

    private static ImageIndex dockerHubList() throws MalformedImageException {
        return (ImageIndex) Manifests.parse(Fixtures.bytes("docker-manifest-list.json"), null);
    }

    private static ImageIndex buildxIndex() throws MalformedImageException {
        return (ImageIndex) Manifests.parse(Fixtures.bytes("oci-index-buildx.json"), null);
    }

    private static Descriptor entry(String digest, Platform platform, Map<String, String> annotations) {
        return new Descriptor(MediaTypes.OCI_MANIFEST, digest, 100, platform, annotations);
    }

    private static ImageIndex index(Descriptor... entries) {
        return new ImageIndex(MediaTypes.OCI_INDEX, new ArrayList<>(Arrays.asList(entries)), null);
    }

    @Test
    void defaultPicksEntryMatchingHost() throws Exception {
        Selection s = PlatformSelector.select(dockerHubList(), null, LINUX_ARM64);
        assertEquals(new Platform("linux", "arm64", "v8"), s.platform(), "arm64 host matches arm64/v8 entry");
        assertEquals(dockerHubList().manifests().get(3), s.descriptor());
        assertFalse(s.fellBack());
    }

    @Test
    void explicitRequestWithVariantPicksThatVariant() throws Exception {
        Selection s = PlatformSelector.select(dockerHubList(), Platform.parse("linux/arm/v6"), LINUX_AMD64);
        assertEquals(new Platform("linux", "arm", "v6"), s.platform());
        assertFalse(s.fellBack());
    }

    @Test
    void armWithoutVariantMeansV7() throws Exception {
        Selection s = PlatformSelector.select(dockerHubList(), Platform.parse("linux/arm"), LINUX_AMD64);
        assertEquals(new Platform("linux", "arm", "v7"), s.platform());
    }

    @Test
    void arm64V8RequestMatchesPlainArm64EntryAndViceVersa() throws Exception {
        ImageIndex plain = index(entry("sha256:a", LINUX_AMD64, null), entry("sha256:b", LINUX_ARM64, null));
        assertEquals("sha256:b", PlatformSelector.select(plain, Platform.parse("linux/arm64/v8"), null).descriptor().digest());
        Selection s = PlatformSelector.select(buildxIndex(), Platform.parse("linux/arm64"), null);
        assertEquals(new Platform("linux", "arm64", "v8"), s.platform());
    }

    @Test
    void attestationFirstInIndexIsNeverChosen() throws Exception {
        Descriptor unknown = entry("sha256:att1", new Platform("unknown", "unknown", null),
                Map.of(Descriptor.REFERENCE_TYPE, Descriptor.ATTESTATION_MANIFEST));
        // Annotation alone is enough, even with a plausible-looking platform.
        Descriptor annotated = entry("sha256:att2", LINUX_AMD64,
                Map.of(Descriptor.REFERENCE_TYPE, Descriptor.ATTESTATION_MANIFEST));
        Descriptor image = entry("sha256:img", LINUX_AMD64, null);
        ImageIndex idx = index(unknown, annotated, image);

        assertEquals("sha256:img", PlatformSelector.select(idx, null, LINUX_AMD64).descriptor().digest());
        assertEquals("sha256:img", PlatformSelector.select(idx, Platform.parse("linux/amd64"), null).descriptor().digest());
        Selection fallback = PlatformSelector.select(idx, null, new Platform("linux", "riscv64", null));
        assertEquals("sha256:img", fallback.descriptor().digest());
        assertTrue(fallback.fellBack());
        assertThrows(PlatformNotFoundException.class,
                () -> PlatformSelector.select(idx, Platform.parse("unknown/unknown"), null));
    }

    @Test
    void explicitAbsentPlatformThrowsListingAvailable() throws Exception {
        Platform s390x = Platform.parse("linux/s390x");
        PlatformNotFoundException e = assertThrows(PlatformNotFoundException.class,
                () -> PlatformSelector.select(buildxIndex(), s390x, LINUX_AMD64));
        assertEquals("no image for platform linux/s390x; available: linux/amd64, linux/arm64/v8", e.getMessage());
        assertEquals(s390x, e.requested());
        assertEquals(List.of(LINUX_AMD64, new Platform("linux", "arm64", "v8")), e.available());
    }

    @Test
    void defaultAbsentFallsBackToFirstRealEntry() throws Exception {
        Selection s = PlatformSelector.select(buildxIndex(), null, new Platform("linux", "s390x", null));
        assertTrue(s.fellBack());
        assertEquals(LINUX_AMD64, s.platform());
        assertEquals(buildxIndex().manifests().get(0), s.descriptor());
    }

    @Test
    void noDefaultAtAllFallsBackToFirstRealEntry() throws Exception {
        Selection s = PlatformSelector.select(dockerHubList(), null, null);
        assertTrue(s.fellBack());
        assertEquals(LINUX_AMD64, s.platform());
    }

    @Test
    void loneEntryWithoutPlatformIsTakenAsFallbackForDefaultOnly() throws Exception {
        Descriptor att = entry("sha256:att", new Platform("unknown", "unknown", null), null);
        ImageIndex idx = index(entry("sha256:only", null, null), att);
        Selection s = PlatformSelector.select(idx, null, LINUX_AMD64);
        assertEquals("sha256:only", s.descriptor().digest());
        assertNull(s.platform());
        assertTrue(s.fellBack());
        PlatformNotFoundException e = assertThrows(PlatformNotFoundException.class,
                () -> PlatformSelector.select(idx, Platform.parse("linux/amd64"), LINUX_AMD64));
        assertEquals("no image for platform linux/amd64; available: none declared", e.getMessage());
    }

    @Test
    void entriesWithoutPlatformAreSkippedWhenOthersMatch() throws Exception {
        ImageIndex idx = index(entry("sha256:none", null, null), entry("sha256:arm", LINUX_ARM64, null));
        Selection s = PlatformSelector.select(idx, null, LINUX_ARM64);
        assertEquals("sha256:arm", s.descriptor().digest());
        assertFalse(s.fellBack());
        Selection fallback = PlatformSelector.select(idx, null, LINUX_AMD64);
        assertEquals("sha256:arm", fallback.descriptor().digest(), "first entry naming a platform");
        assertTrue(fallback.fellBack());
    }

    @Test
    void indexWithOnlyAttestationsOrNothingHasNoImageManifests() {
        ImageIndex onlyAtt = index(entry("sha256:att", new Platform("unknown", "unknown", null), null));
        for (ImageIndex idx : List.of(onlyAtt, index())) {
            PlatformNotFoundException e = assertThrows(PlatformNotFoundException.class,
                    () -> PlatformSelector.select(idx, null, LINUX_AMD64));
            assertEquals("index has no image manifests", e.getMessage());
        }
    }

    @Test
    void severalEntriesWithoutAnyPlatformCannotBeChosenByDefault() {
        ImageIndex idx = index(entry("sha256:a", null, null), entry("sha256:b", null, null));
        PlatformNotFoundException e = assertThrows(PlatformNotFoundException.class,
                () -> PlatformSelector.select(idx, null, LINUX_AMD64));
        assertEquals("index has 2 image manifests and none declares a platform", e.getMessage());
    }
}

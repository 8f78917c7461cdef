package dev.labels.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.image.ContentStore.Start;
import dev.labels.image.ContentStore.Step;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one walk, over a store in memory: what it reads, in which order, what it gives and how it fails. */
class ImageWalkTest {
    private static final Platform AMD64 = new Platform("linux", "amd64", null);
    private static final Platform ARM64 = new Platform("linux", "arm64", null);

    /** A failure of the store in memory: the step and the model's error, as a real store would name them. */
    static final class Failed extends Exception {
        final Step step;

        Failed(Step step, Exception cause) {
            super(step + ": " + cause.getMessage(), cause);
            this.step = step;
        }
    }

    /** Content by digest; every read is logged, so tests see the order and number of reads. */
    static final class MemoryStore implements ContentStore<Failed> {
        final Map<String, Manifest> manifests = new HashMap<>();
        final Map<String, byte[]> blobs = new HashMap<>();
        final List<String> reads = new ArrayList<>();
        Start start;

        @Override
        public Start start() {
            reads.add("start");
            return start;
        }

        @Override
        public Manifest manifest(Descriptor descriptor, Step step) throws Failed {
            reads.add("manifest " + descriptor.digest());
            Manifest manifest = manifests.get(descriptor.digest());
            if (manifest == null) {
                throw new Failed(step, new IllegalStateException("no manifest"));
            }
            return manifest;
        }

        @Override
        public byte[] blob(Descriptor descriptor, Step step) throws Failed {
            reads.add("blob " + descriptor.digest());
            return blobs.get(descriptor.digest());
        }

        @Override
        public Failed failure(Step step, ImageException error) {
            return new Failed(step, error);
        }

        /** An image manifest of a config with {@code labels}, stored; returns its descriptor in an index. */
        Descriptor image(String name, Platform platform, String labels, Map<String, String> annotations) {
            byte[] config = ("{\"os\":\"" + platform.os() + "\",\"architecture\":\"" + platform.architecture()
                    + "\",\"config\":{\"Labels\":" + labels + "}}").getBytes(StandardCharsets.UTF_8);
            String configDigest = Digests.sha256(config);
            blobs.put(configDigest, config);
            String digest = digest(name);
            manifests.put(digest, new ImageManifest(MediaTypes.OCI_MANIFEST,
                    new Descriptor(MediaTypes.OCI_CONFIG, configDigest, config.length, null, Map.of()), List.of(),
                    annotations, null));
            return new Descriptor(MediaTypes.OCI_MANIFEST, digest, 1, platform, Map.of());
        }
    }

    static String digest(String name) {
        return Digests.sha256(name.getBytes(StandardCharsets.UTF_8));
    }

    private static Descriptor annotated(Descriptor entry, Map<String, String> annotations) {
        return new Descriptor(entry.mediaType(), entry.digest(), entry.size(), entry.platform(), annotations);
    }

    private static Descriptor attestation(String subject) {
        return new Descriptor(MediaTypes.OCI_MANIFEST, digest("attestation"), 1, new Platform("unknown", "unknown", null),
                Map.of("vnd.docker.reference.type", "attestation-manifest", "vnd.docker.reference.digest", subject));
    }

    @Test
    void aManifestAndItsConfig() throws Exception {
        MemoryStore store = new MemoryStore();
        Descriptor app = store.image("app", AMD64, "{\"a\":\"1\"}", Map.of("m", "1"));
        store.start = Start.of("app:1", store.manifests.get(app.digest()), app.digest());

        ResolvedImage image = new ImageWalk<>(store, AMD64).one(null);

        assertEquals("app:1", image.name());
        assertEquals(app.digest(), image.manifestDigest());
        assertEquals(Map.of("a", "1"), image.config().labels());
        assertEquals(AMD64, image.platform(), "from the config");
        assertArrayEquals(store.blobs.get(image.configDigest()), image.configJson());
        assertEquals(new ImageAnnotations(null, null, Map.of("m", "1")), image.annotations());
        assertEquals(List.of("start", "blob " + image.configDigest()), store.reads);
    }

    @Test
    void theDefaultPlatformOfAnIndexAttestationsNeverTaken() throws Exception {
        MemoryStore store = new MemoryStore();
        Descriptor amd = store.image("amd", AMD64, "{\"arch\":\"amd64\"}", Map.of());
        Descriptor arm = store.image("arm", ARM64, "{\"arch\":\"arm64\"}", Map.of());
        ImageIndex index = new ImageIndex(MediaTypes.OCI_INDEX, List.of(attestation(arm.digest()), amd, arm), Map.of());
        store.start = Start.of("app:1", index, digest("index"));

        ResolvedImage image = new ImageWalk<>(store, ARM64).one(null);

        assertEquals(Map.of("arch", "arm64"), image.config().labels());
        assertEquals(arm.digest(), image.manifestDigest(), "the platform's manifest, not the index");
        assertFalse(image.platformFellBack());
        assertEquals(List.of("start", "manifest " + arm.digest(), "blob " + image.configDigest()), store.reads);
    }

    @Test
    void anAbsentDefaultFallsBackToTheFirstPlatformAndSaysSo() throws Exception {
        MemoryStore store = new MemoryStore();
        Descriptor arm = store.image("arm", ARM64, "{}", Map.of());
        store.start = Start.of("app:1", new ImageIndex(MediaTypes.OCI_INDEX, List.of(arm), Map.of()), digest("i"));

        ResolvedImage image = new ImageWalk<>(store, AMD64).one(null);

        assertTrue(image.platformFellBack());
        assertEquals(ARM64, image.platform());
    }

    @Test
    void anAbsentPlatformAskedForIsNotFoundWhileSelecting() {
        MemoryStore store = new MemoryStore();
        Descriptor arm = store.image("arm", ARM64, "{}", Map.of());
        store.start = Start.of("app:1", new ImageIndex(MediaTypes.OCI_INDEX, List.of(arm), Map.of()), digest("i"));

        Failed failed = assertThrows(Failed.class, () -> new ImageWalk<>(store, AMD64).one(AMD64));

        assertEquals(Step.Kind.SELECTING_PLATFORM, failed.step.kind());
        assertInstanceOf(PlatformNotFoundException.class, failed.getCause());
    }

    @Test
    void everyPlatformInIndexOrderWithoutAttestations() throws Exception {
        MemoryStore store = new MemoryStore();
        Descriptor amd = store.image("amd", AMD64, "{\"arch\":\"amd64\"}", Map.of());
        Descriptor arm = store.image("arm", ARM64, "{\"arch\":\"arm64\"}", Map.of());
        store.start = Start.of("app:1", new ImageIndex(MediaTypes.OCI_INDEX, List.of(arm, attestation(arm.digest()),
                amd), Map.of()), digest("index"));

        List<ResolvedImage> images = new ImageWalk<>(store, AMD64).all();

        assertEquals(List.of(ARM64, AMD64), images.stream().map(ResolvedImage::platform).toList());
        assertEquals(List.of(arm.digest(), amd.digest()), images.stream().map(ResolvedImage::manifestDigest).toList());
    }

    @Test
    void aSinglePlatformImageListsAsItself() throws Exception {
        MemoryStore store = new MemoryStore();
        Descriptor app = store.image("app", ARM64, "{\"a\":\"1\"}", Map.of());
        store.start = Start.of("app:1", store.manifests.get(app.digest()), app.digest());

        List<ResolvedImage> images = new ImageWalk<>(store, AMD64).all();

        assertEquals(List.of(app.digest()), images.stream().map(ResolvedImage::manifestDigest).toList());
        assertEquals(ARM64, images.get(0).platform(), "whatever platform was asked for");
    }

    @Test
    void aConfigThatIsNotJsonFailsWhileReadingTheConfigNamedByItsDigest() {
        MemoryStore store = new MemoryStore();
        Descriptor app = store.image("app", AMD64, "{}", Map.of());
        ImageManifest manifest = (ImageManifest) store.manifests.get(app.digest());
        store.blobs.put(manifest.config().digest(), "not json".getBytes(StandardCharsets.UTF_8));
        store.start = Start.of("app:1", manifest, app.digest());

        Failed failed = assertThrows(Failed.class, () -> new ImageWalk<>(store, AMD64).one(null));

        assertEquals(new Step(Step.Kind.READING_CONFIG, manifest.config().digest(), null), failed.step);
        assertInstanceOf(MalformedImageException.class, failed.getCause());
    }

    @Test
    void theStepsThatReadAManifestAreTheReferencesAndAnIndexEntrysNotAConfigs() {
        Descriptor entry = new Descriptor(MediaTypes.OCI_MANIFEST, digest("entry"), 1, AMD64, Map.of());

        assertTrue(Step.manifest(digest("top")).readsManifest());
        assertTrue(Step.child(entry, AMD64).readsManifest());
        assertFalse(Step.config(digest("config")).readsManifest());
        assertFalse(new Step(Step.Kind.SELECTING_PLATFORM, null, null).readsManifest());
        assertFalse(new Step(Step.Kind.LISTING_PLATFORMS, null, null).readsManifest());
    }

    @Test
    void anIndexOfAttestationsOnlyHasNoImagesToList() {
        MemoryStore store = new MemoryStore();
        store.start = Start.of("app:1", new ImageIndex(MediaTypes.OCI_INDEX, List.of(attestation(digest("x"))),
                Map.of()), digest("index"));

        Failed failed = assertThrows(Failed.class, () -> new ImageWalk<>(store, AMD64).all());

        assertEquals(Step.Kind.LISTING_PLATFORMS, failed.step.kind());
        assertInstanceOf(PlatformNotFoundException.class, failed.getCause());
    }

    @Test
    void anIndexInsideAnIndexIsRefusedNamingTheEntry() {
        MemoryStore store = new MemoryStore();
        Descriptor inner = new Descriptor(MediaTypes.OCI_INDEX, digest("inner"), 1, AMD64, Map.of());
        store.manifests.put(inner.digest(), new ImageIndex(MediaTypes.OCI_INDEX, List.of(), Map.of()));
        store.start = Start.of("app:1", new ImageIndex(MediaTypes.OCI_INDEX, List.of(inner), Map.of()), digest("o"));

        Failed failed = assertThrows(Failed.class, () -> new ImageWalk<>(store, AMD64).one(null));

        assertEquals(new Step(Step.Kind.READING_CHILD, inner.digest(), AMD64), failed.step);
        assertTrue(failed.getMessage().contains("an index inside an index is not supported"), failed.getMessage());
    }

    @Test
    void anArtifactStopsTheWalkBeforeItsConfig() {
        MemoryStore store = new MemoryStore();
        ImageManifest chart = new ImageManifest(MediaTypes.OCI_MANIFEST, new Descriptor(
                "application/vnd.cncf.helm.config.v1+json", digest("chart-config"), 1, null, Map.of()), List.of(),
                Map.of(), null);
        store.start = Start.of("chart:1", chart, digest("chart"));

        Failed failed = assertThrows(Failed.class, () -> new ImageWalk<>(store, AMD64).one(null));

        assertEquals(Step.Kind.READING_MANIFEST, failed.step.kind());
        assertInstanceOf(NotAnImageException.class, failed.getCause());
        assertEquals(List.of("start"), store.reads);
    }

    @Test
    void aSchema1ManifestHoldsItsConfig() throws Exception {
        MemoryStore store = new MemoryStore();
        Schema1Manifest schema1 = new Schema1Manifest(MediaTypes.DOCKER_SCHEMA1, "app", "1", "amd64",
                List.of("{\"os\":\"linux\",\"config\":{\"Labels\":{\"a\":\"1\"}}}"));
        store.start = Start.of("app:1", schema1, digest("schema1"));

        ResolvedImage image = new ImageWalk<>(store, AMD64).one(null);

        assertEquals(Map.of("a", "1"), image.config().labels());
        assertEquals(AMD64, image.platform());
        assertNull(image.configDigest());
        assertNull(image.configJson());
        assertEquals(List.of("start"), store.reads);
    }

    @Test
    void aManifestTheStoreMadeHasNoDigestAndNoAnnotations() throws Exception {
        MemoryStore store = new MemoryStore();
        Descriptor saved = store.image("saved", AMD64, "{\"a\":\"1\"}", Map.of());
        ImageManifest real = (ImageManifest) store.manifests.get(saved.digest());
        store.start = Start.of("docker-archive:app.tar", ImageManifest.ofConfig(real.config()), null);

        ResolvedImage image = new ImageWalk<>(store, AMD64).one(null);

        assertNull(image.manifestDigest());
        assertEquals(real.config().digest(), image.configDigest());
        assertEquals(ImageAnnotations.NONE, image.annotations());
        assertEquals(Map.of("a", "1"), image.config().labels());
    }

    @Test
    void aManifestListedInTheStoresIndexHasThatIndexAndEntryAbove() throws Exception {
        MemoryStore store = new MemoryStore();
        Descriptor app = annotated(store.image("app", AMD64, "{}", Map.of("m", "1")),
                Map.of("org.opencontainers.image.ref.name", "1"));
        ImageIndex layout = new ImageIndex(MediaTypes.OCI_INDEX, List.of(app), Map.of("i", "1"));
        store.start = new Start("oci:dir:1", store.manifests.get(app.digest()), app.digest(), layout, app);

        ResolvedImage image = new ImageWalk<>(store, AMD64).one(null);

        assertEquals(new ImageAnnotations(Map.of("i", "1"), Map.of("org.opencontainers.image.ref.name", "1"),
                Map.of("m", "1")), image.annotations());
    }

    @Test
    void anIndexEntrysImageHasTheIndexItsEntryAndItsManifestAbove() throws Exception {
        MemoryStore store = new MemoryStore();
        Descriptor amd = annotated(store.image("amd", AMD64, "{\"k\":\"label\"}", Map.of("k", "m", "m", "m")),
                Map.of("k", "d", "d", "d"));
        ImageIndex index = new ImageIndex(MediaTypes.OCI_INDEX, List.of(amd), Map.of("k", "i", "i", "i"));
        store.start = Start.of("app:1", index, digest("index"));

        ResolvedImage image = new ImageWalk<>(store, AMD64).one(null);

        assertEquals(new ImageAnnotations(Map.of("k", "i", "i", "i"), Map.of("k", "d", "d", "d"),
                Map.of("k", "m", "m", "m")), image.annotations());
        assertEquals(Map.of("k", "label", "m", "m", "d", "d", "i", "i"), image.labelsAndAnnotations());
        assertEquals(image.annotations(), new ImageWalk<>(store, AMD64).all().get(0).annotations());
    }
}

package dev.labels.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Labels and annotations in one map: who wins, and what is bookkeeping. */
class ImageAnnotationsTest {

    @Test
    void aLabelWinsThenTheManifestTheDescriptorTheIndex() {
        ImageAnnotations annotations = new ImageAnnotations(
                Map.of("k", "index", "i", "index", "d", "index", "m", "index"),
                Map.of("k", "descriptor", "d", "descriptor", "m", "descriptor"),
                Map.of("k", "manifest", "m", "manifest"));

        assertEquals(Map.of("k", "label", "m", "manifest", "d", "descriptor", "i", "index"),
                annotations.merged(Map.of("k", "label")));
    }

    @Test
    void partsAnImageDoesNotHaveAddNothing() {
        assertEquals(Map.of("a", "1"), ImageAnnotations.NONE.merged(Map.of("a", "1")));
        assertEquals(Map.of("a", "1", "m", "x"),
                new ImageAnnotations(null, null, Map.of("m", "x")).merged(Map.of("a", "1")));
    }

    @Test
    void bookkeepingIsLeftOutWhereverItIs() {
        ImageAnnotations annotations = new ImageAnnotations(
                Map.of("org.opencontainers.image.ref.name", "1", "kept", "i"),
                Map.of("io.containerd.image.name", "docker.io/library/app:1", "vnd.docker.reference.type", "x"),
                Map.of("vnd.docker.reference.digest", "sha256:00"));

        assertEquals(Map.of("kept", "i"), annotations.merged(Map.of()));
        assertEquals(Map.of("kept", "i", "org.opencontainers.image.ref.name", "label"),
                annotations.merged(Map.of("org.opencontainers.image.ref.name", "label")), "a label is never bookkeeping");
    }

    @Test
    void theBookkeepingList() {
        for (String key : List.of("org.opencontainers.image.ref.name", "io.containerd.image.name",
                "vnd.docker.reference.type", "vnd.docker.reference.digest")) {
            assertTrue(ImageAnnotations.isBookkeeping(key), key);
        }
        for (String key : List.of("org.opencontainers.image.source", "org.opencontainers.image.ref.names",
                "vnd.docker.reference", "io.containerd.image.name.x", "VND.DOCKER.REFERENCE.TYPE")) {
            assertFalse(ImageAnnotations.isBookkeeping(key), key);
        }
    }
}

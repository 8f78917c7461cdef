package dev.labels.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MediaTypesTest {

    @Test
    void acceptListPrefersIndexesAndPutsSchema1Last() {
        assertEquals(List.of(
                "application/vnd.oci.image.index.v1+json",
                "application/vnd.docker.distribution.manifest.list.v2+json",
                "application/vnd.oci.image.manifest.v1+json",
                "application/vnd.docker.distribution.manifest.v2+json",
                "application/vnd.docker.distribution.manifest.v1+prettyjws",
                "application/vnd.docker.distribution.manifest.v1+json"), MediaTypes.ACCEPT_MANIFESTS);
    }

    @Test
    void acceptHeaderJoinsTheListWithCommas() {
        assertTrue(MediaTypes.acceptHeader().startsWith(MediaTypes.OCI_INDEX + ", " + MediaTypes.DOCKER_MANIFEST_LIST + ", "));
        assertTrue(MediaTypes.acceptHeader().endsWith(", " + MediaTypes.DOCKER_SCHEMA1));
    }

    @Test
    void baseStripsParametersWhitespaceAndCase() {
        assertEquals(MediaTypes.OCI_INDEX, MediaTypes.base(" Application/VND.oci.image.index.v1+json ; charset=utf-8"));
        assertEquals("application/json", MediaTypes.base("application/json;charset=UTF-8"));
        assertNull(MediaTypes.base(null));
        assertNull(MediaTypes.base("  "));
        assertNull(MediaTypes.base("; charset=utf-8"), "parameters without a type are no type");
    }

    @Test
    void kindPredicatesCoverBothFamilies() {
        assertTrue(MediaTypes.isIndex(MediaTypes.OCI_INDEX));
        assertTrue(MediaTypes.isIndex(MediaTypes.DOCKER_MANIFEST_LIST));
        assertTrue(MediaTypes.isImageManifest(MediaTypes.OCI_MANIFEST));
        assertTrue(MediaTypes.isImageManifest(MediaTypes.DOCKER_MANIFEST_V2));
        assertTrue(MediaTypes.isSchema1(MediaTypes.DOCKER_SCHEMA1));
        assertTrue(MediaTypes.isSchema1(MediaTypes.DOCKER_SCHEMA1_SIGNED));
        assertFalse(MediaTypes.isImageManifest(MediaTypes.OCI_CONFIG));
        assertFalse(MediaTypes.isIndex(null));
    }
}

package dev.labels.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rule that tells an image from another artifact kept in an image manifest: no artifactType, and a config
 * type that is an image config's or says nothing. Media types written out, apart from MediaTypes.
 */
class NotAnImageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OCI = "application/vnd.oci.image.manifest.v1+json";
    private static final String DOCKER = "application/vnd.docker.distribution.manifest.v2+json";

    private static ImageManifest manifest(String manifestType, String configType, String artifactType)
            throws Exception {
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", 2);
        root.put("mediaType", manifestType);
        if (artifactType != null) {
            root.put("artifactType", artifactType);
        }
        ObjectNode config = root.putObject("config");
        if (configType != null) {
            config.put("mediaType", configType);
        }
        config.put("digest", "sha256:" + "a".repeat(64));
        config.put("size", 2);
        root.putArray("layers");
        return assertInstanceOf(ImageManifest.class, Manifests.parse(JSON.writeValueAsBytes(root), manifestType));
    }

    /** Columns: manifest type, config type (empty: none), artifactType (empty: none), the artifact's type (empty: an image). */
    @ParameterizedTest
    @CsvSource(nullValues = "", value = {
        // images: the two image config types, in either manifest kind ("mixed" images run on Docker and containerd)
        OCI + ", application/vnd.oci.image.config.v1+json, , ",
        DOCKER + ", application/vnd.docker.container.image.v1+json, , ",
        OCI + ", application/vnd.docker.container.image.v1+json, , ",
        DOCKER + ", application/vnd.oci.image.config.v1+json, , ",
        OCI + ", 'Application/Vnd.OCI.Image.Config.v1+JSON; charset=utf-8', , ",
        // images: a config type that says nothing, as docker push 1.10 and 1.11 wrote (distribution#1621)
        DOCKER + ", application/octet-stream, , ",
        DOCKER + ", application/json, , ",
        OCI + ", , , ",
        // artifacts, by their config type
        OCI + ", application/vnd.cncf.helm.config.v1+json, , application/vnd.cncf.helm.config.v1+json",
        DOCKER + ", application/vnd.cncf.helm.config.v1+json, , application/vnd.cncf.helm.config.v1+json",
        OCI + ", application/vnd.unknown.config.v1+json, , application/vnd.unknown.config.v1+json",
        OCI + ", application/vnd.docker.ai.model.config.v0.1+json, , application/vnd.docker.ai.model.config.v0.1+json",
        OCI + ", application/vnd.oci.empty.v1+json, , application/vnd.oci.empty.v1+json",
        // artifacts, by their artifactType, whatever the config type
        OCI + ", application/vnd.oci.empty.v1+json, application/spdx+json, application/spdx+json",
        OCI + ", application/vnd.oci.image.config.v1+json, application/vnd.dev.cosign.artifact.sig.v1+json, "
                + "application/vnd.dev.cosign.artifact.sig.v1+json",
    })
    void imagesAreReadAndArtifactsAreNamedByTheirType(String manifestType, String configType, String artifactType,
                                                      String reported) throws Exception {
        ImageManifest manifest = manifest(manifestType, configType, artifactType);

        if (reported == null) {
            assertTrue(manifest.isImage(), configType + " / " + artifactType);
            assertSame(manifest, manifest.requireImage());
            return;
        }
        NotAnImageException e = assertThrows(NotAnImageException.class, manifest::requireImage);
        assertEquals(reported, e.artifactType());
        assertEquals("not an image: an artifact of type \"" + reported + "\"", e.getMessage());
    }

    @Test
    void aTypeFromOutsideIsQuotedOnOneLineWithEveryInvisibleCharacterShown() throws Exception {
        NotAnImageException e = assertThrows(NotAnImageException.class,
                () -> manifest(OCI, "vnd.evil\u001b[2J\nlabels: \"ok\" \\ \u202e", null).requireImage());

        assertEquals("not an image: an artifact of type \"vnd.evil\\u001b[2J\\nlabels: \\\"ok\\\" \\\\ \\u202e\"",
                e.getMessage());
    }

    @Test
    void theDeleteCharacterIsShownAsItsCodeAndATildeAsItIs() {
        assertEquals("not an image: an artifact of type \"a~b\\u007f\"",
                new NotAnImageException("a~b\u007f").getMessage());
    }

    @Test
    void anArtifactWithoutAnyTypeIsNamedAsSuch() {
        NotAnImageException e = new NotAnImageException(null);

        assertEquals("not an image: an artifact of type (none)", e.getMessage());
        assertEquals(null, e.artifactType());
    }

    @Test
    void aLongTypeIsCut() throws Exception {
        NotAnImageException e = assertThrows(NotAnImageException.class,
                () -> manifest(OCI, "application/" + "x".repeat(300), null).requireImage());

        assertTrue(e.getMessage().endsWith("...\" (312 characters)"), e.getMessage());
        assertTrue(e.getMessage().length() < 200, e.getMessage());
    }
}

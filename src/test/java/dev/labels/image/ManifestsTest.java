package dev.labels.image;

import static dev.labels.image.Fixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The six manifest kinds, parsed from real-world shapes, and Content-Type handling. */
class ManifestsTest {

    @Test
    void parsesDockerHubManifestList() throws Exception {
        ImageIndex index = assertInstanceOf(ImageIndex.class,
                Manifests.parse(bytes("docker-manifest-list.json"), MediaTypes.DOCKER_MANIFEST_LIST));
        assertEquals(MediaTypes.DOCKER_MANIFEST_LIST, index.mediaType());
        assertEquals(8, index.manifests().size());
        Descriptor first = index.manifests().get(0);
        assertEquals(MediaTypes.DOCKER_MANIFEST_V2, first.mediaType());
        assertEquals(528, first.size());
        assertTrue(first.digest().startsWith("sha256:"));
        assertEquals(new Platform("linux", "amd64", null), first.platform());
        assertEquals(new Platform("linux", "arm64", "v8"), index.manifests().get(3).platform());
        // Windows entry carries os.version, which is ignored rather than failing the parse.
        assertEquals(new Platform("windows", "amd64", null), index.manifests().get(7).platform());
        assertEquals(Map.of(), first.annotations());
        assertEquals(Map.of(), index.annotations());
    }

    @Test
    void parsesBuildxOciIndexWithAttestationEntries() throws Exception {
        ImageIndex index = assertInstanceOf(ImageIndex.class,
                Manifests.parse(bytes("oci-index-buildx.json"), MediaTypes.OCI_INDEX));
        assertEquals(MediaTypes.OCI_INDEX, index.mediaType());
        assertEquals(4, index.manifests().size());
        assertFalse(index.manifests().get(0).isAttestation());
        assertFalse(index.manifests().get(1).isAttestation());
        Descriptor attestation = index.manifests().get(2);
        assertTrue(attestation.isAttestation());
        assertTrue(attestation.platform().isUnknown());
        assertEquals("attestation-manifest", attestation.annotations().get("vnd.docker.reference.type"));
        assertEquals(index.manifests().get(0).digest(), attestation.annotations().get("vnd.docker.reference.digest"));
        assertEquals("2024-05-02T10:14:33Z", index.annotations().get("org.opencontainers.image.created"));
    }

    @Test
    void parsesOciImageManifest() throws Exception {
        ImageManifest m = assertInstanceOf(ImageManifest.class,
                Manifests.parse(bytes("oci-manifest.json"), MediaTypes.OCI_MANIFEST));
        assertEquals(MediaTypes.OCI_MANIFEST, m.mediaType());
        assertEquals(MediaTypes.OCI_CONFIG, m.config().mediaType());
        assertEquals(7023, m.config().size());
        assertEquals(2, m.layers().size());
        assertEquals(3408729, m.layers().get(0).size());
        assertEquals("docker.io/library/alpine:3.19", m.annotations().get("org.opencontainers.image.base.name"));
        assertNull(m.config().platform());
    }

    @Test
    void parsesDockerV2Manifest() throws Exception {
        ImageManifest m = assertInstanceOf(ImageManifest.class,
                Manifests.parse(bytes("docker-manifest-v2.json"), MediaTypes.DOCKER_MANIFEST_V2));
        assertEquals(MediaTypes.DOCKER_MANIFEST_V2, m.mediaType());
        assertEquals("sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7", m.config().digest());
        assertEquals(MediaTypes.DOCKER_CONFIG, m.config().mediaType());
        assertEquals(3, m.layers().size());
        assertEquals(Map.of(), m.annotations());
    }

    @Test
    void parsesSignedSchema1WithSignatures() throws Exception {
        Schema1Manifest m = assertInstanceOf(Schema1Manifest.class,
                Manifests.parse(bytes("schema1-signed.json"), MediaTypes.DOCKER_SCHEMA1_SIGNED));
        assertEquals(MediaTypes.DOCKER_SCHEMA1_SIGNED, m.mediaType());
        assertEquals("hello-world", m.name());
        assertEquals("latest", m.tag());
        assertEquals("amd64", m.architecture());
        assertEquals(2, m.v1Compatibility().size());
        assertTrue(m.v1Compatibility().get(0).contains("\"id\":\"e45a5af57b00"));
        assertTrue(m.v1Compatibility().get(1).contains("\"id\":\"31cbccb51277"));
    }

    @Test
    void parsesUnsignedSchema1() throws Exception {
        Schema1Manifest m = assertInstanceOf(Schema1Manifest.class,
                Manifests.parse(bytes("schema1.json"), MediaTypes.DOCKER_SCHEMA1));
        assertEquals(MediaTypes.DOCKER_SCHEMA1, m.mediaType());
        assertEquals(2, m.v1Compatibility().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "application/vnd.oci.image.index.v1+json; charset=utf-8",
        "application/vnd.oci.image.index.v1+json;charset=UTF-8",
        "Application/VND.OCI.Image.Index.v1+JSON",
        "  application/vnd.oci.image.index.v1+json  "})
    void contentTypeParametersCaseAndSpacesAreIgnored(String contentType) throws Exception {
        Manifest m = Manifests.parse(bytes("oci-index-buildx.json"), contentType);
        assertEquals(MediaTypes.OCI_INDEX, m.mediaType());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "application/json", "application/json; charset=utf-8", "text/plain",
        "application/octet-stream"})
    void missingOrGenericContentTypeUsesTheBodyMediaType(String contentType) throws Exception {
        assertEquals(MediaTypes.DOCKER_MANIFEST_LIST, Manifests.parse(bytes("docker-manifest-list.json"), contentType).mediaType());
        assertEquals(MediaTypes.OCI_INDEX, Manifests.parse(bytes("oci-index-buildx.json"), contentType).mediaType());
        assertEquals(MediaTypes.OCI_MANIFEST, Manifests.parse(bytes("oci-manifest.json"), contentType).mediaType());
        assertEquals(MediaTypes.DOCKER_MANIFEST_V2, Manifests.parse(bytes("docker-manifest-v2.json"), contentType).mediaType());
    }

    @ParameterizedTest
    @CsvSource({"schema1-signed.json, " + MediaTypes.DOCKER_SCHEMA1_SIGNED, "schema1.json, " + MediaTypes.DOCKER_SCHEMA1})
    void missingContentTypeDetectsSchema1FromShape(String fixture, String expected) throws Exception {
        Manifest m = Manifests.parse(bytes(fixture), null);
        assertInstanceOf(Schema1Manifest.class, m);
        assertEquals(expected, m.mediaType());
    }

    @Test
    void fsLayersAndHistoryMakeASchema1ManifestWithoutASchemaVersion() throws Exception {
        byte[] schema1 = Fixtures.utf8("""
                {"name": "app", "tag": "1", "architecture": "amd64", "fsLayers": [],
                 "history": [{"v1Compatibility": "{\\"os\\": \\"linux\\"}"}]}""");

        assertEquals(MediaTypes.DOCKER_SCHEMA1, assertInstanceOf(Schema1Manifest.class, Manifests.parse(schema1, null)).mediaType());
    }

    @Test
    void missingContentTypeAndMediaTypeFieldDetectsIndexAndManifestFromShape() throws Exception {
        byte[] index = Fixtures.utf8("""
                {"schemaVersion": 2, "manifests": [{"digest": "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "size": 1,
                  "mediaType": "application/vnd.oci.image.manifest.v1+json"}]}""");
        byte[] oci = Fixtures.utf8("""
                {"schemaVersion": 2, "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                  "digest": "sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc", "size": 2}, "layers": []}""");
        byte[] docker = Fixtures.utf8("""
                {"schemaVersion": 2, "config": {"mediaType": "application/vnd.docker.container.image.v1+json",
                  "digest": "sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc", "size": 2}}""");
        assertEquals(MediaTypes.OCI_INDEX, assertInstanceOf(ImageIndex.class, Manifests.parse(index, null)).mediaType());
        assertEquals(MediaTypes.OCI_MANIFEST, assertInstanceOf(ImageManifest.class, Manifests.parse(oci, "text/plain")).mediaType());
        assertEquals(MediaTypes.DOCKER_MANIFEST_V2, Manifests.parse(docker, null).mediaType());
    }

    @Test
    void bodyMediaTypeWinsWhenContentTypeDisagrees() throws Exception {
        Manifest m = Manifests.parse(bytes("docker-manifest-list.json"), MediaTypes.OCI_MANIFEST);
        assertInstanceOf(ImageIndex.class, m);
        assertEquals(MediaTypes.DOCKER_MANIFEST_LIST, m.mediaType());
    }

    @Test
    void shapeWinsWhenContentTypeContradictsABodyWithoutMediaType() throws Exception {
        byte[] index = Fixtures.utf8("""
                {"schemaVersion": 2, "manifests": [{"digest": "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "size": 1}]}""");
        assertInstanceOf(ImageIndex.class, Manifests.parse(index, MediaTypes.DOCKER_MANIFEST_V2));
        // An old registry labelling everything as schema 1.
        assertInstanceOf(ImageManifest.class, Manifests.parse(bytes("docker-manifest-v2.json"), MediaTypes.DOCKER_SCHEMA1_SIGNED));
    }

    @Test
    void shapeWinsEvenWhenContentTypeAndBodyMediaTypeAgreeOnAnotherKind() throws Exception {
        byte[] index = Fixtures.utf8("""
                {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                 "manifests": [{"digest": "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "size": 1}]}""");

        Manifest m = Manifests.parse(index, MediaTypes.OCI_MANIFEST);

        assertEquals(MediaTypes.OCI_INDEX, assertInstanceOf(ImageIndex.class, m).mediaType());
    }

    /**
     * A body's mediaType is held to its shape whatever the Content-Type, and the type a manifest is read as,
     * given back as its Content-Type (as the cache gives it), reads it as that type again.
     */
    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"application/json", MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_SCHEMA1, MediaTypes.OCI_INDEX})
    void aShapeThatContradictsTheBodyMediaTypeWinsWhateverTheContentTypeAndTheTypeReadAsReadsTheSame(String contentType)
            throws Exception {
        byte[] schema1 = Fixtures.utf8("""
                {"schemaVersion": 1, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                 "config": {"digest": "sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc", "size": 2},
                 "history": [{"v1Compatibility": "{\\"os\\": \\"linux\\"}"}]}""");

        Manifest m = Manifests.parse(schema1, contentType);

        assertEquals(MediaTypes.DOCKER_SCHEMA1, assertInstanceOf(Schema1Manifest.class, m).mediaType());
        assertEquals(m, Manifests.parse(schema1, m.mediaType()));
    }

    @Test
    void parsedCollectionsAreNeverNullAndUnmodifiable() throws Exception {
        ImageManifest m = (ImageManifest) Manifests.parse(Fixtures.utf8("""
                {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                 "config": {"digest": "sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc", "size": 2, "annotations": null}, "annotations": null}"""), null);
        assertEquals(List.of(), m.layers());
        assertEquals(Map.of(), m.annotations());
        assertEquals(Map.of(), m.config().annotations());
        assertThrows(UnsupportedOperationException.class,
                () -> ((ImageIndex) Manifests.parse(bytes("oci-index-buildx.json"), null)).manifests().clear());
    }
}

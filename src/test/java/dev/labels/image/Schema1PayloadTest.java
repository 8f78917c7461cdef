package dev.labels.image;

import static dev.labels.image.Fixtures.bytes;
import static dev.labels.image.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.testing.Skopeo;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A signed schema 1 manifest is read from, and digested over, its payload without the signatures, as the
 * registry and skopeo digest it; whether it is signed is decided by its content, not its Content-Type.
 */
class Schema1PayloadTest {

    @Test
    void theContentOfASignedManifestIsItsPayloadAndItsDigestIsSkopeos() throws Exception {
        byte[] signed = bytes("schema1-signed.json");

        ManifestContent content = Manifests.read(signed, MediaTypes.DOCKER_SCHEMA1_SIGNED);

        assertArrayEquals(bytes("schema1.json"), content.content(), "the fixture without its signatures");
        assertEquals(Skopeo.manifestDigest(signed), content.digest());
        assertInstanceOf(Schema1Manifest.class, content.manifest());
    }

    @Test
    void whetherItIsSignedIsDecidedByTheBodyNotTheContentType() throws Exception {
        byte[] signed = bytes("schema1-signed.json");
        byte[] unsigned = bytes("schema1.json");

        assertArrayEquals(unsigned, Manifests.read(signed, MediaTypes.DOCKER_SCHEMA1).content());
        assertArrayEquals(unsigned, Manifests.read(signed, "application/json").content());
        assertArrayEquals(unsigned, Manifests.read(unsigned, MediaTypes.DOCKER_SCHEMA1_SIGNED).content());
        byte[] image = bytes("oci-manifest.json");
        assertArrayEquals(image, Manifests.read(image, MediaTypes.DOCKER_SCHEMA1_SIGNED).content());
    }

    @Test
    void aNullSignaturesMemberIsNoSignature() throws Exception {
        byte[] body = utf8("{\"schemaVersion\": 1, \"history\": [], \"signatures\": null}");
        assertArrayEquals(body, Manifests.read(body, MediaTypes.DOCKER_SCHEMA1_SIGNED).content());
    }

    @Test
    void aManifestAskedForByDigestIsCheckedOverItsContent() throws Exception {
        ManifestContent content = Manifests.read(bytes("schema1-signed.json"), null);

        content.verify(Digests.sha256(bytes("schema1.json")), "manifest");
        assertThrows(DigestMismatchException.class,
                () -> content.verify(Digests.sha256(bytes("schema1-signed.json")), "manifest"));
    }

    /** The protected header of one signature, base64url as libtrust writes it. */
    private static String header(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] signedWith(String signatures) {
        return utf8("{\"schemaVersion\": 1, \"history\": [], \"signatures\": " + signatures + "}");
    }

    @Test
    void thePayloadIsTheFirstFormatLengthBytesThenTheTailEvenNoneOfTheBody() throws Exception {
        byte[] unsigned = utf8("{\"schemaVersion\": 1, \"history\": []}");
        String tail = Base64.getUrlEncoder().withoutPadding().encodeToString(unsigned);
        String signature = "{\"protected\": \"" + header("{\"formatLength\": 0, \"formatTail\": \"" + tail + "\"}") + "\"}";

        assertArrayEquals(unsigned, Manifests.read(signedWith("[" + signature + ", " + signature + "]"),
                MediaTypes.DOCKER_SCHEMA1_SIGNED).content());
    }

    @Test
    void aPayloadAsLongAsTheWholeManifestIsAccepted() throws Exception {
        // The header states the body's length, which depends on the header: write it until the two agree.
        byte[] body = utf8("");
        for (int length = -1; length != body.length; ) {
            length = body.length;
            body = signedWith("[{\"protected\": \"" + header("{\"formatLength\": " + length + ", \"formatTail\": \"\"}")
                    + "\"}]");
        }

        assertArrayEquals(body, Manifests.read(body, MediaTypes.DOCKER_SCHEMA1_SIGNED).content());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "[]",
        "[{\"signature\": \"x\"}]",
        "[{\"protected\": \"not base64url!\"}]",
        "[{\"protected\": \"bm90IGpzb24\"}]",
        "[{\"protected\": \"H1\"}]",
        "[{\"protected\": \"H2\"}]",
        "[{\"protected\": \"H3\"}]",
        "[{\"protected\": \"H4\"}]",
        "[{\"protected\": \"H5\"}]",
        "[{\"protected\": \"H6\"}, {\"protected\": \"H7\"}]",
        "[{\"protected\": \"H6\"}, {\"protected\": \"H8\"}]",
    })
    void signaturesThatDoNotSayWhereThePayloadIsAreRefused(String signatures) {
        String filled = signatures
                .replace("H1", header("{\"formatTail\": \"fQ\"}"))
                .replace("H2", header("{\"formatLength\": -1, \"formatTail\": \"fQ\"}"))
                .replace("H3", header("{\"formatLength\": 1.5, \"formatTail\": \"fQ\"}"))
                .replace("H4", header("{\"formatLength\": 100000, \"formatTail\": \"fQ\"}"))
                .replace("H5", header("{\"formatLength\": 10, \"formatTail\": \"*\"}"))
                .replace("H6", header("{\"formatLength\": 10, \"formatTail\": \"fQ\"}"))
                .replace("H7", header("{\"formatLength\": 11, \"formatTail\": \"fQ\"}"))
                .replace("H8", header("{\"formatLength\": 10, \"formatTail\": \"fSA\"}"));

        MalformedImageException e = assertThrows(MalformedImageException.class,
                () -> Manifests.read(signedWith(filled), MediaTypes.DOCKER_SCHEMA1_SIGNED));

        assertTrue(e.getMessage().startsWith("signed schema 1 manifest: "), e.getMessage());
    }
}

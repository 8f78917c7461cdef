package dev.labels.image;

import static dev.labels.image.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way a manifest body can be unusable yields one clear, one-line MalformedImageException. */
class ManifestsMalformedTest {

    private static String fail(byte[] body, String contentType) {
        MalformedImageException e = assertThrows(MalformedImageException.class, () -> Manifests.parse(body, contentType));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\r\n"})
    void emptyBodyIsReported(String body) {
        assertEquals("manifest is empty", fail(utf8(body), MediaTypes.OCI_MANIFEST));
    }

    @Test
    void nullBodyIsReportedAsEmpty() {
        assertEquals("manifest is empty", fail(null, null));
    }

    @Test
    void htmlErrorPageIsNotJsonAndNotQuoted() {
        String html = "<!DOCTYPE html>\n<html>\n  <head><title>502 Bad Gateway</title></head>\n"
                + "  <body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body>\n</html>\n";
        String message = fail(utf8(html), "text/html");
        assertTrue(message.matches("manifest is not JSON \\(at line 1, column \\d+\\)"), message);
    }

    @Test
    void nonJsonIsNamedByItsPlaceNeverQuoted() {
        String word = fail(utf8("Unauthorized\n"), null);
        assertTrue(word.matches("manifest is not JSON \\(at line 1, column \\d+\\)"), word);
        String secret = fail(utf8("{\"a\": 1,\n \"b\": root:x:0:0:root:/root:/bin/bash}"), null);
        assertTrue(secret.matches("manifest is not JSON \\(at line 2, column \\d+\\)"), secret);
    }

    @Test
    void controlCharactersInTheBodyNeverReachTheMessage() {
        String message = fail(utf8("oops\u0007\u001b[31m \"red\"\ttext"), null);
        assertFalse(message.contains("oops") || message.contains("\u001b"), message);
        assertTrue(message.startsWith("manifest is not JSON (at line 1, column "), message);
    }

    @Test
    void truncatedJsonIsReported() throws Exception {
        byte[] full = Fixtures.bytes("oci-manifest.json");
        String message = fail(Arrays.copyOf(full, full.length / 2), MediaTypes.OCI_MANIFEST);
        assertTrue(message.startsWith("manifest is truncated JSON"), message);
    }

    @Test
    void jsonFollowedByGarbageIsRejected() {
        String message = fail(utf8("{\"schemaVersion\":2,\"manifests\":[]} <html>"), MediaTypes.OCI_INDEX);
        assertTrue(message.startsWith("manifest is not JSON"), message);
    }

    @Test
    void nonObjectJsonIsRejected() {
        assertEquals("manifest is not a JSON object", fail(utf8("[1, 2]"), MediaTypes.OCI_INDEX));
    }

    @Test
    void manifestWithoutConfigIsRejected() {
        String message = fail(utf8("""
                {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json", "layers": []}"""),
                MediaTypes.OCI_MANIFEST);
        assertEquals("image manifest (" + MediaTypes.OCI_MANIFEST + ") has no \"config\" descriptor", message);
    }

    @Test
    void configWithoutDigestIsRejected() {
        String message = fail(utf8("""
                {"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                 "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 7023}}"""), null);
        assertEquals("image manifest (" + MediaTypes.DOCKER_MANIFEST_V2 + ") config has no digest", message);
    }

    @Test
    void indexWithoutManifestsIsRejected() {
        String message = fail(utf8("""
                {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json"}"""), MediaTypes.OCI_INDEX);
        assertEquals("image index (" + MediaTypes.OCI_INDEX + ") has no \"manifests\" array", message);
    }

    @Test
    void indexEntryWithoutDigestIsRejected() {
        String message = fail(utf8("""
                {"schemaVersion": 2, "manifests": [{"digest": "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}, {"size": 3}]}"""), MediaTypes.OCI_INDEX);
        assertEquals("image index entry 1 has no digest", message);
    }

    @Test
    void unknownContentTypeIsUnsupported() {
        String artifact = "application/vnd.oci.artifact.manifest.v1+json";
        String message = fail(utf8("""
                {"mediaType": "application/vnd.oci.artifact.manifest.v1+json", "blobs": []}"""), artifact);
        assertEquals("unsupported manifest media type " + artifact, message);
    }

    @Test
    void unknownBodyMediaTypeIsUnsupported() {
        String message = fail(utf8("""
                {"schemaVersion": 2, "mediaType": "application/vnd.example.thing+json", "config": {}}"""), "application/json");
        assertEquals("unsupported manifest media type application/vnd.example.thing+json", message);
    }

    @Test
    void unrecognisableBodyWithGenericContentTypeIsRejected() {
        String message = fail(utf8("{\"errors\": []}"), "application/json");
        assertTrue(message.startsWith("cannot tell manifest kind"), message);
    }

    @Test
    void anUnrecognisableBodyIsReportedWithTheGenericContentTypeItCameWithIfAny() {
        assertEquals("cannot tell manifest kind: no specific Content-Type (got text/plain), no mediaType field, and "
                + "neither manifests, config nor schema 1 fields", fail(utf8("{}"), "Text/Plain; charset=utf-8"));
        assertEquals("cannot tell manifest kind: no specific Content-Type, no mediaType field, and neither manifests, "
                + "config nor schema 1 fields", fail(utf8("{}"), null));
    }

    @Test
    void wrongFieldTypesAreMalformedNotCrashes() {
        String message = fail(utf8("""
                {"schemaVersion": 2, "manifests": [{"digest": "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "size": "big"}]}"""), MediaTypes.OCI_INDEX);
        assertTrue(message.startsWith("invalid image index: "), message);
    }

    @Test
    void schema1WithNonArrayHistoryOrHistoryWithoutV1CompatibilityIsRejected() {
        assertEquals("schema 1 manifest \"history\" is not an array",
                fail(utf8("{\"schemaVersion\": 1, \"history\": {}}"), MediaTypes.DOCKER_SCHEMA1));
        assertEquals("schema 1 manifest history entry 0 has no v1Compatibility string",
                fail(utf8("{\"schemaVersion\": 1, \"history\": [{\"v1Compatibility\": 5}]}"), null));
    }

    /** Each descriptor a manifest or index holds, with each way its digest breaks the grammar. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "index entry 0  | sha256:x/../../../../x",
        "index entry 0  | sha256:abc",
        "index entry 0  | SHA256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "config         | sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
        "config         | md5:d41d8cd98f00b204e9800998ecf8427e",
        "config         | sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855/x",
        "layer 1        | sha512:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "layer 1        | blake3:af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262",
    })
    void aDescriptorWhoseDigestBreaksTheGrammarIsMalformedAndTheDigestIsNotQuoted(String where, String digest) {
        String good = "sha256:" + "a".repeat(64);
        String descriptor = "{\"mediaType\": \"x\", \"size\": 1, \"digest\": \"" + digest + "\"}";
        String goodDescriptor = "{\"mediaType\": \"x\", \"size\": 1, \"digest\": \"" + good + "\"}";
        String body = where.startsWith("index")
                ? "{\"schemaVersion\": 2, \"manifests\": [" + descriptor + "]}"
                : where.equals("config")
                ? "{\"schemaVersion\": 2, \"config\": " + descriptor + ", \"layers\": []}"
                : "{\"schemaVersion\": 2, \"config\": " + goodDescriptor + ", \"layers\": [" + goodDescriptor
                        + ", " + descriptor + "]}";

        String message = fail(utf8(body), null);

        assertTrue(message.contains(where + ": "), message);
        assertTrue(message.contains("invalid digest") || message.contains("unsupported digest algorithm"), message);
        assertFalse(message.contains(digest), message);
    }

    /**
     * The binding reads a field under any case and the last occurrence wins, as Go does; the digest check must
     * judge that same value, or a second, differently cased "Digest" would slip past it into the model.
     */
    @ParameterizedTest
    @ValueSource(strings = {"index entry 0", "config", "layer 0"})
    void aDigestRepeatedUnderAnotherCaseIsCheckedAsTheBindingReadsIt(String where) {
        String good = "sha256:" + "a".repeat(64);
        String bad = "sha256:x/../../../../x";
        String sneaky = "{\"mediaType\": \"x\", \"size\": 1, \"digest\": \"" + good + "\", \"Digest\": \"" + bad + "\"}";
        String plain = "{\"mediaType\": \"x\", \"size\": 1, \"digest\": \"" + good + "\"}";
        String body = where.startsWith("index")
                ? "{\"schemaVersion\": 2, \"manifests\": [" + sneaky + "]}"
                : where.equals("config")
                ? "{\"schemaVersion\": 2, \"config\": " + sneaky + ", \"layers\": []}"
                : "{\"schemaVersion\": 2, \"config\": " + plain + ", \"Layers\": [" + sneaky + "]}";

        String message = fail(utf8(body), null);

        assertTrue(message.contains("invalid digest"), message);
        assertFalse(message.contains(bad), message);
    }
}

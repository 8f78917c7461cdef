package dev.labels.image;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Base64;

/**
 * The payload of a signed schema 1 manifest: the manifest as it was before it was signed, which is what its
 * digest covers and what it says.
 *
 * <p>A signed schema 1 manifest is libtrust's "pretty signature": the manifest's JSON with a
 * {@code "signatures"} member put in before its closing brace. Each signature's {@code protected} header
 * (base64url JSON) says how to take them out again: {@code formatLength}, how many bytes of the body come
 * before them, and {@code formatTail}, the bytes (base64url) that closed the manifest after that, usually
 * {@code "}"} or {@code "\n}"}. The payload is the first {@code formatLength} bytes followed by the tail.
 * The registry digests the payload (a pinned schema 1 digest is of it, as is its Docker-Content-Digest),
 * docker/distribution reads the manifest from it, and skopeo digests it the same way (containers/image
 * {@code manifest.Digest}, libtrust {@code ParsePrettySignature}); so does labels, and reads nothing else.
 * The signatures themselves are not verified: they are made with throwaway keys and prove nothing.
 *
 * @see <a href="https://github.com/distribution/distribution/blob/release/2.8/docs/spec/manifest-v2-1.md#signed-manifests">manifest-v2-1.md: Signed manifests</a>
 */
final class Schema1Payload {

    private Schema1Payload() {
    }

    /** True when {@code root}, a schema 1 manifest, carries signatures (a JSON null is none, as in Go). */
    static boolean isSigned(JsonNode root) {
        JsonNode signatures = root.get("signatures");
        return signatures != null && !signatures.isNull();
    }

    /**
     * The payload of {@code body}, a signed schema 1 manifest whose parsed form is {@code root}.
     *
     * @throws MalformedImageException when the signatures do not say, or disagree on, where the payload is
     */
    static byte[] of(byte[] body, JsonNode root) throws MalformedImageException {
        JsonNode signatures = root.get("signatures");
        if (!signatures.isArray() || signatures.isEmpty()) {
            throw malformed("\"signatures\" is not a list of signatures");
        }
        Integer length = null;
        byte[] tail = null;
        for (int i = 0; i < signatures.size(); i++) {
            JsonNode header = protectedHeader(signatures.get(i), i);
            JsonNode formatLength = header.get("formatLength");
            String formatTail = ImageJson.text(header, "formatTail");
            if (formatLength == null || !formatLength.canConvertToExactIntegral() || !formatLength.canConvertToInt()
                    || formatLength.asInt() < 0 || formatTail == null) {
                throw malformed("signature " + i + " has no formatLength and formatTail");
            }
            byte[] thisTail = base64Url(formatTail, "the formatTail of signature " + i);
            if (length != null && (length != formatLength.asInt() || !Arrays.equals(tail, thisTail))) {
                throw malformed("its signatures disagree on where the signed payload ends");
            }
            length = formatLength.asInt();
            tail = thisTail;
        }
        if (length > body.length) {
            throw malformed("its signatures give a payload longer than the manifest");
        }
        byte[] payload = Arrays.copyOf(body, length + tail.length);
        System.arraycopy(tail, 0, payload, length, tail.length);
        return payload;
    }

    private static JsonNode protectedHeader(JsonNode signature, int index) throws MalformedImageException {
        String encoded = signature == null ? null : ImageJson.text(signature, "protected");
        if (encoded == null) {
            throw malformed("signature " + index + " has no protected header");
        }
        byte[] header = base64Url(encoded, "the protected header of signature " + index);
        try {
            return ImageJson.readObject(header, "protected header");
        } catch (MalformedImageException e) {
            throw malformed("the protected header of signature " + index + " is not a JSON object");
        }
    }

    private static byte[] base64Url(String text, String what) throws MalformedImageException {
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw malformed(what + " is not base64url");
        }
    }

    private static MalformedImageException malformed(String detail) {
        return new MalformedImageException("signed schema 1 manifest: " + detail);
    }
}

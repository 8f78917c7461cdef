package dev.labels.image;

/**
 * A manifest as read, with the bytes it was read from: the bytes its digest covers. They are the body as
 * received, except for a signed schema 1 manifest, whose digest covers its payload without the signatures
 * (see {@link Schema1Payload}) and which is read from that payload. So checking {@code content} against a
 * digest checks exactly what the manifest says; and {@code content} is what a cache keeps under that digest.
 *
 * @param manifest what the manifest says
 * @param content  the bytes {@code manifest} was read from, which its digest covers
 */
public record ManifestContent(Manifest manifest, byte[] content) {

    /** The manifest's sha256 digest, as the registry computes it. */
    public String digest() {
        return Digests.sha256(content);
    }

    /**
     * Checks that this is the manifest with digest {@code expected}, for a manifest asked for by digest.
     *
     * @param what names the manifest in the error
     */
    public void verify(String expected, String what) throws DigestMismatchException, MalformedImageException {
        Digests.verify(content, expected, what);
    }
}

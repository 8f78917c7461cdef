package dev.labels.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Content digests: computing them and checking fetched content against the digest it was
 * addressed by. Only the algorithms registered by OCI are supported.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests">descriptor.md: Digests</a>
 */
public final class Digests {

    /** OCI: sha256 is 64 lower-case hex characters, sha512 128. */
    private static final Pattern SHA256 = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final Pattern SHA512 = Pattern.compile("sha512:[a-f0-9]{128}");

    private Digests() {
    }

    /** {@code sha256:<hex>} of {@code content}. */
    public static String sha256(byte[] content) {
        return "sha256:" + hex("SHA-256", content);
    }

    /** {@code sha512:<hex>} of {@code content}. */
    public static String sha512(byte[] content) {
        return "sha512:" + hex("SHA-512", content);
    }

    /** True when {@code digest} is a well-formed sha256 or sha512 digest this class can verify. */
    public static boolean isSupported(String digest) {
        return digest != null && (SHA256.matcher(digest).matches() || SHA512.matcher(digest).matches());
    }

    /**
     * Checks that {@code content} hashes to {@code expected}.
     *
     * <p>An unsupported or malformed {@code expected} digest is a checked error, not an
     * unchecked one, because it usually comes from registry data (an index entry or a config
     * descriptor) and must be reported, not crash the tool. OCI also registers blake3, which
     * the JDK cannot compute; such content cannot be verified.
     *
     * @param what names the content in the error, e.g. {@code "manifest nginx:latest"}
     * @throws DigestMismatchException {@code digest mismatch for <what>: expected <e>, got <actual>}
     * @throws MalformedImageException when {@code expected} is not {@link #isSupported supported}
     */
    public static void verify(byte[] content, String expected, String what)
            throws DigestMismatchException, MalformedImageException {
        if (!isSupported(expected)) {
            throw new MalformedImageException("cannot verify " + what + ": unsupported or malformed digest \""
                    + expected + "\" (expected sha256:<64 hex> or sha512:<128 hex>)");
        }
        String actual = expected.startsWith("sha512:") ? sha512(content) : sha256(content);
        if (!actual.equals(expected)) {
            throw new DigestMismatchException(what, expected, actual);
        }
    }

    private static String hex(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every Java platform", e);
        }
    }
}

package dev.labels.image;

import dev.labels.reference.DigestGrammar;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Content digests: computing them and checking fetched content against the digest it was addressed by. What
 * a digest may look like, and so which algorithms are supported, is {@link DigestGrammar}'s to say: the same
 * grammar checks the digests of references, so a digest a user may give is always one that can be checked.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests">descriptor.md: Digests</a>
 */
public final class Digests {

    private Digests() {
    }

    /** {@code sha256:<hex>} of {@code content}. */
    public static String sha256(byte[] content) {
        return of(DigestGrammar.Algorithm.SHA256, content);
    }

    /** {@code sha512:<hex>} of {@code content}. */
    public static String sha512(byte[] content) {
        return of(DigestGrammar.Algorithm.SHA512, content);
    }

    /** {@code <algorithm>:<hex>} of {@code content}. */
    public static String of(DigestGrammar.Algorithm algorithm, byte[] content) {
        try {
            return algorithm.label() + ":"
                    + HexFormat.of().formatHex(MessageDigest.getInstance(algorithm.javaName()).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm.javaName() + " is required of every Java platform", e);
        }
    }

    /** True when {@code digest} is well-formed and of an algorithm this class computes (see {@link DigestGrammar}). */
    public static boolean isSupported(String digest) {
        return DigestGrammar.isValid(digest);
    }

    /**
     * Checks that {@code content} hashes to {@code expected}.
     *
     * <p>An unsupported or malformed {@code expected} digest is a checked error, not an
     * unchecked one, because it usually comes from registry data (an index entry or a config
     * descriptor) and must be reported, not crash the tool. The message says what is wrong with it
     * without quoting it: it may hold anything.
     *
     * @param what names the content in the error, e.g. {@code "manifest nginx:latest"}
     * @throws DigestMismatchException {@code digest mismatch for <what>: expected <e>, got <actual>}
     * @throws MalformedImageException when {@code expected} is not {@link #isSupported supported}
     */
    public static void verify(byte[] content, String expected, String what)
            throws DigestMismatchException, MalformedImageException {
        String problem = DigestGrammar.problem(expected);
        if (problem != null) {
            throw new MalformedImageException("cannot verify " + what + ": " + problem);
        }
        String actual = of(DigestGrammar.algorithm(expected), content);
        if (!actual.equals(expected)) {
            throw new DigestMismatchException(what, expected, actual);
        }
    }
}

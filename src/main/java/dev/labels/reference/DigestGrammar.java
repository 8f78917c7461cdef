package dev.labels.reference;

import java.util.regex.Pattern;

/**
 * The one digest grammar of labels: what a digest must be before it is used for anything, whether it comes
 * from the user (a reference), a manifest or index, a layout's index.json, the cache or a registry header.
 * A digest this accepts is safe to put in a URL path, a file name or the output; one it refuses is never used.
 *
 * <p>Shape: OCI image-spec descriptor.md, "Digests":
 * {@code algorithm := [a-z0-9]+ ([+._-] [a-z0-9]+)*}, {@code encoded := [a-zA-Z0-9=_-]+}.
 * Then, as go-digest does for the algorithms it registers (and so Docker, containerd and skopeo), the encoded
 * part must be lower-case hex of the algorithm's exact length. The algorithms are go-digest's: sha256, sha384
 * and sha512, all of which the JDK computes. Other well-formed algorithms (blake3, which OCI also registers)
 * are reported as unsupported, so the user learns the digest is understood but cannot be checked, rather
 * than that it is garbage.
 */
public final class DigestGrammar {

    /** The algorithms labels can compute, so check content against. */
    public enum Algorithm {
        SHA256("sha256", "SHA-256", 64),
        SHA384("sha384", "SHA-384", 96),
        SHA512("sha512", "SHA-512", 128);

        private final String label;
        private final String javaName;
        private final int hexLength;

        Algorithm(String label, String javaName, int hexLength) {
            this.label = label;
            this.javaName = javaName;
            this.hexLength = hexLength;
        }

        /** The name in a digest: {@code sha256}. */
        public String label() {
            return label;
        }

        /** The name {@link java.security.MessageDigest} knows it by: {@code SHA-256}. */
        public String javaName() {
            return javaName;
        }

        /** How many hex characters its digests have. */
        public int hexLength() {
            return hexLength;
        }

        static Algorithm of(String label) {
            for (Algorithm algorithm : values()) {
                if (algorithm.label.equals(label)) {
                    return algorithm;
                }
            }
            return null;
        }
    }

    private static final String SUPPORTED = "sha256, sha384, sha512";

    /** Far above the longest supported digest (sha512: 135); bounds the work the pattern does. */
    private static final int MAX_LENGTH = 256;

    private static final Pattern SHAPE =
            Pattern.compile("([a-z0-9]+(?:[+._-][a-z0-9]+)*):([a-zA-Z0-9=_-]+)");

    private static final Pattern LOWER_HEX = Pattern.compile("[a-f0-9]+");

    private DigestGrammar() {
    }

    /** True when {@code digest} is a well-formed digest of a supported algorithm. */
    public static boolean isValid(String digest) {
        return problem(digest) == null;
    }

    /**
     * Why {@code digest} is not one labels can use, or null when it is. The reason never quotes the digest
     * (it may hold anything); it names the algorithm only once that is known to be plain {@code [a-z0-9+._-]}.
     */
    public static String problem(String digest) {
        if (digest == null || digest.isEmpty()) {
            return "invalid digest: empty";
        }
        if (digest.length() > MAX_LENGTH) {
            return "invalid digest: longer than " + MAX_LENGTH + " characters (" + digest.length() + ")";
        }
        var shape = SHAPE.matcher(digest);
        if (!shape.matches()) {
            return "invalid digest: expected <algorithm>:<hex>, e.g. sha256:<64 hex characters>";
        }
        Algorithm algorithm = Algorithm.of(shape.group(1));
        if (algorithm == null) {
            return "unsupported digest algorithm \"" + shape.group(1) + "\" (supported: " + SUPPORTED + ")";
        }
        String encoded = shape.group(2);
        if (encoded.length() != algorithm.hexLength() || !LOWER_HEX.matcher(encoded).matches()) {
            return "invalid digest: " + algorithm.label() + " needs exactly " + algorithm.hexLength()
                    + " lowercase hex characters (got " + (encoded.length() != algorithm.hexLength()
                            ? encoded.length() + " characters)" : "others than 0-9 and a-f)");
        }
        return null;
    }

    /**
     * The algorithm of a digest {@link #isValid} accepts.
     *
     * @throws IllegalArgumentException for any other digest: checking comes first
     */
    public static Algorithm algorithm(String digest) {
        String problem = problem(digest);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return Algorithm.of(digest.substring(0, digest.indexOf(':')));
    }
}

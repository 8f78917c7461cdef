package dev.labels.reference;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates a digest {@code algorithm:encoded}.
 *
 * <p>Shape: OCI image-spec descriptor.md, "Digests":
 * {@code algorithm := [a-z0-9]+ ([+._-] [a-z0-9]+)*}, {@code encoded := [a-zA-Z0-9=_-]+}.
 * Then, as go-digest does for the algorithms it registers, the encoded part must be lowercase hex
 * of the algorithm's exact length. Other well-formed algorithms are reported as unsupported, so
 * the user learns the digest is understood but cannot be used, rather than that it is garbage.
 */
final class Digests {

    /** Supported algorithms and the number of hex characters each needs (go-digest's set). */
    private static final Map<String, Integer> HEX_LENGTHS = Map.of("sha256", 64, "sha384", 96, "sha512", 128);

    private static final String SUPPORTED = "sha256, sha384, sha512";

    /** Far above the longest supported digest (sha512: 135); bounds the work the pattern does. */
    private static final int MAX_LENGTH = 256;

    private static final Pattern SHAPE =
            Pattern.compile("([a-z0-9]+(?:[+._-][a-z0-9]+)*):([a-zA-Z0-9=_-]+)");

    private static final Pattern LOWER_HEX = Pattern.compile("[a-f0-9]+");

    private Digests() {
    }

    static void check(String input, String digest) throws InvalidReferenceException {
        if (digest.length() > MAX_LENGTH) {
            throw new InvalidReferenceException(input,
                    "invalid digest: longer than " + MAX_LENGTH + " characters (" + digest.length() + ")");
        }
        var shape = SHAPE.matcher(digest);
        if (!shape.matches()) {
            throw new InvalidReferenceException(input,
                    "invalid digest: expected <algorithm>:<hex>, e.g. sha256:<64 hex characters>");
        }
        String algorithm = shape.group(1);
        String encoded = shape.group(2);
        Integer hexLength = HEX_LENGTHS.get(algorithm);
        if (hexLength == null) {
            throw new InvalidReferenceException(input,
                    "unsupported digest algorithm \"" + algorithm + "\" (supported: " + SUPPORTED + ")");
        }
        if (encoded.length() != hexLength || !LOWER_HEX.matcher(encoded).matches()) {
            throw new InvalidReferenceException(input, "invalid digest: " + algorithm + " needs exactly "
                    + hexLength + " lowercase hex characters (got " + encoded.length() + " characters)");
        }
    }
}

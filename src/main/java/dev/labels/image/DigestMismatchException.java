package dev.labels.image;

/**
 * Content fetched from a registry does not hash to the digest it was requested by.
 * Digests are the only integrity guarantee of the distribution protocol, so this is fatal.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests">descriptor.md: Digests</a>
 */
public final class DigestMismatchException extends ImageException {

    private final String expected;
    private final String actual;

    public DigestMismatchException(String what, String expected, String actual) {
        super("digest mismatch for " + what + ": expected " + expected + ", got " + actual);
        this.expected = expected;
        this.actual = actual;
    }

    /** The digest the content was supposed to have. */
    public String expected() {
        return expected;
    }

    /** The digest the content actually has (same algorithm as {@link #expected()}). */
    public String actual() {
        return actual;
    }
}

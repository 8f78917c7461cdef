package dev.labels.registry;

/**
 * Every failure to read an image from a registry, as data: what kind of failure it is (which decides the
 * exit code and whether a batch record says NOT_FOUND or NETWORK), the operation and the image it concerns,
 * and the registry's own error code when it sent one.
 *
 * <p>The message always reads "OPERATION of TARGET: DETAIL", e.g.
 * {@code reading manifest of docker.io/library/x:1: MANIFEST_UNKNOWN: manifest unknown}.
 */
public final class RegistryException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The classes of failure a caller can act on differently. */
    public enum Kind {
        /** The repository, tag, digest or platform does not exist (or is hidden from an anonymous user). */
        NOT_FOUND,
        /** Authentication failed, or the credentials do not grant access. */
        UNAUTHORIZED,
        /** The registry asked us to slow down (429, Docker Hub's TOOMANYREQUESTS). */
        RATE_LIMITED,
        /** The reference names an artifact that is not an image: a Helm chart, an SBOM, a signature. */
        NOT_AN_IMAGE,
        /** The registry answered, but not with something we can use (5xx, malformed JSON, digest mismatch). */
        REGISTRY_ERROR,
        /** No usable answer at all: DNS, refused connection, TLS failure, timeout, truncated body. */
        NETWORK
    }

    private final Kind kind;
    private final String operation;
    private final String target;
    private final int httpStatus;
    private final String detail;

    public RegistryException(Kind kind, String operation, String target, String detail, int httpStatus, Throwable cause) {
        super(operation + " of " + target + ": " + detail, cause);
        this.kind = kind;
        this.operation = operation;
        this.target = target;
        this.httpStatus = httpStatus;
        this.detail = detail;
    }

    public RegistryException(Kind kind, String operation, String target, String detail) {
        this(kind, operation, target, detail, 0, null);
    }

    public Kind kind() {
        return kind;
    }

    public String operation() {
        return operation;
    }

    public String target() {
        return target;
    }

    /** What went wrong, without the operation and target. */
    public String detail() {
        return detail;
    }

    /** The HTTP status that caused this, or 0 when no HTTP answer was involved. */
    public int httpStatus() {
        return httpStatus;
    }
}

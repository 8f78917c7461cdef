package dev.labels.registry.transport;

import dev.labels.error.LabelsException;

/**
 * Every failure to read an image from a registry, as data: what kind of failure it is (NOT_FOUND, UNAUTHORIZED,
 * RATE_LIMITED, NOT_AN_IMAGE, REGISTRY_ERROR or NETWORK, which decides the exit code and the batch record's code),
 * the operation and the image it concerns, and the registry's own error code when it sent one.
 *
 * <p>The message always reads "OPERATION of TARGET: DETAIL", e.g.
 * {@code reading manifest of docker.io/library/x:1: MANIFEST_UNKNOWN: manifest unknown}.
 */
public final class RegistryException extends LabelsException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final String detail;

    public RegistryException(Kind kind, String operation, String target, String detail, int httpStatus, Throwable cause) {
        super(kind, operation + " of " + target + ": " + detail, cause);
        this.httpStatus = httpStatus;
        this.detail = detail;
    }

    public RegistryException(Kind kind, String operation, String target, String detail) {
        this(kind, operation, target, detail, 0, null);
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

package dev.labels.cli;

import dev.labels.archive.ArchiveException;
import dev.labels.image.InvalidPlatformException;
import dev.labels.labels.FormatException;
import dev.labels.reference.InvalidReferenceException;
import dev.labels.registry.RegistryException;
import picocli.CommandLine;

/** The exit codes of {@code labels}, and the one place that decides which failure gets which. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** Anything else: network failure, malformed registry answer, digest mismatch, internal error. */
    public static final int ERROR = 1;
    /** Bad command line: unknown option, invalid reference, platform or mirror. */
    public static final int USAGE = 2;
    /** The repository, tag, digest or platform does not exist (or is hidden from anonymous users). */
    public static final int NOT_FOUND = 3;
    /** Authentication or authorization failed. */
    public static final int UNAUTHORIZED = 4;
    /** The registry rate-limited us. */
    public static final int RATE_LIMITED = 5;
    /** A required label is missing or has another value (--require), or the label of --get is missing. */
    public static final int LABEL_MISSING = 6;
    /** {@code labels diff}: the selected labels of the two images differ. Not an error. */
    public static final int DIFFERENT = 7;
    /** The reference names an artifact that is not an image (a Helm chart, an SBOM, a signature): no labels. */
    public static final int NOT_AN_IMAGE = 8;

    private ExitCodes() {
    }

    /**
     * The code a batch record carries for a failure: NOT_FOUND, UNAUTHORIZED, RATE_LIMITED, NOT_AN_IMAGE,
     * INVALID_REFERENCE, LABEL_MISSING, REGISTRY_ERROR or NETWORK. Stable names for scripts, decided here next to
     * the exit codes.
     */
    public static String errorCode(Throwable error) {
        if (error instanceof InvalidReferenceException) {
            return "INVALID_REFERENCE";
        }
        if (error instanceof LabelCheckException) {
            return "LABEL_MISSING";
        }
        if (error instanceof RegistryException registry) {
            return registry.kind().name();
        }
        if (error instanceof ArchiveException archive) {
            return switch (archive.kind()) {
                case NOT_FOUND -> RegistryException.Kind.NOT_FOUND.name();
                case NOT_AN_IMAGE -> RegistryException.Kind.NOT_AN_IMAGE.name();
                case INVALID -> RegistryException.Kind.REGISTRY_ERROR.name();
            };
        }
        return RegistryException.Kind.REGISTRY_ERROR.name();
    }

    /** The one-line message of a failure; unexpected errors (bugs) say so. */
    public static String message(Throwable error) {
        String message = error.getMessage();
        if (error instanceof RegistryException || error instanceof ArchiveException
                || error instanceof InvalidReferenceException
                || error instanceof InvalidPlatformException || error instanceof UsageException
                || error instanceof CommandLine.ParameterException || error instanceof FormatException
                || error instanceof LabelCheckException) {
            return message;
        }
        return "internal error: " + error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    public static int of(Throwable error) {
        if (error instanceof InvalidReferenceException || error instanceof InvalidPlatformException
                || error instanceof CommandLine.ParameterException || error instanceof UsageException
                || error instanceof FormatException) {
            // A format that cannot carry the selected labels: the user narrows the selection or picks another.
            return USAGE;
        }
        if (error instanceof LabelCheckException) {
            return LABEL_MISSING;
        }
        if (error instanceof RegistryException registry) {
            return switch (registry.kind()) {
                case NOT_FOUND -> NOT_FOUND;
                case UNAUTHORIZED -> UNAUTHORIZED;
                case RATE_LIMITED -> RATE_LIMITED;
                case NOT_AN_IMAGE -> NOT_AN_IMAGE;
                case REGISTRY_ERROR, NETWORK -> ERROR;
            };
        }
        if (error instanceof ArchiveException archive) {
            return switch (archive.kind()) {
                case NOT_FOUND -> NOT_FOUND;
                case NOT_AN_IMAGE -> NOT_AN_IMAGE;
                case INVALID -> ERROR;
            };
        }
        return ERROR;
    }
}

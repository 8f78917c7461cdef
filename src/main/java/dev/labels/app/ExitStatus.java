package dev.labels.app;

import dev.labels.error.LabelsException;
import dev.labels.error.LabelsException.Kind;

/**
 * The exit codes of {@code labels}, and the one table from a kind of failure to its exit code and the code a
 * batch record carries. The command line's ExitCodes adds what only it knows: its parser's own rejections.
 */
public final class ExitStatus {
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

    private ExitStatus() {
    }

    /** What a failure means on the command line: the exit code, and the code a batch record carries for it. */
    public record Meaning(int exitCode, String recordCode) {
    }

    /**
     * The one mapping from kinds of failure to exit codes and record codes. Record codes are stable names for
     * scripts: NOT_FOUND, UNAUTHORIZED, RATE_LIMITED, NOT_AN_IMAGE, INVALID_REFERENCE, REGISTRY_ERROR and NETWORK
     * are those a failed record can carry. The others are never a record's: usage and format errors end the run
     * before any, and an unmet --require shows in its record as "missing".
     */
    public static Meaning meaning(Kind kind) {
        return switch (kind) {
            case USAGE -> new Meaning(USAGE, "USAGE");
            case INVALID_REFERENCE -> new Meaning(USAGE, "INVALID_REFERENCE");
            // A format that cannot carry the selected labels: the user narrows the selection or picks another.
            case FORMAT -> new Meaning(USAGE, "FORMAT");
            case NOT_FOUND -> new Meaning(NOT_FOUND, "NOT_FOUND");
            case UNAUTHORIZED -> new Meaning(UNAUTHORIZED, "UNAUTHORIZED");
            case RATE_LIMITED -> new Meaning(RATE_LIMITED, "RATE_LIMITED");
            case NOT_AN_IMAGE -> new Meaning(NOT_AN_IMAGE, "NOT_AN_IMAGE");
            case LABEL_MISSING -> new Meaning(LABEL_MISSING, "LABEL_MISSING");
            case REGISTRY_ERROR -> new Meaning(ERROR, "REGISTRY_ERROR");
            case NETWORK -> new Meaning(ERROR, "NETWORK");
            // Records keep one code for "the source sent something unusable", a registry or a file.
            case INVALID_FILE -> new Meaning(ERROR, "REGISTRY_ERROR");
            // A bug: its record keeps the code such records have always had; its message says "internal error".
            case INTERNAL -> new Meaning(ERROR, "REGISTRY_ERROR");
        };
    }

    /** The kind of a failure met while reading images: a {@link LabelsException}'s own; INTERNAL (a bug) for any other. */
    public static Kind kindOf(Throwable error) {
        return error instanceof LabelsException known ? known.kind() : Kind.INTERNAL;
    }

    /** The one-line message of a failure of the given kind; unexpected errors (bugs) say so, with their type. */
    public static String message(Throwable error, Kind kind) {
        String message = error.getMessage();
        if (kind != Kind.INTERNAL) {
            return message;
        }
        return "internal error: " + error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}

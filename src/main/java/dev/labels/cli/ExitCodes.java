package dev.labels.cli;

import dev.labels.app.ExitStatus;
import dev.labels.error.LabelsException;
import dev.labels.error.LabelsException.Kind;
import picocli.CommandLine;

/**
 * The exit codes of {@code labels}, and the one place that decides which failure gets which: the table is
 * {@link ExitStatus}'s, and this adds what only the command line knows, picocli's rejection of it.
 */
public final class ExitCodes {
    public static final int OK = ExitStatus.OK;
    public static final int ERROR = ExitStatus.ERROR;
    public static final int USAGE = ExitStatus.USAGE;
    public static final int NOT_FOUND = ExitStatus.NOT_FOUND;
    public static final int UNAUTHORIZED = ExitStatus.UNAUTHORIZED;
    public static final int RATE_LIMITED = ExitStatus.RATE_LIMITED;
    public static final int LABEL_MISSING = ExitStatus.LABEL_MISSING;
    public static final int DIFFERENT = ExitStatus.DIFFERENT;
    public static final int NOT_AN_IMAGE = ExitStatus.NOT_AN_IMAGE;

    private ExitCodes() {
    }

    static ExitStatus.Meaning meaning(Kind kind) {
        return ExitStatus.meaning(kind);
    }

    /**
     * The kind of any failure: a {@link LabelsException}'s own; USAGE for picocli's rejection of the command line;
     * INTERNAL for everything else, which is a bug.
     */
    static Kind kindOf(Throwable error) {
        if (error instanceof CommandLine.ParameterException) {
            return Kind.USAGE;
        }
        return ExitStatus.kindOf(error);
    }

    public static int of(Throwable error) {
        return meaning(kindOf(error)).exitCode();
    }

    /** The one-line message of a failure; unexpected errors (bugs) say so, with their type. */
    public static String message(Throwable error) {
        return ExitStatus.message(error, kindOf(error));
    }
}

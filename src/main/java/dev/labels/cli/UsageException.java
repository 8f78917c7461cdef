package dev.labels.cli;

import dev.labels.error.LabelsException;

/** A combination of options that cannot work together, found after picocli parsed them. Exit code 2. */
final class UsageException extends LabelsException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(Kind.USAGE, message);
    }
}

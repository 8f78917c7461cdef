package dev.labels.cli;

/** A combination of options that cannot work together, found after picocli parsed them. Exit code 2. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}

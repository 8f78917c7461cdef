package dev.labels.cli;

/** An image lacks a label the user relies on: a --require not met, or the key of --get absent. Exit code 6. */
final class LabelCheckException extends Exception {
    private static final long serialVersionUID = 1L;

    LabelCheckException(String message) {
        super(message);
    }
}

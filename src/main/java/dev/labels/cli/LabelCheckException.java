package dev.labels.cli;

import dev.labels.error.LabelsException;

/** An image lacks a label the user relies on: a --require not met, or the key of --get absent. Exit code 6. */
final class LabelCheckException extends LabelsException {
    private static final long serialVersionUID = 1L;

    LabelCheckException(String message) {
        super(Kind.LABEL_MISSING, message);
    }
}

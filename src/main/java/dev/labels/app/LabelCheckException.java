package dev.labels.app;

import dev.labels.error.LabelsException;

/** An image lacks a label the user relies on: a --require not met, or the key of --get absent. Exit code 6. */
public final class LabelCheckException extends LabelsException {
    private static final long serialVersionUID = 1L;

    public LabelCheckException(String message) {
        super(Kind.LABEL_MISSING, message);
    }
}

package dev.labels.output;

import dev.labels.error.LabelsException;

/**
 * The selected labels cannot be written in the chosen format without losing one: two keys that become the
 * same shell name, or a value a shell variable cannot hold. Never resolved silently, since a pipeline would
 * deploy with the wrong value; the user narrows the selection instead.
 */
public final class FormatException extends LabelsException {
    private static final long serialVersionUID = 1L;

    public FormatException(String message) {
        super(Kind.FORMAT, message);
    }
}

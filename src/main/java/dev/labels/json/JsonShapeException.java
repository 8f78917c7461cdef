package dev.labels.json;

/** A JSON value is not of the type its field must have; the message names the field and what was found. */
public final class JsonShapeException extends Exception {
    private static final long serialVersionUID = 1L;

    JsonShapeException(String message) {
        super(message);
    }
}

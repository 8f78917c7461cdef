package dev.labels.image;

/**
 * A manifest, index or config the registry sent cannot be understood: empty, not JSON,
 * truncated, missing a required field, or of a media type this tool does not handle.
 */
public final class MalformedImageException extends ImageException {

    public MalformedImageException(String message) {
        super(message);
    }

    public MalformedImageException(String message, Throwable cause) {
        super(message, cause);
    }
}

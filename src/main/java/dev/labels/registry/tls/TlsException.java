package dev.labels.registry.tls;

/** TLS material cannot be used: a missing or malformed certificate or key file. The message names the file. */
public final class TlsException extends Exception {
    private static final long serialVersionUID = 1L;

    public TlsException(String message) {
        super(message);
    }

    public TlsException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.labels.registry.auth;

/** Credentials exist somewhere but cannot be read: a malformed config file, an unreadable auth entry. */
public final class CredentialException extends Exception {
    private static final long serialVersionUID = 1L;

    public CredentialException(String message) {
        super(message);
    }

    public CredentialException(String message, Throwable cause) {
        super(message, cause);
    }
}

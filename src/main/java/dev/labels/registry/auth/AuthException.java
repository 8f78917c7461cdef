package dev.labels.registry.auth;

import dev.labels.text.UrlRedaction;
import java.io.IOException;

/**
 * Authentication could not be completed: the token service refused or failed, or the user's credentials
 * could not be read. The registry client adds the operation and image to the message and decides the exit code.
 */
public final class AuthException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why, as far as the caller needs to know to classify the failure. */
    public enum Reason { REFUSED, RATE_LIMITED, NETWORK, MALFORMED, CREDENTIALS, UNSAFE }

    private final Reason reason;

    AuthException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static AuthException refused(String host, int status, Credentials credentials) {
        if (status == 429) {
            return new AuthException(Reason.RATE_LIMITED, "token service " + host + " answered 429 Too Many Requests", null);
        }
        String who = credentials == null ? "anonymous access" : "the credentials from " + credentials.source();
        Reason reason = status == 401 || status == 403 ? Reason.REFUSED : Reason.MALFORMED;
        return new AuthException(reason, "token service " + host + " refused " + who + " (HTTP " + status + ")", null);
    }

    static AuthException network(String host, IOException cause) {
        return new AuthException(Reason.NETWORK, "cannot reach token service " + host + ": " + cause.getMessage(), cause);
    }

    static AuthException badRealm(String realm) {
        return new AuthException(Reason.MALFORMED,
                "the registry's token realm " + (realm == null ? "is missing" : "\"" + UrlRedaction.redact(realm) + "\" is not an http(s) URL"), null);
    }

    static AuthException malformed(String host, String detail) {
        return new AuthException(Reason.MALFORMED, "token service " + host + ": " + detail, null);
    }

    static AuthException unusableForBasic(String registry, Credentials credentials) {
        String what = credentials.kind() == Credentials.Kind.IDENTITY_TOKEN ? "an identity token" : "a registry token";
        return new AuthException(Reason.CREDENTIALS, registry + " asks for Basic authentication, but the credentials from "
                + credentials.source() + " are " + what + ", which only token authentication can use", null);
    }

    static AuthException plainHttpRealm(String registry, String realmHost) {
        return new AuthException(Reason.UNSAFE, "the registry " + registry + " sends us to a plain-HTTP token service "
                + realmHost + "; refusing to fetch a token without TLS (use --insecure to allow it)", null);
    }

    /** Credentials that would cross the network in clear: not sent, whatever the registry says. */
    static AuthException plainHttp(String host, Credentials credentials, String to) {
        return new AuthException(Reason.UNSAFE, "not sending the credentials for " + host + " from "
                + credentials.source() + " over plain HTTP to " + to + ": credentials go over plain HTTP only to this "
                + "machine, or with --insecure (or \"insecure\": true for " + host + " in the config file)", null);
    }

    static AuthException credentials(CredentialException cause) {
        return new AuthException(Reason.CREDENTIALS, cause.getMessage(), cause);
    }
}

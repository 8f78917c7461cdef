package dev.labels.registry.auth;

import okhttp3.HttpUrl;

/**
 * A registry endpoint as the authorizer sees it: where its requests go now, whose credentials they may carry,
 * and what the user allowed there. The transport's endpoints are the implementation.
 */
public interface AuthTarget {

    /** The endpoint's base URL as it is reached now (HTTPS, or plain HTTP after a fallback). */
    HttpUrl base();

    /** {@code host:port}, the key of what the authorizer learns about the endpoint. */
    default String authority() {
        return base().host() + ":" + base().port();
    }

    /** The host credentials are looked up by: the registry of the reference, or the mirror's host[:port]. */
    String credentialKey();

    /**
     * Whether the endpoint is the registry named in the reference (itself, or a mirror on its own host and
     * port): only then may it get the credentials given for that registry on the command line.
     */
    boolean namedInReference();

    /**
     * Whether an HTTPS endpoint may send us to a plain-HTTP token service: only where plain HTTP was allowed for
     * it ({@code --insecure}, the config file's {@code insecure}, a registry on this machine).
     */
    boolean allowsPlainHttpRealm();

    /**
     * Whether credentials, and tokens fetched with them, may be sent to {@code url}: over HTTPS, to this
     * machine, or where the user allowed plain HTTP for the endpoint ({@code --insecure}, {@code insecure}).
     */
    boolean maySendSecretsTo(HttpUrl url);
}

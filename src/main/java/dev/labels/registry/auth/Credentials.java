package dev.labels.registry.auth;

import java.nio.charset.StandardCharsets;

/**
 * What a user has for a registry, and where it came from. The secret never appears in {@link #toString()}:
 * messages say "credentials for ghcr.io from --creds", never the value.
 *
 * <p>The three kinds are those of Docker's {@code AuthConfig}: a password (or a personal access token used as
 * one), an OAuth2 refresh token ({@code identitytoken}, what {@code docker login} stores for registries that
 * hand one out, e.g. Azure ACR), and a ready-made registry token ({@code registrytoken}) sent as is.
 *
 * @param kind     how the secret is used
 * @param username the account; may be empty for tokens
 * @param secret   the password, refresh token or registry token
 * @param source   where these came from, for messages: "--creds", "/home/u/.docker/config.json",
 *                 "docker-credential-pass (credsStore in /home/u/.docker/config.json)"
 */
public record Credentials(Kind kind, String username, String secret, String source) {

    /** How the secret is presented to a registry or its token service. */
    public enum Kind {
        /** Basic to the registry, or Basic to the token service (Docker token spec, GET). */
        PASSWORD,
        /** An OAuth2 refresh token, exchanged at the token service with grant_type=refresh_token (POST). */
        IDENTITY_TOKEN,
        /** A Bearer token for the registry itself: no token service involved. */
        REGISTRY_TOKEN
    }

    /** Username and password, the common case. */
    public Credentials(String username, String password, String source) {
        this(Kind.PASSWORD, username, password, source);
    }

    public static Credentials identityToken(String username, String token, String source) {
        return new Credentials(Kind.IDENTITY_TOKEN, username, token, source);
    }

    public static Credentials registryToken(String token, String source) {
        return new Credentials(Kind.REGISTRY_TOKEN, "", token, source);
    }

    /** The value of an {@code Authorization: Basic} header for these credentials (RFC 7617, UTF-8). */
    public String basicAuthorization() {
        if (kind != Kind.PASSWORD) {
            throw new IllegalStateException(kind + " credentials cannot be sent as Basic authentication");
        }
        return okhttp3.Credentials.basic(username, secret, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Credentials[kind=" + kind + ", username=" + username + ", secret=<redacted>, source=" + source + "]";
    }
}

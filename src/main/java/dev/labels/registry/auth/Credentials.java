package dev.labels.registry.auth;

import java.nio.charset.StandardCharsets;

/**
 * A username and a secret, and where they came from. The secret never appears in {@link #toString()}:
 * messages say "credentials for ghcr.io from --creds", never the value.
 *
 * @param source where these came from, for messages: "--creds", "/home/u/.docker/config.json", ...
 */
public record Credentials(String username, String password, String source) {

    /** The value of an {@code Authorization: Basic} header for these credentials (RFC 7617, UTF-8). */
    public String basicAuthorization() {
        return okhttp3.Credentials.basic(username, password, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=<redacted>, source=" + source + "]";
    }
}

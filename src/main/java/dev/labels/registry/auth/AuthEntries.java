package dev.labels.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Decodes one entry of an {@code auths} section, the format Docker's config.json and containers' auth.json
 * share: {@code auth} (base64 of {@code user:password}), or {@code username} and {@code password}, and
 * optionally {@code identitytoken} (an OAuth2 refresh token; {@code docker login} then stores
 * {@code auth} as base64 of {@code user:} with no password) or {@code registrytoken} (a Bearer token for the
 * registry). Error messages name the file and the key, never a value.
 */
final class AuthEntries {

    private AuthEntries() {
    }

    /** The credentials of an entry, or empty when it holds none (docker leaves {@code {}} behind a credsStore). */
    static Optional<Credentials> decode(String key, JsonNode entry, String source) throws CredentialException {
        if (!entry.isObject()) {
            throw new CredentialException("cannot read " + source + ": the entry for " + key + " is not an object");
        }
        String registryToken = text(entry, "registrytoken");
        if (!registryToken.isEmpty()) {
            return Optional.of(Credentials.registryToken(registryToken, source));
        }
        String username = text(entry, "username");
        String password = text(entry, "password");
        String auth = text(entry, "auth");
        if (!auth.isEmpty()) {
            String decoded = decodeAuth(key, auth, source);
            int colon = decoded.indexOf(':');
            username = decoded.substring(0, colon);
            password = decoded.substring(colon + 1);
        }
        String identityToken = text(entry, "identitytoken");
        if (!identityToken.isEmpty()) {
            return Optional.of(Credentials.identityToken(username, identityToken, source));
        }
        if (username.isEmpty() && password.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Credentials(username, password, source));
    }

    private static String decodeAuth(String key, String auth, String source) throws CredentialException {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(auth.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new CredentialException("cannot read " + source + ": \"auth\" of " + key + " is not base64");
        }
        if (decoded.indexOf(':') < 0) {
            throw new CredentialException("cannot read " + source + ": \"auth\" of " + key
                    + " is not base64 of user:password");
        }
        return decoded;
    }

    private static String text(JsonNode entry, String field) {
        JsonNode node = entry.get(field);
        return node != null && node.isTextual() ? node.asText() : "";
    }
}

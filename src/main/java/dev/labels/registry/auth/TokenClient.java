package dev.labels.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labels.registry.http.BoundedBody;
import dev.labels.registry.http.Limits;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Fetches a Bearer token from the token service named in a challenge (Docker registry token spec:
 * {@code GET realm?service=S&scope=repository:NAME:pull}, with Basic credentials when we have some).
 *
 * <p>The realm may live on another host than the registry (Docker Hub: auth.docker.io; GitLab:
 * gitlab.com/jwt/auth): the credentials offered are the registry's, chosen by the registry host.
 */
final class TokenClient {
    /** The spec's default when a token response has no expires_in. */
    static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);
    /** Stop using a token a little early so that it does not expire between our check and the registry's. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(5);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final OkHttpClient http;
    private final Clock clock;

    TokenClient(OkHttpClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    BearerToken fetch(Challenge challenge, String scope, Credentials credentials) throws AuthException {
        HttpUrl realm = realmUrl(challenge);
        HttpUrl.Builder url = realm.newBuilder();
        if (challenge.service() != null) {
            url.addQueryParameter("service", challenge.service());
        }
        url.addQueryParameter("scope", scope);
        Request.Builder request = new Request.Builder().url(url.build()).get();
        if (credentials != null) {
            url.addQueryParameter("account", credentials.username());
            request.url(url.build()).header("Authorization", credentials.basicAuthorization());
        }
        try (Response response = http.newCall(request.build()).execute()) {
            if (!response.isSuccessful()) {
                throw AuthException.refused(realm.host(), response.code(), credentials);
            }
            return parse(response.body(), realm.host());
        } catch (IOException e) {
            throw AuthException.network(realm.host(), e);
        }
    }

    private static HttpUrl realmUrl(Challenge challenge) throws AuthException {
        String realm = challenge.realm();
        HttpUrl url = realm == null ? null : HttpUrl.parse(realm);
        // HttpUrl.parse accepts only http and https: a file:, ftp: or javascript: realm is refused here.
        if (url == null) {
            throw AuthException.badRealm(realm);
        }
        return url;
    }

    private BearerToken parse(ResponseBody body, String host) throws AuthException, IOException {
        JsonNode json;
        try {
            json = MAPPER.readTree(BoundedBody.read(body, Limits.SMALL_BODY_BYTES, "token response"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw AuthException.malformed(host, "token response is not JSON");
        }
        // The spec names the field "token"; OAuth2-minded services (and some proxies) send only "access_token".
        String token = text(json, "token");
        if (token == null) {
            token = text(json, "access_token");
        }
        if (token == null) {
            throw AuthException.malformed(host, "token response has neither \"token\" nor \"access_token\"");
        }
        long seconds = json.path("expires_in").asLong(0);
        Duration lifetime = seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_LIFETIME;
        return new BearerToken(token, clock.instant().plus(lifetime).minus(EXPIRY_MARGIN));
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node != null && node.isTextual() && !node.asText().isEmpty() ? node.asText() : null;
    }
}

package dev.labels.registry.auth;

import dev.labels.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import dev.labels.registry.http.BoundedBody;
import dev.labels.registry.http.Limits;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Fetches a Bearer token from the token service named in a challenge, in one of the two ways of the
 * Docker registry token spec:
 * <ul>
 *   <li>anonymous, or with a password: {@code GET realm?service=S&scope=repository:NAME:pull&account=U} with
 *       Basic credentials ("Token Authentication Specification"). Some registries also take the OAuth2 POST
 *       with {@code grant_type=password} and others refuse it; docker uses GET for passwords, so do we.</li>
 *   <li>with an identity token (an OAuth2 refresh token): {@code POST realm} with the form
 *       {@code grant_type=refresh_token&refresh_token=T&service=S&scope=...&client_id=labels}
 *       ("OAuth2 Token Authentication"); the answer carries {@code access_token}.</li>
 * </ul>
 * The realm may live on another host than the registry (Docker Hub: auth.docker.io; GitLab:
 * gitlab.com/jwt/auth): the credentials offered are the registry's, chosen by the registry host.
 */
final class TokenClient {
    /** The spec's default when a token response has no expires_in. */
    static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);
    /** The spec asks clients to identify themselves in the OAuth2 form. */
    static final String CLIENT_ID = "labels";
    /** Stop using a token a little early so that it does not expire between our check and the registry's. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(5);

    private final Clock clock;

    TokenClient(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param http        the client for the realm (the registry's TLS settings, proxy and pool)
     * @param credentials a password or identity token, or null for anonymous access
     */
    BearerToken fetch(TokenHttp http, Challenge challenge, String scope, Credentials credentials)
            throws AuthException {
        HttpUrl realm = realmUrl(challenge);
        Request request = credentials != null && credentials.kind() == Credentials.Kind.IDENTITY_TOKEN
                ? refreshTokenRequest(realm, challenge, scope, credentials)
                : getRequest(realm, challenge, scope, credentials);
        try (Response response = http.forRealm(realm).newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw AuthException.refused(realm.host(), response.code(), credentials);
            }
            return parse(response.body(), realm.host());
        } catch (IOException e) {
            throw AuthException.network(realm.host(), e);
        }
    }

    private static Request getRequest(HttpUrl realm, Challenge challenge, String scope, Credentials credentials) {
        HttpUrl.Builder url = realm.newBuilder();
        if (challenge.service() != null) {
            url.addQueryParameter("service", challenge.service());
        }
        url.addQueryParameter("scope", scope);
        Request.Builder request = new Request.Builder().get();
        if (credentials != null) {
            url.addQueryParameter("account", credentials.username());
            request.header("Authorization", credentials.basicAuthorization());
        }
        return request.url(url.build()).build();
    }

    private static Request refreshTokenRequest(HttpUrl realm, Challenge challenge, String scope,
                                               Credentials credentials) {
        FormBody.Builder form = new FormBody.Builder()
                .add("grant_type", "refresh_token")
                .add("refresh_token", credentials.secret());
        if (challenge.service() != null) {
            form.add("service", challenge.service());
        }
        form.add("scope", scope).add("client_id", CLIENT_ID);
        return new Request.Builder().url(realm).post(form.build()).build();
    }

    /** The realm of a Bearer challenge as a URL; only http and https parse, so file:, ftp: and the like are refused. */
    static HttpUrl realmUrl(Challenge challenge) throws AuthException {
        String realm = challenge.realm();
        HttpUrl url = realm == null ? null : HttpUrl.parse(realm);
        if (url == null) {
            throw AuthException.badRealm(realm);
        }
        return url;
    }

    private BearerToken parse(ResponseBody body, String host) throws AuthException, IOException {
        JsonNode json;
        try {
            json = Json.parseLeading(BoundedBody.read(body, Limits.SMALL_BODY_BYTES, "token response"));
        } catch (dev.labels.json.JsonSyntaxException e) {
            throw AuthException.malformed(host, "token response is not JSON");
        }
        // The spec names the field "token"; the OAuth2 answer (and some proxies) send only "access_token".
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
        JsonNode node = json == null ? null : json.get(field);
        return node != null && node.isTextual() && !node.asText().isEmpty() ? node.asText() : null;
    }
}

package dev.labels.registry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class ChallengeTest {

    private static Optional<Challenge> select(String... headers) {
        Response.Builder response = new Response.Builder()
                .request(new Request.Builder().url("https://registry.example.com/v2/").build())
                .protocol(Protocol.HTTP_1_1).code(401).message("Unauthorized");
        for (String header : headers) {
            response.addHeader("WWW-Authenticate", header);
        }
        return Challenge.select(response.build());
    }

    @Test
    void bearerChallengeKeepsQuotedValuesWithCommas() {
        Challenge challenge = select("Bearer realm=\"https://auth.example.com/token\",service=\"registry.example.com\","
                + "scope=\"repository:a/b:pull,push\"").orElseThrow();

        assertEquals(Challenge.Scheme.BEARER, challenge.scheme());
        assertEquals("https://auth.example.com/token", challenge.realm());
        assertEquals("registry.example.com", challenge.service());
        assertEquals("repository:a/b:pull,push", challenge.params().get("scope"));
    }

    @Test
    void severalChallengesInOneHeaderPreferBearer() {
        Challenge challenge = select("Basic realm=\"basic, realm\", Bearer realm=\"https://auth.example.com/token\","
                + "service=\"svc\"").orElseThrow();

        assertEquals(Challenge.Scheme.BEARER, challenge.scheme());
        assertEquals("svc", challenge.service());
    }

    @Test
    void challengesInSeveralHeadersAreAllSeen() {
        Challenge challenge = select("Negotiate", "Basic realm=\"Artifactory Realm\"").orElseThrow();

        assertEquals(Challenge.Scheme.BASIC, challenge.scheme());
        assertEquals("Artifactory Realm", challenge.realm());
    }

    @Test
    void parameterNamesAreCaseInsensitive() {
        Challenge challenge = select("bearer Realm=\"https://a.example/t\",SERVICE=\"s\"").orElseThrow();

        assertEquals("https://a.example/t", challenge.realm());
        assertEquals("s", challenge.service());
    }

    @Test
    void unknownSchemesAndBearerWithoutRealmAreNotAnswered() {
        assertTrue(select("Negotiate abc", "Bearer service=\"x\"").isEmpty());
        assertTrue(select().isEmpty());
    }
}

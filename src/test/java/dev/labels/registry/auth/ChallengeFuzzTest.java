package dev.labels.registry.auth;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Optional;
import java.util.Random;
import okhttp3.Headers;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * Property: whatever a registry puts in WWW-Authenticate, challenge selection answers with its documented
 * outcome (no challenge, a Bearer challenge with a realm, or a Basic one) and never throws. Seeded random
 * headers, biased towards the characters the grammar cares about.
 */
class ChallengeFuzzTest {
    private static final long SEED = 6_2026L;
    private static final int CASES = 20_000;
    private static final String[] PIECES = {
        "Bearer", "bearer", "BASIC", "Basic", "Negotiate", "realm", "Realm", "service", "scope", "=", "==", ",", ", ",
        "\"", "\\", "\\\"", " ", "\t", "https://auth.example.com/token", "http://", "file:///", "a", "Z", "0", "é",
        "\u00ff", "token68+/=", ";", ":", "realm=\"\"", "realm=", "=\"x\"", "Bearer realm=\"https://a/t\"",
    };

    private static String randomHeader(Random random) {
        StringBuilder header = new StringBuilder();
        if (random.nextBoolean()) {
            header.append(random.nextBoolean() ? "Bearer " : "Basic ");
        }
        int parts = random.nextInt(12);
        for (int i = 0; i < parts; i++) {
            if (random.nextInt(4) == 0) {
                // Any character at all, printable or not; the header API decides what it lets through.
                header.append((char) random.nextInt(0x300));
            } else {
                header.append(PIECES[random.nextInt(PIECES.length)]);
            }
        }
        return header.toString();
    }

    @Test
    void randomChallengesGiveADocumentedOutcomeAndNeverThrow() {
        Random random = new Random(SEED);
        int selected = 0;
        for (int i = 0; i < CASES; i++) {
            Headers.Builder headers = new Headers.Builder();
            int count = 1 + random.nextInt(3);
            StringBuilder described = new StringBuilder();
            for (int h = 0; h < count; h++) {
                String value = randomHeader(random);
                described.append('[').append(value).append(']');
                try {
                    // What a server may send in practice passes the unsafe builder; control characters do not.
                    headers.addUnsafeNonAscii("WWW-Authenticate", value);
                } catch (IllegalArgumentException e) {
                    described.append("(not sendable)");
                }
            }
            Response response = new Response.Builder()
                    .request(new Request.Builder().url("https://registry.example.com/v2/").build())
                    .protocol(Protocol.HTTP_1_1).code(401).message("Unauthorized")
                    .headers(headers.build())
                    .build();
            Optional<Challenge> challenge;
            try {
                challenge = Challenge.select(response);
            } catch (RuntimeException e) {
                fail("case " + i + " threw for " + described, e);
                return;
            }
            assertNotNull(challenge, described.toString());
            if (challenge.isPresent()) {
                selected++;
                Challenge c = challenge.get();
                assertNotNull(c.scheme(), described.toString());
                assertNotNull(c.params(), described.toString());
                if (c.scheme() == Challenge.Scheme.BEARER) {
                    assertNotNull(c.realm(), "a Bearer challenge always has a realm: " + described);
                }
            }
        }
        assertTrue(selected > CASES / 10, "the generator reaches the interesting cases: " + selected);
    }
}

package dev.labels.registry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.cache.Notes;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One check for every challenge, live or remembered; and what a remembered one may still do: send a kept token
 * back to its registry, or fetch one from a realm on the registry's own host and port, never elsewhere.
 */
class ChallengeCheckTest {

    /** An endpoint as the authorizer sees it; plain HTTP allowed for it or not. */
    private record Target(HttpUrl base, boolean plainHttpAllowed) implements AuthTarget {
        @Override
        public String credentialKey() {
            return base.host() + ":" + base.port();
        }

        @Override
        public boolean namedInReference() {
            return true;
        }

        @Override
        public boolean allowsPlainHttpRealm() {
            return plainHttpAllowed;
        }

        @Override
        public boolean maySendSecretsTo(HttpUrl url) {
            return url.isHttps() || plainHttpAllowed;
        }
    }

    private static Challenge bearer(String realm) {
        return new Challenge(Challenge.Scheme.BEARER, Map.of("realm", realm, "service", "s"));
    }

    @ParameterizedTest
    @CsvSource({
        "https://registry.example.com/, false, https://auth.example.com/token, ",
        "https://registry.example.com/, false, http://auth.example.com/token, plain-HTTP token service auth.example.com",
        "https://registry.example.com/, true,  http://auth.example.com/token, ",
        "http://registry.example.com/,  false, http://auth.example.com/token, ",
        "https://registry.example.com/, true,  ftp://auth.example.com/token, is not an http(s) URL",
        "https://registry.example.com/, true,  /token, is not an http(s) URL",
    })
    void aRealmIsAnHttpUrlNoWeakerThanItsRegistryUnlessPlainHttpIsAllowed(String base, boolean plainHttpAllowed,
                                                                         String realm, String refusal) {
        Target target = new Target(HttpUrl.get(base), plainHttpAllowed);

        if (refusal == null) {
            assertTrue(ChallengeCheck.passes(bearer(realm), target));
        } else {
            AuthException error = assertThrows(AuthException.class, () -> ChallengeCheck.check(bearer(realm), target));
            assertTrue(error.getMessage().contains(refusal), error.getMessage());
        }
    }

    /** Notes in memory, holding one challenge note for {@code authority}, as an earlier run would leave it. */
    private static Notes noteOf(String authority, Challenge challenge) {
        Map<String, String> notes = new HashMap<>();
        Notes memory = new Notes() {
            @Override
            public Optional<String> get(String kind, String key) {
                return Optional.ofNullable(notes.get(kind + " " + key));
            }

            @Override
            public void put(String kind, String key, String value, boolean secret) {
                notes.put(kind + " " + key, value);
            }

            @Override
            public void remove(String kind, String key) {
                notes.remove(kind + " " + key);
            }

            @Override
            public String keyedHash(String secret) {
                return Notes.NONE.keyedHash(secret);
            }
        };
        new RememberedAuth(memory, Clock.systemUTC()).rememberChallenge(authority, challenge);
        return memory;
    }

    /** The realms a token was asked of; each request fails, as the test needs only to know where it went. */
    private static TokenHttp recording(List<HttpUrl> asked) {
        return realm -> {
            asked.add(realm);
            throw new IOException("not sent in this test");
        };
    }

    private static final Credentials CREDENTIALS = new Credentials("user", "password", "--creds");

    @Test
    void aRememberedRealmElsewhereIsNotAskedForATokenUntilTheRegistryNamesIt() throws Exception {
        Target target = new Target(HttpUrl.get("https://registry.example.com/"), false);
        Authorizer authorizer = new Authorizer(new StaticCredentials(CREDENTIALS, CredentialSource.ANONYMOUS),
                Clock.systemUTC(), noteOf(target.authority(), bearer("https://elsewhere.example.com/token")));
        List<HttpUrl> asked = new ArrayList<>();

        assertNull(authorizer.authorization(recording(asked), target, "team/app"), "the request goes anonymously");

        assertEquals(List.of(), asked);
        assertTrue(authorizer.beginFirstContact(target), "one request goes first to meet the registry's own 401");
    }

    @Test
    void aRememberedRealmOnTheRegistrysOwnHostAndPortIsAskedUpFront() {
        Target target = new Target(HttpUrl.get("https://registry.example.com/"), false);
        Authorizer authorizer = new Authorizer(new StaticCredentials(CREDENTIALS, CredentialSource.ANONYMOUS),
                Clock.systemUTC(), noteOf(target.authority(), bearer("https://registry.example.com/token")));
        List<HttpUrl> asked = new ArrayList<>();

        assertThrows(AuthException.class, () -> authorizer.authorization(recording(asked), target, "team/app"));

        assertEquals(List.of(HttpUrl.get("https://registry.example.com/token")), asked);
    }

    @Test
    void aRememberedChallengeThatFailsTheCheckIsNotUsed() throws Exception {
        Target target = new Target(HttpUrl.get("https://registry.example.com/"), false);
        Authorizer authorizer = new Authorizer(new StaticCredentials(CREDENTIALS, CredentialSource.ANONYMOUS),
                Clock.systemUTC(), noteOf(target.authority(), bearer("http://registry.example.com/token")));
        List<HttpUrl> asked = new ArrayList<>();

        assertNull(authorizer.authorization(recording(asked), target, "team/app"));
        assertEquals(List.of(), asked);
        assertTrue(authorizer.beginFirstContact(target), "the endpoint is as unknown as without the note");
    }
}

package dev.labels.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.labels.cache.ImageCache;
import dev.labels.image.Platform;
import dev.labels.reference.ImageReference;
import dev.labels.registry.auth.CredentialSource;
import dev.labels.registry.transport.Mirror;
import dev.labels.registry.transport.RegistryConfig;
import dev.labels.registry.transport.RegistryException;
import dev.labels.testing.FakeRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;

/** Tokens are reused while valid, fetched again when they expire or are refused, and never in a loop. */
class TokenLifetimeTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void anExpiredTokenIsFetchedAgainBeforeTheNextRequest() throws Exception {
        ManualClock clock = new ManualClock();
        try (FakeRegistry fake = new FakeRegistry(FakeRegistry.Auth.BEARER)) {
            fake.tokenResponse = new MockResponse().setBody("{\"token\":\"" + FakeRegistry.TOKEN + "\",\"expires_in\":60}");
            fake.pushImage("team/app", "1", Map.of("a", "b"));
            RegistryConfig config = new RegistryConfig(false, List.of(Mirror.parse(fake.plainHttpMirror())),
                    CredentialSource.ANONYMOUS, false);
            try (RegistryClient client = RegistryClient.builder(config).clock(clock).build()) {
                ImageResolver resolver = new ImageResolver(client, ImageCache.NONE, Platform.host());
                ImageReference image = ImageReference.parse(fake.host() + "/team/app:1");

                resolver.resolve(image, null);
                resolver.resolve(image, null);
                assertEquals(1, fake.tokenRequests.size(), "reused while valid");

                clock.advance(Duration.ofSeconds(61));
                resolver.resolve(image, null);
                assertEquals(2, fake.tokenRequests.size(), "fetched again after expires_in");
                assertEquals(1, fake.registryRequests.stream().filter(r -> r.getHeader("Authorization") == null).count(),
                        "an expired token is replaced before use, not after a 401");
            }
        }
    }

    @Test
    void aRevokedTokenIsReplacedOnceAfterTheRegistryRefusesIt() throws Exception {
        try (FakeRegistry fake = new FakeRegistry(FakeRegistry.Auth.BEARER)) {
            fake.pushImage("team/app", "1", Map.of("a", "b"));
            RegistryConfig config = new RegistryConfig(false, List.of(Mirror.parse(fake.plainHttpMirror())),
                    CredentialSource.ANONYMOUS, false);
            try (RegistryClient client = new RegistryClient(config)) {
                ImageResolver resolver = new ImageResolver(client, ImageCache.NONE, Platform.host());
                ImageReference image = ImageReference.parse(fake.host() + "/team/app:1");
                fake.tokenResponse = new MockResponse().setBody("{\"token\":\"revoked-token\",\"expires_in\":300}");
                try {
                    resolver.resolve(image, null);
                } catch (RegistryException expected) {
                    // The registry never accepts "revoked-token": one challenge, one retry, then the error.
                }
                int tokensBefore = fake.tokenRequests.size();
                fake.tokenResponse = null; // the token service now hands out the good token

                resolver.resolve(image, null);

                assertEquals(tokensBefore + 1, fake.tokenRequests.size());
            }
        }
    }
}

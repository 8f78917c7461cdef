package dev.labels.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.cache.ImageCache;
import dev.labels.error.LabelsException.Kind;
import dev.labels.image.Platform;
import dev.labels.reference.ImageReference;
import dev.labels.registry.auth.CredentialSource;
import dev.labels.registry.transport.Mirror;
import dev.labels.registry.transport.Operation;
import dev.labels.registry.transport.PullLimitReport;
import dev.labels.registry.transport.PullQuota;
import dev.labels.registry.transport.RecordingSleeper;
import dev.labels.registry.transport.RegistryConfig;
import dev.labels.registry.transport.RegistryException;
import dev.labels.testing.FakeRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pull limit's rule, against fakes: what is the signal, what is not, and that once a host's limit is
 * reached no manifest GET goes to it again in the run while HEADs and other hosts go on.
 */
class PullLimitGuardTest {
    private static final Platform AMD64 = new Platform("linux", "amd64", null);
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String PULL_LIMIT = "You have reached your pull rate limit. You may increase the limit by "
            + "authenticating and upgrading: https://www.docker.com/increase-rate-limits";

    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final List<FakeRegistry> fakes = new ArrayList<>();
    private RegistryClient client;

    @AfterEach
    void close() throws Exception {
        if (client != null) {
            client.close();
        }
        for (FakeRegistry fake : fakes) {
            fake.close();
        }
    }

    /** A registry with team/app:1 and :2, whose manifest answers {@code answer} may replace. */
    private FakeRegistry fake(Answer answer) throws Exception {
        FakeRegistry fake = new FakeRegistry(FakeRegistry.Auth.NONE);
        fake.pushImage("team/app", "1", Map.of("tag", "1"));
        fake.pushImage("team/app", "2", Map.of("tag", "2"));
        fake.tamper = (server, request, normal) -> isManifest(request) ? answer.to(request, normal) : normal;
        fakes.add(fake);
        return fake;
    }

    @FunctionalInterface
    private interface Answer {
        MockResponse to(RecordedRequest request, MockResponse normal);
    }

    private static boolean isManifest(RecordedRequest request) {
        return request.getPath().contains("/manifests/");
    }

    private static MockResponse counted(MockResponse normal, int remaining) {
        return normal.addHeader("ratelimit-limit", "100;w=21600").addHeader("ratelimit-remaining", remaining + ";w=21600");
    }

    private static MockResponse pullLimit() {
        return counted(FakeRegistry.error(429, "TOOMANYREQUESTS", PULL_LIMIT), 0);
    }

    private RegistryClient client(FakeRegistry... registries) {
        List<Mirror> plainHttp = new ArrayList<>();
        for (FakeRegistry fake : registries) {
            plainHttp.add(Mirror.parse(fake.plainHttpMirror()));
        }
        client = RegistryClient.builder(new RegistryConfig(false, plainHttp, CredentialSource.ANONYMOUS, false))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).waits(sleeper, new Random(7)).build();
        return client;
    }

    private static ImageReference ref(FakeRegistry fake, String tag) throws Exception {
        return ImageReference.parse(fake.host() + "/team/app:" + tag);
    }

    private RegistryException fetchFails(FakeRegistry fake, String tag) {
        return assertThrows(RegistryException.class, () -> client.fetchManifest(
                new Operation("reading manifest", fake.host() + "/team/app:" + tag), ref(fake, tag), tag,
                client.newDeadline()));
    }

    private static long gets(FakeRegistry fake) {
        return fake.registryRequests.stream().filter(r -> r.getMethod().equals("GET") && isManifest(r)).count();
    }

    @Test
    void thePullLimitIsNotRetriedAndNoLaterGetIsSent() throws Exception {
        FakeRegistry fake = fake((request, normal) -> request.getMethod().equals("GET") ? pullLimit() : counted(normal, 0));
        client(fake);

        RegistryException first = assertThrows(RegistryException.class,
                () -> new ImageResolver(client, ImageCache.NONE, AMD64).resolve(ref(fake, "1"), null));
        RegistryException second = fetchFails(fake, "2");

        assertEquals(Kind.RATE_LIMITED, first.kind());
        assertTrue(first.getMessage().contains("TOOMANYREQUESTS: " + PULL_LIMIT + "; the pull rate limit of "
                + fake.host() + " was reached (100 pulls per 6 h); the registry did not say when its window resets"),
                first.getMessage());
        assertEquals(List.of(), sleeper.waits, "no retry: a window of hours is not waited out");
        assertEquals(Kind.RATE_LIMITED, second.kind());
        assertTrue(second.getMessage().startsWith("reading manifest of " + fake.host() + "/team/app:2: not asked for: "
                + "the pull rate limit of " + fake.host() + " was reached"), second.getMessage());
        assertEquals(1, gets(fake), "the second GET was never sent");
    }

    @Test
    void headsStillGoOnceTheLimitIsReached() throws Exception {
        FakeRegistry fake = fake((request, normal) -> request.getMethod().equals("GET") ? pullLimit() : counted(normal, 0));
        client(fake);
        fetchFails(fake, "1");

        java.util.Optional<String> digest = client.headManifestDigest(new Operation("checking tag", "x"),
                ref(fake, "2"), "2", client.newDeadline());

        assertTrue(digest.isPresent(), "Docker Hub does not count a HEAD: a cached image can still be read");
        assertEquals(1, gets(fake));
    }

    @Test
    void theRegistrysWordsAreTheSignalWithoutAnyHeader() throws Exception {
        FakeRegistry fake = fake((request, normal) -> FakeRegistry.error(429, "TOOMANYREQUESTS",
                "You have reached your unauthenticated pull rate limit."));
        client(fake);

        assertEquals(Kind.RATE_LIMITED, fetchFails(fake, "1").kind());
        assertEquals(Kind.RATE_LIMITED, fetchFails(fake, "2").kind());

        assertEquals(1, gets(fake));
        assertEquals(List.of(), sleeper.waits);
    }

    @Test
    void a429SayingNoPullIsLeftIsTheSignalWhateverItsWords() throws Exception {
        FakeRegistry fake = fake((request, normal) -> counted(FakeRegistry.error(429, "DENIED", "slow down"), 0)
                .setHeader("Retry-After", "1"));
        client(fake);

        assertEquals(Kind.RATE_LIMITED, fetchFails(fake, "1").kind());
        assertEquals(Kind.RATE_LIMITED, fetchFails(fake, "2").kind());

        assertEquals(1, gets(fake));
    }

    @Test
    void anAnswerSayingNoPullIsLeftIsReadAndStopsTheNextGet() throws Exception {
        FakeRegistry fake = fake((request, normal) -> counted(normal, 0));
        client(fake);

        assertEquals(Map.of("tag", "1"), new ImageResolver(client, ImageCache.NONE, AMD64)
                .resolve(ref(fake, "1"), null).config().labels());
        assertEquals(Kind.RATE_LIMITED, fetchFails(fake, "2").kind());

        assertEquals(1, gets(fake));
    }

    @Test
    void aPlain429WithPullsLeftIsRetriedAfterRetryAfter() throws Exception {
        List<String> answered = new CopyOnWriteArrayList<>();
        FakeRegistry fake = fake((request, normal) -> {
            if (answered.isEmpty()) {
                answered.add("429");
                return counted(FakeRegistry.error(429, "TOOMANYREQUESTS", "Too Many Requests"), 50)
                        .setHeader("Retry-After", "3");
            }
            return counted(normal, 49);
        });
        client(fake);

        assertEquals(Map.of("tag", "1"), new ImageResolver(client, ImageCache.NONE, AMD64)
                .resolve(ref(fake, "1"), null).config().labels());

        assertEquals(List.of(Duration.ofSeconds(3)), sleeper.waits, "as today: the abuse limit is waited out");
        assertEquals(2, gets(fake));
    }

    @Test
    void theResetTheRegistryNamesIsInTheMessage() throws Exception {
        FakeRegistry fake = fake((request, normal) -> pullLimit().addHeader("ratelimit-reset", "5400"));
        client(fake);

        fetchFails(fake, "1");
        RegistryException latched = fetchFails(fake, "2");

        assertTrue(latched.getMessage().endsWith("; it resets in 1 h 30 min (at 2026-03-01T13:30:00Z)"),
                latched.getMessage());
    }

    @Test
    void theLimitIsThatOfOneHostOnly() throws Exception {
        FakeRegistry limited = fake((request, normal) -> pullLimit());
        FakeRegistry other = fake((request, normal) -> counted(normal, 99));
        client(limited, other);
        fetchFails(limited, "1");

        assertEquals(Map.of("tag", "1"), new ImageResolver(client, ImageCache.NONE, AMD64)
                .resolve(ref(other, "1"), null).config().labels());
    }

    @Test
    void askingTheLimitOfARegistryThatRefusesHeadNeverFallsBackToGet() throws Exception {
        FakeRegistry fake = fake((request, normal) -> request.getMethod().equals("HEAD")
                ? new MockResponse().setResponseCode(405) : counted(normal, 50));
        client(fake);

        RegistryException error = assertThrows(RegistryException.class,
                () -> client.pullLimit(new Operation("asking the pull limit", "x"), ref(fake, "1")));

        assertTrue(error.getMessage().contains("405"), error.getMessage());
        assertEquals(0, gets(fake), "a GET would cost the pull it asks about");
    }

    @Test
    void aHeadAnswered429WithNoPullLeftIsAnAnswerToo() throws Exception {
        FakeRegistry fake = fake((request, normal) -> counted(new MockResponse().setResponseCode(429), 0));
        client(fake);

        PullLimitReport report = client.pullLimit(new Operation("asking the pull limit", "x"), ref(fake, "1"));

        assertEquals(new PullLimitReport(fake.host(), new PullQuota(100, 0, 21600L, null, null)), report);
        assertEquals(0, gets(fake));
    }

    @Test
    void aBatchIsWarnedOnceAtTheFirstCountWhenItNeedsMoreThanRemain() throws Exception {
        FakeRegistry fake = fake((request, normal) -> counted(normal, 3));
        client(fake);
        List<String> warnings = new ArrayList<>();
        client.expectPulls(fake.host(), () -> 10, warnings::add);

        new ImageResolver(client, ImageCache.NONE, AMD64).resolve(ref(fake, "1"), null);
        new ImageResolver(client, ImageCache.NONE, AMD64).resolve(ref(fake, "2"), null);

        assertEquals(List.of(fake.host() + " has 3 pulls left (of 100 per 6 h) and this run needs at least 9 more "
                + "(images not in the cache): those past the limit will fail with RATE_LIMITED"), warnings);
    }

    @Test
    void aBatchWithPullsEnoughIsNotWarned() throws Exception {
        FakeRegistry fake = fake((request, normal) -> counted(normal, 9));
        client(fake);
        List<String> warnings = new ArrayList<>();
        client.expectPulls(fake.host(), () -> 10, warnings::add);

        new ImageResolver(client, ImageCache.NONE, AMD64).resolve(ref(fake, "1"), null);

        assertEquals(List.of(), warnings);
    }
}

package dev.labels.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.cache.ImageCache;
import dev.labels.error.LabelsException.Kind;
import dev.labels.image.Platform;
import dev.labels.image.ResolvedImage;
import dev.labels.reference.ImageReference;
import dev.labels.registry.auth.CredentialSource;
import dev.labels.registry.transport.Mirror;
import dev.labels.registry.transport.RecordingSleeper;
import dev.labels.registry.transport.RegistryConfig;
import dev.labels.registry.transport.RegistryException;
import dev.labels.registry.transport.Reliability;
import dev.labels.testing.FakeRegistry;
import dev.labels.testing.FakeRegistry.Server;
import dev.labels.testing.TestImages;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One test per fault a registry can throw at us (MockWebServer fault injection), checking that each ends in
 * the right labels after retries, or in a correctly classified error that says how many tries were made.
 * Backoff waits are recorded, not slept.
 */
class FaultInjectionTest {
    private static final Platform AMD64 = new Platform("linux", "amd64", null);
    private static final Map<String, String> LABELS = Map.of("team", "dodo");
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final RecordingSleeper sleeper = new RecordingSleeper();
    private FakeRegistry fake;
    private RegistryClient client;

    @AfterEach
    void close() throws Exception {
        if (client != null) {
            client.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    private FakeRegistry fake(FakeRegistry.Auth auth) throws Exception {
        fake = new FakeRegistry(auth);
        byte[] config = TestImages.config("linux", "amd64", LABELS);
        fake.putBlob(config);
        fake.putManifest("team/app", "1", TestImages.DOCKER_V2,
                TestImages.manifest(TestImages.DOCKER_V2, TestImages.DOCKER_CONFIG, config));
        return fake;
    }

    private ResolvedImage resolve(int retries, Duration timeout) throws Exception {
        Mirror plainHttp = Mirror.parse(fake.host() + "=http://" + fake.host());
        client = RegistryClient.builder(new RegistryConfig(false, List.of(plainHttp), CredentialSource.ANONYMOUS, false))
                .reliability(new Reliability(retries, timeout)).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .waits(sleeper, new Random(7)).build();
        return new ImageResolver(client, ImageCache.NONE, AMD64)
                .resolve(ImageReference.parse(fake.host() + "/team/app:1"), null);
    }

    private ResolvedImage resolve() throws Exception {
        return resolve(3, Duration.ofSeconds(30));
    }

    private RegistryException failure(int retries, Duration timeout) {
        return assertThrows(RegistryException.class, () -> resolve(retries, timeout));
    }

    private static MockResponse status(int code) {
        return FakeRegistry.error(code, "UNAVAILABLE", "try later");
    }

    private static MockResponse socket(SocketPolicy policy) {
        return new MockResponse().setSocketPolicy(policy);
    }

    @Test
    void connectionDroppedBeforeTheAnswerIsRetried() throws Exception {
        fake(FakeRegistry.Auth.NONE).failFirst(Server.REGISTRY,
                socket(SocketPolicy.DISCONNECT_AFTER_REQUEST), socket(SocketPolicy.DISCONNECT_AFTER_REQUEST));

        assertEquals(LABELS, resolve().config().labels());
        assertEquals(2, sleeper.waits.size(), "backed off before each retry: " + sleeper.waits);
    }

    @Test
    void connectionClosedBeforeTheRequestIsRetried() throws Exception {
        // DISCONNECT_AT_START acts before the dispatcher sees a request, so it needs the queue dispatcher.
        byte[] config = TestImages.config("linux", "amd64", LABELS);
        byte[] manifest = TestImages.manifest(TestImages.DOCKER_V2, TestImages.DOCKER_CONFIG, config);
        try (okhttp3.mockwebserver.MockWebServer server = new okhttp3.mockwebserver.MockWebServer()) {
            server.enqueue(socket(SocketPolicy.DISCONNECT_AT_START));
            server.enqueue(socket(SocketPolicy.DISCONNECT_AT_START));
            server.enqueue(new MockResponse().setHeader("Content-Type", TestImages.DOCKER_V2)
                    .setBody(new okio.Buffer().write(manifest)));
            server.enqueue(new MockResponse().setBody(new okio.Buffer().write(config)));
            server.start();
            String host = "localhost:" + server.getPort();
            client = RegistryClient.builder(new RegistryConfig(false, List.of(Mirror.parse(host + "=http://" + host)),
                    CredentialSource.ANONYMOUS, false)).waits(sleeper, new Random(3)).build();

            ResolvedImage image = new ImageResolver(client, ImageCache.NONE, AMD64)
                    .resolve(ImageReference.parse(host + "/team/app:1"), null);

            assertEquals(LABELS, image.config().labels());
            assertTrue(!sleeper.waits.isEmpty(), "at least one retry was ours, not only OkHttp's silent one");
        }
    }

    @Test
    void bodyCutOffMidwayIsRetried() throws Exception {
        fake(FakeRegistry.Auth.NONE);
        byte[] config = TestImages.config("linux", "amd64", LABELS);
        // The manifest answer comes whole; the config answer is cut halfway, once.
        fake.tamper = new FakeRegistry.Tamper() {
            private boolean cut;

            @Override
            public synchronized MockResponse answer(Server server, okhttp3.mockwebserver.RecordedRequest request,
                                                    MockResponse normal) {
                if (!cut && request.getPath().contains("/blobs/")) {
                    cut = true;
                    return new MockResponse().setBody(new okio.Buffer().write(config))
                            .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY);
                }
                return normal;
            }
        };

        assertEquals(LABELS, resolve().config().labels());
        assertEquals(1, sleeper.waits.size());
    }

    @Test
    void bodyCutOffEveryTimeEndsInANetworkErrorWithTheTriesCounted() throws Exception {
        fake(FakeRegistry.Auth.NONE).tamper = (server, request, normal) ->
                normal.setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY);

        RegistryException error = failure(3, Duration.ofSeconds(30));

        assertEquals(Kind.NETWORK, error.kind());
        assertTrue(error.getMessage().startsWith("reading manifest of " + fake.host() + "/team/app:1: "),
                error.getMessage());
        assertTrue(error.getMessage().contains("unexpected end of stream"), error.getMessage());
        assertTrue(error.getMessage().endsWith("(after 4 tries)"), error.getMessage());
        assertEquals(4, fake.registryRequests.size());
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void serverAndGatewayErrorsAreRetried(int code) throws Exception {
        fake(FakeRegistry.Auth.NONE).failFirst(Server.REGISTRY, status(code), status(code));

        assertEquals(LABELS, resolve().config().labels());
        assertEquals(2, sleeper.waits.size());
        assertEquals(4, fake.registryRequests.size(), "2 failures, the manifest, the config");
    }

    @Test
    void persistentServerErrorReportsTheLastCauseAndTheNumberOfTries() throws Exception {
        fake(FakeRegistry.Auth.NONE).tamper = (server, request, normal) -> status(503);

        RegistryException error = failure(3, Duration.ofSeconds(30));

        assertEquals(Kind.REGISTRY_ERROR, error.kind());
        assertEquals(503, error.httpStatus());
        assertEquals("reading manifest of " + fake.host() + "/team/app:1: UNAVAILABLE: try later (after 4 tries)",
                error.getMessage());
        assertEquals(4, fake.registryRequests.size());
        assertEquals(3, sleeper.waits.size());
    }

    @Test
    void zeroRetriesTriesOnce() throws Exception {
        fake(FakeRegistry.Auth.NONE).tamper = (server, request, normal) -> status(503);

        RegistryException error = failure(0, Duration.ofSeconds(30));

        assertEquals(1, fake.registryRequests.size());
        assertTrue(sleeper.waits.isEmpty());
        assertTrue(!error.getMessage().contains("tries"), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403, 404, 405, 410})
    void otherClientErrorsAreNeverRetried(int code) throws Exception {
        fake(FakeRegistry.Auth.NONE).tamper = (server, request, normal) -> status(code);

        failure(3, Duration.ofSeconds(30));

        assertEquals(1, fake.registryRequests.size());
        assertTrue(sleeper.waits.isEmpty());
    }

    @Test
    void tooManyRequestsWaitsAsLongAsRetryAfterSaysInSeconds() throws Exception {
        fake(FakeRegistry.Auth.NONE).failFirst(Server.REGISTRY, status(429).setHeader("Retry-After", "3"));

        assertEquals(LABELS, resolve().config().labels());
        assertEquals(List.of(Duration.ofSeconds(3)), sleeper.waits);
    }

    @Test
    void tooManyRequestsWaitsUntilARetryAfterDate() throws Exception {
        String in12s = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(12).atZone(ZoneOffset.UTC));
        fake(FakeRegistry.Auth.NONE).failFirst(Server.REGISTRY, status(429).setHeader("Retry-After", in12s));

        assertEquals(LABELS, resolve().config().labels());
        assertEquals(List.of(Duration.ofSeconds(12)), sleeper.waits);
    }

    @Test
    void retryAfterLongerThanTheCapGivesUpAtOnceAsRateLimited() throws Exception {
        fake(FakeRegistry.Auth.NONE).tamper = (server, request, normal) ->
                // Words that are not Docker Hub's pull limit, which PullLimitGuardTest covers.
                FakeRegistry.error(429, "TOOMANYREQUESTS", "slow down").setHeader("Retry-After", "3600");

        RegistryException error = failure(3, Duration.ofSeconds(30));

        assertEquals(Kind.RATE_LIMITED, error.kind());
        assertTrue(error.getMessage().contains("TOOMANYREQUESTS: slow down (the registry asked us to wait "
                + "3600 s (Retry-After), longer than the 30 s we wait)"), error.getMessage());
        assertEquals(1, fake.registryRequests.size());
        assertTrue(sleeper.waits.isEmpty(), "never sleeps an hour");
    }

    @Test
    void tokenRequestIsRetriedToo() throws Exception {
        fake(FakeRegistry.Auth.BEARER).failFirst(Server.TOKENS,
                status(503), socket(SocketPolicy.DISCONNECT_AFTER_REQUEST));

        assertEquals(LABELS, resolve().config().labels());
        assertEquals(3, fake.tokenRequests.size());
    }

    @Test
    void tokenServiceThatStaysDownIsAClassifiedError() throws Exception {
        fake(FakeRegistry.Auth.BEARER).tamper = (server, request, normal) ->
                server == Server.TOKENS ? status(502) : normal;

        RegistryException error = failure(2, Duration.ofSeconds(30));

        assertEquals(Kind.REGISTRY_ERROR, error.kind());
        assertTrue(error.getMessage().contains("token service"), error.getMessage());
        assertTrue(error.getMessage().endsWith("(after 3 tries)"), error.getMessage());
        assertEquals(3, fake.tokenRequests.size());
    }

    @Test
    void aStallingTokenServiceGetsOnlyTheTimeLeftToTheImage() throws Exception {
        // The registry takes most of the second to challenge; the token service then never answers.
        fake(FakeRegistry.Auth.BEARER).tamper = (server, request, normal) -> server == Server.TOKENS
                ? socket(SocketPolicy.NO_RESPONSE) : normal.setHeadersDelay(700, TimeUnit.MILLISECONDS);

        long start = System.nanoTime();
        RegistryException error = failure(0, Duration.ofSeconds(1));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(Kind.NETWORK, error.kind(), error.getMessage());
        assertTrue(millis < 1_500, "the token request ends with the image's second, not a second of its own: "
                + millis + " ms");
    }

    @Test
    void registryThatNeverAnswersTimesOutWithinTheImageTimeout() throws Exception {
        fake(FakeRegistry.Auth.NONE).tamper = (server, request, normal) -> socket(SocketPolicy.NO_RESPONSE);

        long start = System.nanoTime();
        RegistryException error = failure(3, Duration.ofSeconds(1));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(Kind.NETWORK, error.kind());
        assertTrue(error.getMessage().contains("timed out talking to"), error.getMessage());
        assertTrue(error.getMessage().contains("time limit of 1 s"), error.getMessage());
        assertTrue(millis < 5_000, "no hang: " + millis + " ms");
    }

    @Test
    void registryThatStallsMidBodyTimesOut() throws Exception {
        fake(FakeRegistry.Auth.NONE).tamper = (server, request, normal) ->
                normal.throttleBody(16, 500, TimeUnit.MILLISECONDS);

        long start = System.nanoTime();
        RegistryException error = failure(3, Duration.ofSeconds(1));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(Kind.NETWORK, error.kind());
        assertTrue(error.getMessage().contains("timed out"), error.getMessage());
        assertTrue(millis < 5_000, "no hang: " + millis + " ms");
    }

    @Test
    void slowHeadersAndSlowBodiesCountAgainstTheSameDeadline() throws Exception {
        // Each answer alone is within the deadline; the manifest and the config together are not.
        fake(FakeRegistry.Auth.NONE).tamper = (server, request, normal) ->
                normal.setHeadersDelay(400, TimeUnit.MILLISECONDS).setBodyDelay(400, TimeUnit.MILLISECONDS);

        RegistryException error = failure(3, Duration.ofMillis(1200));

        assertTrue(error.getMessage().contains("timed out"), error.getMessage());
        assertTrue(error.getMessage().startsWith("reading config"), "the manifest was read in time: "
                + error.getMessage());
    }

    @Test
    void aWaitThatWouldPassTheDeadlineIsNotTaken() throws Exception {
        fake(FakeRegistry.Auth.NONE).tamper = (server, request, normal) -> status(503).setHeader("Retry-After", "20");

        RegistryException error = failure(3, Duration.ofSeconds(5));

        assertEquals(Kind.REGISTRY_ERROR, error.kind());
        assertTrue(error.getMessage().contains("no time left for another try"), error.getMessage());
        assertTrue(sleeper.waits.isEmpty());
    }
}

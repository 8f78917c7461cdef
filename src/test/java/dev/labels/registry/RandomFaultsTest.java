package dev.labels.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * A batch against a registry (with a token service) that fails a random 20% of requests in random ways.
 * Every reference must end in exactly one outcome: its own labels, or a RegistryException whose kind matches
 * the fault that ended it. Never another exception, never another image's labels. Seeded per repository
 * and request, so a failure replays.
 */
class RandomFaultsTest {
    private static final int IMAGES = 1000;
    private static final long SEED = 20260301L;
    private static final double FAULT_RATE = 0.2;

    /** The ways a request fails, and the kind of error each must end in when it is the last straw. */
    enum Fault {
        STATUS_500(Kind.REGISTRY_ERROR), STATUS_502(Kind.REGISTRY_ERROR), STATUS_503(Kind.REGISTRY_ERROR),
        STATUS_504(Kind.REGISTRY_ERROR), TOO_MANY_REQUESTS(Kind.RATE_LIMITED), DROPPED(Kind.NETWORK),
        BODY_CUT(Kind.NETWORK), HTML(Kind.REGISTRY_ERROR), CORRUPTED(Kind.REGISTRY_ERROR);

        final Kind kind;

        Fault(Kind kind) {
            this.kind = kind;
        }
    }

    @Test
    void everyReferenceEndsInItsLabelsOrAClassifiedError() throws Exception {
        Map<String, Fault> lastFault = new ConcurrentHashMap<>();
        Map<Fault, Integer> injected = new ConcurrentHashMap<>();
        Map<String, Integer> requestsSoFar = new ConcurrentHashMap<>();
        try (FakeRegistry fake = new FakeRegistry(FakeRegistry.Auth.BEARER)) {
            for (int i = 0; i < IMAGES; i++) {
                byte[] config = TestImages.config("linux", "amd64", Map.of("id", String.valueOf(i)));
                fake.putBlob(config);
                fake.putManifest("r/img" + i, "1", TestImages.DOCKER_V2,
                        TestImages.manifest(TestImages.DOCKER_V2, TestImages.DOCKER_CONFIG, config));
            }
            fake.tamper = (server, request, normal) -> {
                // Each repository's n-th request gets its own seeded draw: the same faults whatever the
                // threads' interleaving, so a failure replays.
                String repository = repositoryOf(server, request);
                int n = requestsSoFar.merge(repository, 1, Integer::sum);
                SplittableRandom random = new SplittableRandom((SEED * 0x9E3779B97F4A7C15L + repository.hashCode())
                        * 0x9E3779B97F4A7C15L + n);
                Fault fault = random.nextDouble() < FAULT_RATE ? pick(random, server, normal) : null;
                if (fault == null) {
                    lastFault.remove(repository);
                    return normal;
                }
                injected.merge(fault, 1, Integer::sum);
                lastFault.put(repository, fault);
                return answer(fault, normal);
            };
            Mirror plainHttp = Mirror.parse(fake.host() + "=http://" + fake.host());
            List<Future<String>> outcomes = new ArrayList<>();
            try (RegistryClient client = RegistryClient.builder(
                    new RegistryConfig(false, List.of(plainHttp), CredentialSource.ANONYMOUS, false))
                    // One retry, not the default three: enough to prove retries heal most faults, few enough that
                    // retryable faults also get the last word and their classification is checked too.
                    .reliability(new Reliability(1, Duration.ofSeconds(60)))
                    .waits(new RecordingSleeper(), new Random(SEED)).build()) {
                ImageResolver resolver =
                        new ImageResolver(client, ImageCache.NONE, new Platform("linux", "amd64", null));
                ExecutorService pool = Executors.newFixedThreadPool(4);
                try {
                    for (int i = 0; i < IMAGES; i++) {
                        int id = i;
                        outcomes.add(pool.submit(() -> outcome(resolver, fake.host(), id, lastFault)));
                    }
                    Map<String, Integer> tally = new java.util.TreeMap<>();
                    long start = System.nanoTime();
                    for (Future<String> outcome : outcomes) {
                        tally.merge(outcome.get(2, TimeUnit.MINUTES), 1, Integer::sum);
                    }
                    System.out.println("RandomFaultsTest: " + tally + " in "
                            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms; injected " + injected);
                    assertTrue(tally.getOrDefault("labels", 0) > IMAGES / 2, "most survive the faults: " + tally);
                    assertEquals(Map.of("labels", 0, "NETWORK", 0, "RATE_LIMITED", 0, "REGISTRY_ERROR", 0).keySet(),
                            tally.keySet(), "every kind of outcome was seen: " + tally);
                    assertEquals(Fault.values().length, injected.size(), "every fault was injected: " + injected);
                } finally {
                    pool.shutdownNow();
                }
            }
        }
    }

    /** Resolves image {@code id}: "labels" when right, else the error kind, checked against the fault. */
    private static String outcome(ImageResolver resolver, String host, int id, Map<String, Fault> lastFault) {
        String repository = "r/img" + id;
        try {
            ResolvedImage image = resolver.resolve(ImageReference.parse(host + "/" + repository + ":1"), null);
            assertEquals(Map.of("id", String.valueOf(id)), image.config().labels(), "wrong labels for " + repository);
            return "labels";
        } catch (RegistryException e) {
            Fault fault = lastFault.get(repository);
            assertNotNull(fault, "failed although the last request was answered normally: " + e.getMessage());
            assertEquals(fault.kind, e.kind(), fault + " ended in: " + e.getMessage());
            assertTrue(e.getMessage().contains(" of " + host + "/" + repository + ":1"), e.getMessage());
            return e.kind().toString();
        } catch (Exception e) {
            fail("not a RegistryException for " + repository, e);
            return "unreachable";
        }
    }

    /** A fault that makes sense for this answer: bodies are only corrupted where there is one to check. */
    private static Fault pick(SplittableRandom random, Server server, MockResponse normal) {
        Fault fault = Fault.values()[random.nextInt(Fault.values().length)];
        boolean checkedBody = server == Server.REGISTRY && normal.getStatus().contains(" 200 ");
        // A corrupted token is only refused later, by the registry, as "not authorized": a different story.
        return fault == Fault.CORRUPTED && !checkedBody ? Fault.HTML : fault;
    }

    private static MockResponse answer(Fault fault, MockResponse normal) {
        return switch (fault) {
            case STATUS_500 -> FakeRegistry.error(500, "UNKNOWN", "internal error");
            case STATUS_502 -> new MockResponse().setResponseCode(502).setBody("<html>Bad Gateway</html>");
            case STATUS_503 -> FakeRegistry.error(503, "UNAVAILABLE", "try later");
            case STATUS_504 -> new MockResponse().setResponseCode(504);
            case TOO_MANY_REQUESTS -> FakeRegistry.error(429, "TOOMANYREQUESTS", "slow down").setHeader("Retry-After", "1");
            case DROPPED -> new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
            case BODY_CUT -> normal.clone().setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY);
            case HTML -> new MockResponse().setHeader("Content-Type", "text/html")
                    .setBody("<html><body>Welcome to the proxy login page</body></html>");
            case CORRUPTED -> corrupted(normal);
        };
    }

    private static MockResponse corrupted(MockResponse normal) {
        MockResponse copy = normal.clone();
        Buffer body = copy.getBody();
        byte[] bytes = body == null ? new byte[0] : body.readByteArray();
        if (bytes.length > 0) {
            bytes[bytes.length / 2] ^= 0x20;
        }
        return copy.setBody(new Buffer().write(bytes));
    }

    private static String repositoryOf(Server server, RecordedRequest request) {
        if (server == Server.TOKENS) {
            String scope = request.getRequestUrl().queryParameter("scope");
            return scope.substring("repository:".length(), scope.length() - ":pull".length());
        }
        String path = request.getRequestUrl().encodedPath().substring("/v2/".length());
        int end = path.indexOf("/manifests/");
        return path.substring(0, end >= 0 ? end : path.indexOf("/blobs/"));
    }
}

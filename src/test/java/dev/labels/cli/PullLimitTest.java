package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labels.testing.FakeDockerHub;
import dev.labels.testing.FixtureMediaTypes;
import dev.labels.testing.FixturePlatform;
import dev.labels.testing.FixturePusher;
import dev.labels.testing.Fixtures;
import dev.labels.testing.LocalRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docker Hub's pull limit, met by a batch: a fake Docker Hub in front of the real registry (token auth, as
 * Docker Hub has) counts manifest GETs as pulls and answers the pull-limit 429 once none remain. Once the
 * registry says the limit is reached, no new manifest GET goes to it: every image not read gets a
 * RATE_LIMITED record, and the run exits 5.
 */
class PullLimitTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String REPOSITORY = "public/pulls/app";
    private static final int IMAGES = 40;
    private static final int DEFAULT_JOBS = 16;
    private static LocalRegistry registry;

    @TempDir
    Path temp;
    private FakeDockerHub hub;

    @BeforeAll
    static void pushImages() {
        registry = LocalRegistry.start(LocalRegistry.Mode.TOKEN);
        FixturePusher pusher = new FixturePusher(registry);
        for (int i = 0; i < IMAGES; i++) {
            Fixtures.single(pusher, REPOSITORY, "v" + i, FixtureMediaTypes.DOCKER_MANIFEST, FixturePlatform.LINUX_AMD64,
                    Map.of("index", Integer.toString(i)));
        }
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @AfterEach
    void stopHub() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    private FakeDockerHub hub(int pullsLeft) throws Exception {
        hub = new FakeDockerHub(registry, pullsLeft);
        return hub;
    }

    private String ref(int i) {
        return hub.host() + "/" + REPOSITORY + ":v" + i;
    }

    private List<String> refs(int from, int to) {
        List<String> refs = new ArrayList<>();
        for (int i = from; i < to; i++) {
            refs.add(ref(i));
        }
        return refs;
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--cache-dir", temp.resolve("cache").toString()));
        return CliRun.run(all.toArray(String[]::new));
    }

    private static List<String> args(String command, List<String> refs, String... options) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of(options));
        args.addAll(refs);
        return args;
    }

    private static List<JsonNode> records(CliRun run) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        for (String line : run.stdout().split("\n")) {
            if (!line.isEmpty()) {
                records.add(MAPPER.readTree(line));
            }
        }
        return records;
    }

    private static long read(List<JsonNode> records) {
        return records.stream().filter(r -> r.has("labels")).count();
    }

    private static List<JsonNode> rateLimited(List<JsonNode> records) {
        return records.stream().filter(r -> r.has("error") && r.get("error").get("code").asText().equals("RATE_LIMITED"))
                .toList();
    }

    @Test
    void aBatchStopsPullingOnceThePullLimitIsReached() throws Exception {
        hub(5);

        CliRun run = run(args("inspect", refs(0, IMAGES)).toArray(String[]::new));

        System.out.println("batch of " + IMAGES + ", 5 pulls left, --jobs " + DEFAULT_JOBS + ": "
                + hub.pullAttempts() + " manifest GETs (pull attempts), " + hub.manifestGets() + " in all");
        assertEquals(ExitCodes.RATE_LIMITED, run.exitCode(), run::toString);
        List<JsonNode> records = records(run);
        assertEquals(IMAGES, records.size(), run::toString);
        assertEquals(5, read(records), "the 5 pulls left are used: " + run.stdout());
        assertEquals(IMAGES - 5, rateLimited(records).size(), run::toString);
        assertTrue(hub.pullAttempts() <= 5 + DEFAULT_JOBS, "at most one wave after the limit: " + hub.pullAttempts());
        for (JsonNode record : rateLimited(records)) {
            assertTrue(record.get("error").get("message").asText().contains("pull rate limit"), record.toString());
        }
    }

    @Test
    void oneJobAtATimeMakesExactlyThePullsLeft() throws Exception {
        hub(5);

        CliRun run = run(args("inspect", refs(0, IMAGES), "--jobs", "1").toArray(String[]::new));

        assertEquals(ExitCodes.RATE_LIMITED, run.exitCode(), run::toString);
        List<JsonNode> records = records(run);
        for (int i = 0; i < 5; i++) {
            assertEquals(Integer.toString(i), records.get(i).get("labels").get("index").asText(), run::toString);
        }
        assertEquals(IMAGES - 5, rateLimited(records).size(), run::toString);
        // The fifth answer said no pull remains: the sixth image is not even asked for.
        assertEquals(5, hub.pullAttempts());
        String message = records.get(5).get("error").get("message").asText();
        assertTrue(message.contains("the pull rate limit of " + hub.host() + " was reached"), message);
        assertTrue(message.contains("100 pulls per 6 h"), message);
    }

    @Test
    void listStopsPullingOnceThePullLimitIsReached() throws Exception {
        hub(5);

        CliRun run = run("list", hub.host() + "/" + REPOSITORY);

        assertEquals(ExitCodes.RATE_LIMITED, run.exitCode(), run::toString);
        List<JsonNode> records = records(run);
        assertEquals(IMAGES, records.size());
        assertEquals(5, read(records));
        assertEquals(IMAGES - 5, rateLimited(records).size());
        assertTrue(hub.pullAttempts() <= 5 + DEFAULT_JOBS, "at most one wave after the limit: " + hub.pullAttempts());
    }

    @Test
    void theRegistrysOwn429StopsTheBatchWithItsMessageAndNoRetry() throws Exception {
        hub(0);

        CliRun run = run(args("inspect", refs(0, 3), "--jobs", "1").toArray(String[]::new));

        assertEquals(ExitCodes.RATE_LIMITED, run.exitCode(), run::toString);
        List<JsonNode> records = records(run);
        assertEquals(3, rateLimited(records).size(), run::toString);
        assertTrue(records.get(0).get("error").get("message").asText().contains(FakeDockerHub.PULL_LIMIT_MESSAGE),
                "the registry's words are kept: " + records.get(0));
        assertEquals(1, hub.pullAttempts(), "not retried, and the others not sent");
    }

    @Test
    void aResetTheRegistryNamesIsInEveryRecord() throws Exception {
        hub(0).pullLimitExtraHeaders = okhttp3.Headers.of("Retry-After", "5400");

        CliRun run = run(args("inspect", refs(0, 2), "--jobs", "1").toArray(String[]::new));

        assertEquals(ExitCodes.RATE_LIMITED, run.exitCode(), run::toString);
        for (JsonNode record : records(run)) {
            String message = record.get("error").get("message").asText();
            assertTrue(message.contains("resets in 1 h 30 min (at "), message);
        }
        assertEquals(1, hub.pullAttempts());
    }

    @Test
    void imagesInTheCacheAreStillReadWithFreeHeadRequests() throws Exception {
        hub(10);
        CliRun warm = run(args("inspect", refs(0, 3)).toArray(String[]::new));
        assertEquals(0, warm.exitCode(), warm::toString);
        hub.setPullsLeft(0);
        int pullsBefore = hub.pullAttempts();

        CliRun run = run(args("inspect", refs(0, 6)).toArray(String[]::new));

        assertEquals(ExitCodes.RATE_LIMITED, run.exitCode(), run::toString);
        List<JsonNode> records = records(run);
        for (int i = 0; i < 3; i++) {
            assertEquals(Integer.toString(i), records.get(i).get("labels").get("index").asText(), run::toString);
        }
        assertEquals(3, rateLimited(records).size(), run::toString);
        assertTrue(hub.pullAttempts() - pullsBefore <= DEFAULT_JOBS, "no more than one wave of GETs");
    }

    @Test
    void aPlainTooManyRequestsWithRetryAfterIsStillRetried() throws Exception {
        hub(50).tooManyRequestsFirst(1, "1");

        CliRun run = run("inspect", ref(0));

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(Map.of("index", "0"), run.labels());
    }

    @Test
    void verboseLogsThePullsLeftOfEveryManifestAnswer() throws Exception {
        hub(87);

        LoggedRun run = LoggedRun.run("inspect", "-v", ref(0), "--cache-dir", temp.resolve("cache").toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(1, run.linesContaining("pull limit of " + hub.host() + ": 86 of 100 left (per 21600 s; source "
                + FakeDockerHub.SOURCE + ")"), run::toString);
    }

    @Test
    void aColdBatchThatNeedsMorePullsThanRemainWarnsAtItsFirstAnswer() throws Exception {
        hub(5);

        CliRun run = run(args("inspect", refs(0, IMAGES), "--jobs", "1").toArray(String[]::new));

        assertTrue(run.stderr().contains("labels: warning: " + hub.host() + " has 4 pulls left (of 100 per 6 h) and "
                + "this run needs at least " + (IMAGES - 1) + " more (images not in the cache)"), run.stderr());
    }

    @Test
    void aBatchWithPullsEnoughDoesNotWarn() throws Exception {
        hub(50);

        CliRun run = run(args("inspect", refs(0, 6)).toArray(String[]::new));

        assertEquals(0, run.exitCode(), run::toString);
        assertFalse(run.stderr().contains("warning"), run.stderr());
        assertEquals(6, hub.pullAttempts());
    }
}

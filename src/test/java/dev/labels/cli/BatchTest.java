package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labels.testing.FakeRegistry;
import dev.labels.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many images in one run: records in input order, failures as records, one token, the cache. */
class BatchTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path temp;

    private FakeRegistry fake;

    @AfterEach
    void stop() throws Exception {
        if (fake != null) {
            fake.close();
        }
    }

    private void fakeWithImages(FakeRegistry.Auth auth, int count) throws Exception {
        fake = new FakeRegistry(auth);
        for (int i = 0; i < count; i++) {
            fake.pushImage("team/app", "v" + i, Map.of("index", Integer.toString(i), "team", "dodo"));
        }
    }

    private String ref(String tag) {
        return fake.host() + "/team/app:" + tag;
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--mirror", fake.plainHttpMirror(), "--cache-dir", temp.resolve("cache").toString()));
        return CliRun.run(all.toArray(String[]::new));
    }

    private static List<JsonNode> lines(CliRun run) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        for (String line : run.stdout().split("\n")) {
            if (!line.isEmpty()) {
                records.add(MAPPER.readTree(line));
            }
        }
        return records;
    }

    private long requestsWithMethod(String method) {
        return fake.registryRequests.stream().map(RecordedRequest::getMethod).filter(method::equals).count();
    }

    @Test
    void severalReferencesGiveOneRecordEachInInputOrder() throws Exception {
        fakeWithImages(FakeRegistry.Auth.NONE, 12);
        List<String> args = new ArrayList<>(List.of("inspect", "--jobs", "4"));
        for (int i = 11; i >= 0; i--) {
            args.add(ref("v" + i));
        }

        CliRun run = run(args.toArray(String[]::new));

        assertEquals(0, run.exitCode(), run::toString);
        List<JsonNode> records = lines(run);
        assertEquals(12, records.size());
        for (int i = 0; i < 12; i++) {
            JsonNode record = records.get(i);
            String tag = "v" + (11 - i);
            assertEquals(ref(tag), record.get("reference").asText());
            assertEquals(ref(tag), record.get("resolved").asText());
            assertEquals(Integer.toString(11 - i), record.get("labels").get("index").asText());
            assertTrue(record.get("digest").asText().startsWith("sha256:"));
            assertEquals("linux/amd64", record.get("platform").asText());
        }
    }

    @Test
    void aFailingImageGetsAnErrorRecordAndTheFirstFailureDecidesTheExitCode() throws Exception {
        fakeWithImages(FakeRegistry.Auth.NONE, 2);

        CliRun run = run("inspect", ref("v0"), "Not/Valid", ref("missing"), ref("v1"));

        assertEquals(ExitCodes.USAGE, run.exitCode(), "the first failure in input order is the invalid reference");
        List<JsonNode> records = lines(run);
        assertEquals(4, records.size());
        assertEquals("0", records.get(0).get("labels").get("index").asText());
        assertEquals("INVALID_REFERENCE", records.get(1).get("error").get("code").asText());
        assertEquals("NOT_FOUND", records.get(2).get("error").get("code").asText());
        assertTrue(records.get(2).get("error").get("message").asText().contains("MANIFEST_UNKNOWN"));
        assertFalse(records.get(2).has("labels"));
        assertEquals("1", records.get(3).get("labels").get("index").asText());
    }

    @Test
    void notFoundFirstGivesExitThree() throws Exception {
        fakeWithImages(FakeRegistry.Auth.NONE, 1);

        CliRun run = run("inspect", ref("missing"), ref("v0"));

        assertEquals(ExitCodes.NOT_FOUND, run.exitCode());
    }

    @Test
    void outputJsonPrintsOneArrayEvenForOneReference() throws Exception {
        fakeWithImages(FakeRegistry.Auth.NONE, 1);

        CliRun run = run("inspect", "-o", "json", ref("v0"));

        JsonNode array = MAPPER.readTree(run.stdout());
        assertTrue(array.isArray());
        assertEquals(1, array.size());
        assertEquals("0", array.get(0).get("labels").get("index").asText());
    }

    @Test
    void ndjsonForOneReferenceIsARecord() throws Exception {
        fakeWithImages(FakeRegistry.Auth.NONE, 1);

        CliRun run = run("inspect", "-o", "ndjson", ref("v0"));

        assertEquals(1, lines(run).size());
        assertEquals(ref("v0"), lines(run).get(0).get("reference").asText());
    }

    @Test
    void fileListsReferencesSkippingBlankLinesAndComments() throws Exception {
        fakeWithImages(FakeRegistry.Auth.NONE, 2);
        Path list = temp.resolve("refs.txt");
        Files.writeString(list, "# services\n\n  " + ref("v1") + "  \n# " + ref("v0") + "\n" + ref("v0") + "\n");

        CliRun run = run("inspect", "--file", list.toString());

        List<JsonNode> records = lines(run);
        assertEquals(2, records.size());
        assertEquals(ref("v1"), records.get(0).get("reference").asText());
        assertEquals(ref("v0"), records.get(1).get("reference").asText());
    }

    @Test
    void fileDashReadsStdin() throws Exception {
        fakeWithImages(FakeRegistry.Auth.NONE, 1);

        CliRun run = CliRun.run(Map.of(), ref("v0") + "\n", "inspect", "--file", "-", "--mirror", fake.plainHttpMirror(),
                "--no-cache");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("0", run.labels().get("index"), "one reference, from a file or not, prints its labels object");
    }

    @Test
    void missingFileIsAUsageErrorAndAnEmptyFilePrintsNothing() throws Exception {
        Path empty = Files.writeString(temp.resolve("empty.txt"), "# nothing yet\n");

        CliRun missing = CliRun.run("inspect", "--file", temp.resolve("nope.txt").toString());
        CliRun none = CliRun.run("inspect", "--file", empty.toString());

        assertEquals(ExitCodes.USAGE, missing.exitCode());
        assertTrue(missing.stderr().contains("no such file"), missing.stderr());
        assertEquals(0, none.exitCode(), none::toString);
        assertEquals("", none.stdout());
    }

    @Test
    void jobsOutOfRangeIsAUsageError() {
        assertEquals(ExitCodes.USAGE, CliRun.run("inspect", "--jobs", "0", "alpine").exitCode());
    }

    @Test
    void manyJobsStartingAtOnceFetchOneTokenAndMeetOneChallenge() throws Exception {
        fakeWithImages(FakeRegistry.Auth.BEARER, 24);
        List<String> args = new ArrayList<>(List.of("inspect", "--jobs", "8", "--no-cache"));
        for (int i = 0; i < 24; i++) {
            args.add(ref("v" + i));
        }

        CliRun run = CliRun.run(append(args, "--mirror", fake.plainHttpMirror()));

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(24, lines(run).size());
        assertEquals(1, fake.tokenRequests.size(), "one token for the repository");
        long challenges = fake.registryRequests.stream().filter(r -> r.getHeader("Authorization") == null).count();
        assertEquals(1, challenges, "only the first request goes out without the token");
        assertEquals(1 + 24 * 2, fake.registryRequests.size(), "one challenge, then manifest and config per image");
    }

    @Test
    void jobsBoundTheRequestsInFlightAndTheBoundIsReached() throws Exception {
        fakeWithImages(FakeRegistry.Auth.NONE, 24);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        fake.tamper = (server, request, normal) -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return normal;
        };
        List<String> args = new ArrayList<>(List.of("inspect", "--jobs", "3", "--no-cache"));
        for (int i = 0; i < 24; i++) {
            args.add(ref("v" + i));
        }

        CliRun run = CliRun.run(append(args, "--mirror", fake.plainHttpMirror()));

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(24, lines(run).size());
        assertEquals(3, most.get(), "--jobs 3: three requests at a time, never more, and the slots are used");
    }

    @Test
    void withoutJobsSixteenRequestsAreInFlight() throws Exception {
        fakeWithImages(FakeRegistry.Auth.NONE, 48);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        fake.tamper = (server, request, normal) -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return normal;
        };
        List<String> args = new ArrayList<>(List.of("inspect", "--no-cache"));
        for (int i = 0; i < 48; i++) {
            args.add(ref("v" + i));
        }

        CliRun run = CliRun.run(append(args, "--mirror", fake.plainHttpMirror()));

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(48, lines(run).size());
        assertEquals(16, most.get(), "batches wait on the network: sixteen requests at a time by default");
    }

    @Test
    void aTagSeenBeforeCostsOneHeadRequestAndADigestNone() throws Exception {
        fakeWithImages(FakeRegistry.Auth.NONE, 3);
        String[] tags = {"inspect", ref("v0"), ref("v1"), ref("v2")};
        CliRun cold = run(tags);
        int coldRequests = fake.registryRequests.size();

        CliRun warm = run(tags);

        assertEquals(cold.stdout(), warm.stdout(), "the cache gives the same answer");
        assertEquals(6, coldRequests, "manifest and config per image");
        assertEquals(3, fake.registryRequests.size() - coldRequests, "one request per cached tag");
        assertEquals(3, requestsWithMethod("HEAD"));

        String digest = lines(cold).get(0).get("digest").asText();
        int before = fake.registryRequests.size();
        CliRun byDigest = run("inspect", fake.host() + "/team/app@" + digest);
        assertEquals(0, byDigest.exitCode(), byDigest::toString);
        assertEquals("0", byDigest.labels().get("index"));
        assertEquals(before, fake.registryRequests.size(), "a cached digest costs no request");
    }

    @Test
    void aRetaggedImageIsReadAfresh() throws Exception {
        fakeWithImages(FakeRegistry.Auth.NONE, 1);
        run("inspect", ref("v0"));
        fake.pushImage("team/app", "v0", Map.of("index", "moved"));

        CliRun again = run("inspect", ref("v0"));

        assertEquals("moved", again.labels().get("index"));
    }

    @Test
    void aCorruptCacheEntryIsDroppedAndFetchedAgain() throws Exception {
        fakeWithImages(FakeRegistry.Auth.NONE, 1);
        run("inspect", ref("v0"));
        try (var files = Files.walk(temp.resolve("cache"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (!file.toString().endsWith(".type") && file.getParent().getFileName().toString().equals("sha256")) {
                    Files.writeString(file, "{\"config\":{\"Labels\":{\"index\":\"forged\"}}}");
                }
            }
        }

        CliRun again = run("inspect", ref("v0"));

        assertEquals(0, again.exitCode(), again::toString);
        assertEquals("0", again.labels().get("index"));
    }

    @Test
    void anUnwritableCacheWarnsOnceAndTheRunCarriesOn() throws Exception {
        fakeWithImages(FakeRegistry.Auth.NONE, 3);
        Path notAFolder = Files.writeString(temp.resolve("file-not-folder"), "x");

        CliRun run = CliRun.run("inspect", ref("v0"), ref("v1"), ref("v2"), "--jobs", "1",
                "--mirror", fake.plainHttpMirror(), "--cache-dir", notAFolder.toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(3, lines(run).size());
        assertEquals(1, run.stderr().lines().filter(l -> l.contains("cannot write to the cache")).count(), run.stderr());
    }

    @Test
    void tagsFollowsRelativeAndAbsoluteLinkPagination() throws Exception {
        fakeWithImages(FakeRegistry.Auth.NONE, 0);
        List<String> names = List.of("1.0", "1.1", "2.0", "latest", "87-2b51c14");
        fake.putTags("team/app", names);

        String mirror = "--mirror=" + fake.plainHttpMirror();
        CliRun relative = CliRun.run("tags", fake.host() + "/team/app", mirror);
        fake.absoluteTagLinks = true;
        CliRun absolute = CliRun.run("tags", fake.host() + "/team/app", "-o", "json", mirror);
        CliRun matching = CliRun.run("tags", fake.host() + "/team/app", "--tag", "1.*", "--tag", "87-*", mirror);

        assertEquals(String.join("\n", names) + "\n", relative.stdout());
        assertEquals(names, List.of(MAPPER.readValue(absolute.stdout(), String[].class)));
        assertEquals("1.0\n1.1\n87-2b51c14\n", matching.stdout());
        assertTrue(fake.registryRequests.size() >= 9, "three pages per listing");
    }

    @Test
    void listGivesTheLabelsOfEveryMatchingTag() throws Exception {
        fakeWithImages(FakeRegistry.Auth.NONE, 4);
        fake.putTags("team/app", List.of("v0", "v1", "v2", "v3"));

        CliRun run = run("list", fake.host() + "/team/app", "--tag", "v[13]", "--tag", "v?");

        assertEquals(0, run.exitCode(), run::toString);
        List<JsonNode> records = lines(run);
        assertEquals(4, records.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(ref("v" + i), records.get(i).get("reference").asText());
            assertEquals(Integer.toString(i), records.get(i).get("labels").get("index").asText());
        }
    }

    @Test
    void tagsOfARepositoryWithATagIsAUsageError() throws Exception {
        CliRun run = CliRun.run("tags", "alpine:3");

        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.stderr().contains("leave out the tag"), run.stderr());
    }

    @Test
    void cacheInfoCountsEntriesAndClearEmptiesIt() throws Exception {
        fakeWithImages(FakeRegistry.Auth.NONE, 2);
        run("inspect", ref("v0"), ref("v1"));
        String dir = temp.resolve("cache").toString();

        JsonNode info = MAPPER.readTree(CliRun.run("cache", "info", "--cache-dir", dir).stdout());
        CliRun clear = CliRun.run("cache", "clear", "--cache-dir", dir);
        JsonNode after = MAPPER.readTree(CliRun.run("cache", "info", "--cache-dir", dir).stdout());

        assertEquals(dir, info.get("path").asText());
        assertEquals(6, info.get("entries").asLong(), "2 manifests, 2 configs, 2 tag digests");
        assertTrue(info.get("bytes").asLong() > 0);
        assertEquals(0, clear.exitCode());
        assertEquals(0, after.get("entries").asLong());
    }

    @Test
    void cacheCommandsRefuseNoCacheRatherThanIgnoreIt() {
        for (String command : new String[] {"info", "clear"}) {
            CliRun run = CliRun.run("cache", command, "--no-cache", "--cache-dir", temp.resolve("cache").toString());
            assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
            assertTrue(run.stderr().contains("--no-cache"), run.stderr());
        }
    }

    private static String[] append(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}

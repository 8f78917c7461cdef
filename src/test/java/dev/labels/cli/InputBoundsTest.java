package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labels.testing.FakeRegistry;
import dev.labels.testing.FixturePlatform;
import dev.labels.testing.OciLayoutBuilder;
import dev.labels.testing.TestArchives;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every input has a bound, and reaching it is a clear error for that input alone: exit 1 or 2 with one line that
 * names the bound, never an OutOfMemoryError, a stack trace or "internal error", and in a batch the other records
 * still print.
 */
class InputBoundsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private FakeRegistry fake;

    @AfterEach
    void close() throws Exception {
        if (fake != null) {
            fake.close();
        }
    }

    private static void assertOneLineError(CliRun run, int exitCode, String detail) {
        assertEquals(exitCode, run.exitCode(), run::toString);
        assertEquals("", run.stdout());
        assertTrue(run.stderr().startsWith("labels: "), run::toString);
        assertTrue(run.stderr().contains(detail), "names the bound (" + detail + "): " + run.stderr());
        assertFalse(run.stderr().contains("internal error") || run.stderr().contains("\tat "), run::toString);
    }

    @Test
    void aKeyWithTooManySegmentsStaysFlatAndTheOtherRecordsOfTheBatchPrint() throws Exception {
        String deep = "x.".repeat(1500) + "end";
        OciLayoutBuilder layout = new OciLayoutBuilder();
        layout.image("1", FixturePlatform.LINUX_AMD64, Map.of("team.name", "one"));
        layout.image("2", FixturePlatform.LINUX_AMD64, Map.of(deep, "deep", "team.name", "two"));
        layout.image("3", FixturePlatform.LINUX_AMD64, Map.of("team.name", "three"));
        String base = "oci:" + TestArchives.folder(temp.resolve("layout"), layout.files());

        CliRun batch = CliRun.run("inspect", "--nested", base + ":1", base + ":2", base + ":3");
        CliRun single = CliRun.run("inspect", "--nested", base + ":2");

        assertEquals(0, batch.exitCode(), batch::toString);
        List<JsonNode> records = new ArrayList<>();
        for (String line : batch.stdout().split("\n")) {
            records.add(JSON.readTree(line));
        }
        assertEquals(3, records.size(), batch::toString);
        assertEquals("one", records.get(0).path("labels").path("team").path("name").asText());
        assertEquals("deep", records.get(1).path("labels").path(deep).asText());
        assertEquals("two", records.get(1).path("labels").path("team").path("name").asText());
        assertEquals("three", records.get(2).path("labels").path("team").path("name").asText());
        assertEquals(0, single.exitCode(), single::toString);
        assertEquals("deep", JSON.readTree(single.stdout()).path(deep).asText());
    }

    @Test
    void aListOfMoreTagsThanTheBoundIsAnErrorNotAnExhaustedMemory() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.NONE);
        fake.tagPageSize = 1000;
        fake.putTags("team/app", IntStream.range(0, 100_001).mapToObj(i -> "t" + i).toList());

        CliRun run = CliRun.run("tags", fake.host() + "/team/app", "--mirror=" + fake.plainHttpMirror());

        assertOneLineError(run, ExitCodes.ERROR, "more than 100000 tags");
    }

    @Test
    void tagPagesOfMoreBytesInAllThanTheBoundAreAnError() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.NONE);
        fake.tagPageSize = 2;
        fake.putTags("team/app", IntStream.range(0, 60).mapToObj(i -> "t" + i).toList());
        String padding = " ".repeat(3 * 1024 * 1024);
        fake.tamper = (server, request, normal) -> server == FakeRegistry.Server.REGISTRY
                && request.getPath().contains("/tags/list") && normal.getBody() != null
                ? normal.clone().setBody(normal.getBody().readUtf8() + padding) : normal;

        CliRun run = CliRun.run("tags", fake.host() + "/team/app", "--mirror=" + fake.plainHttpMirror());

        assertOneLineError(run, ExitCodes.ERROR, "64 MiB");
    }

    @Test
    void aReferenceListLineLongerThanAnyReferenceIsAUsageErrorThatDoesNotQuoteIt() throws Exception {
        Path list = Files.writeString(temp.resolve("refs.txt"), "alpine:3\n" + "a".repeat(5000) + "\n");

        CliRun run = CliRun.run("inspect", "--file", list.toString());

        assertOneLineError(run, ExitCodes.USAGE, "line 2 is longer than 4096 characters");
        assertFalse(run.stderr().contains("aaaaaaaa"), run.stderr());
    }

    @Test
    void aReferenceListOfMoreReferencesThanTheBoundIsAUsageError() {
        String stdin = "oci:/nonexistent/layout\n".repeat(100_001);

        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> CliRun.run(Map.of(), stdin, "inspect", "--file", "-"));

        assertOneLineError(run, ExitCodes.USAGE, "more than 100000 references");
    }

    @Test
    void anEndlessStreamWithoutLineBreaksIsCutAtTheBound() {
        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> CliRun.run("inspect", "--file", "/dev/zero"));

        assertOneLineError(run, ExitCodes.USAGE, "line 1 is longer than 4096 characters");
    }

    /**
     * A config or certificate file that is not a regular file has no size to check first (a FIFO, /dev/zero):
     * its bound holds while it is read, or /dev/zero would fill the heap.
     */
    @Test
    void aConfigFileThatIsAPipeIsReadUpToItsBound() throws Exception {
        Path fifo = pipeOfSpacesThen(temp.resolve("config.fifo"), 4 * 1024 * 1024 + 1024, "{}");

        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> CliRun.run("inspect", "--config", fifo.toString(), "oci:" + temp.resolve("none")));

        assertOneLineError(run, ExitCodes.USAGE, "is larger than 4194304 bytes");
    }

    @Test
    void aCertificateFileThatIsAPipeIsReadUpToItsBound() throws Exception {
        Path fifo = pipeOfSpacesThen(temp.resolve("ca.fifo"), 1024 * 1024 + 1024, "");
        Path config = Files.writeString(temp.resolve("config.json"),
                "{\"registries\": {\"localhost\": {\"ca\": \"" + fifo + "\"}}}");

        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> CliRun.run("inspect", "--no-cache", "--config", config.toString(), "localhost/a:1"));

        assertOneLineError(run, 1, "is larger than 1048576 bytes");
    }

    /** A FIFO that a thread fills with {@code spaces} spaces and then {@code end}. */
    private static Path pipeOfSpacesThen(Path fifo, int spaces, String end) throws Exception {
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(" ".repeat(spaces).getBytes(StandardCharsets.US_ASCII));
                out.write(end.getBytes(StandardCharsets.US_ASCII));
            } catch (Exception e) {
                // The reader stopped: the pipe is closed.
            }
        });
        writer.setDaemon(true);
        writer.start();
        return fifo;
    }

    @Test
    void aFifoThatNeverEndsIsCutAtTheBound() throws Exception {
        Path fifo = temp.resolve("refs.fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                byte[] lines = "# a comment, then references\nalpine\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
                while (true) {
                    out.write(lines);
                }
            } catch (Exception e) {
                // The reader stopped: the pipe is closed.
            }
        });
        writer.setDaemon(true);
        writer.start();

        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> CliRun.run("inspect", "--file", fifo.toString()));

        assertOneLineError(run, ExitCodes.USAGE, "more than 100000 references");
    }
}

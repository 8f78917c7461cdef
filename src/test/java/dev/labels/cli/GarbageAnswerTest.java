package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Whatever garbage a registry sends, `labels inspect` exits 1 with one line that names the operation, the
 * image and the host that answered: never a stack trace, never a hang, never labels.
 */
class GarbageAnswerTest {
    private HostileRegistry registry;

    @AfterEach
    void close() throws Exception {
        registry.close();
    }

    private CliRun inspect(Function<RecordedRequest, MockResponse> fault, String... extra) throws Exception {
        registry = new HostileRegistry(HostileRegistry.Auth.NONE);
        registry.registryFault = fault;
        List<String> args = new ArrayList<>(List.of("inspect", HostileRegistry.REFERENCE, "--retries", "1"));
        args.addAll(registry.mirror());
        args.addAll(Arrays.asList(extra));
        return CliRun.run(Map.of(), "", args.toArray(String[]::new));
    }

    /** The fault for manifest requests only; configs are served normally. */
    private static Function<RecordedRequest, MockResponse> manifests(MockResponse answer) {
        return request -> request.getPath().contains("/manifests/") ? answer.clone() : null;
    }

    private void assertOneLineError(CliRun run, String operation, String detail) {
        assertEquals(ExitCodes.ERROR, run.exitCode(), run.toString());
        assertEquals("", run.stdout(), "no labels");
        assertEquals(1, run.stderr().lines().count(), "one line, no stack trace: " + run);
        String line = run.stderr().strip();
        assertTrue(line.startsWith("labels: " + operation), line);
        assertTrue(line.contains(" of " + HostileRegistry.REFERENCE + ": "), line);
        assertTrue(line.contains("localhost"), "names the host that answered: " + line);
        assertTrue(line.contains(detail), "says what was wrong (" + detail + "): " + line);
    }

    @Test
    void htmlInsteadOfJson() throws Exception {
        CliRun run = inspect(manifests(new MockResponse().setHeader("Content-Type", "text/html")
                .setBody("<html><body><h1>Please log in to the proxy</h1></body></html>")));
        assertOneLineError(run, "reading manifest", "JSON");
    }

    @Test
    void truncatedJson() throws Exception {
        registry = new HostileRegistry(HostileRegistry.Auth.NONE);
        byte[] half = Arrays.copyOf(registry.manifest, registry.manifest.length / 2);
        registry.close();
        CliRun run = inspect(manifests(new MockResponse().setHeader("Content-Type", HostileRegistry.DOCKER_V2)
                .setBody(new Buffer().write(half))));
        assertOneLineError(run, "reading manifest", "JSON");
    }

    @Test
    void manifestWithoutConfig() throws Exception {
        CliRun run = inspect(manifests(new MockResponse().setHeader("Content-Type", HostileRegistry.DOCKER_V2)
                .setBody("{\"schemaVersion\":2,\"mediaType\":\"" + HostileRegistry.DOCKER_V2 + "\",\"layers\":[]}")));
        assertOneLineError(run, "reading manifest", "config");
    }

    @Test
    void emptyBodyWithStatus200() throws Exception {
        CliRun run = inspect(manifests(new MockResponse().setHeader("Content-Type", HostileRegistry.DOCKER_V2)));
        assertOneLineError(run, "reading manifest", "empty");
    }

    @Test
    void unknownMediaType() throws Exception {
        String type = "application/vnd.example.unknown+json";
        CliRun run = inspect(manifests(new MockResponse().setHeader("Content-Type", type)
                .setBody("{\"schemaVersion\":2,\"mediaType\":\"" + type + "\"}")));
        assertOneLineError(run, "reading manifest", type);
    }

    @Test
    void redirectLoop() throws Exception {
        CliRun run = inspect(request -> new MockResponse().setResponseCode(302).setHeader("Location", request.getPath()));
        assertOneLineError(run, "reading manifest", "too many redirects");
    }

    @Test
    void contentLengthShorterThanTheBody() throws Exception {
        CliRun run = inspect(request -> request.getPath().contains("/manifests/")
                ? registry.manifestAnswer().setHeader("Content-Length", "25").setHeader("Connection", "close") : null);
        // Which bytes a Docker-Content-Digest covers depends on what the manifest is, so it is read first: the
        // 25 bytes that arrive are cut-off JSON.
        assertOneLineError(run, "reading manifest", "truncated JSON");
    }

    @Test
    void contentLengthLongerThanTheBody() throws Exception {
        CliRun run = inspect(request -> request.getPath().contains("/manifests/")
                ? registry.manifestAnswer().setHeader("Content-Length", "100000")
                        .setSocketPolicy(SocketPolicy.DISCONNECT_AT_END) : null);
        assertOneLineError(run, "reading manifest", "unexpected end of stream");
        assertTrue(run.stderr().contains("(after 2 tries)"), run.stderr());
    }

    @Test
    void configThatDoesNotMatchItsDigest() throws Exception {
        CliRun run = inspect(request -> request.getPath().contains("/blobs/")
                ? new MockResponse().setBody("{\"config\":{\"Labels\":{\"team\":\"evil\"}}}") : null);
        assertOneLineError(run, "reading config sha256:", "digest mismatch");
    }

    @Test
    void manifestThatDoesNotMatchItsDockerContentDigest() throws Exception {
        CliRun run = inspect(request -> request.getPath().contains("/manifests/")
                ? registry.manifestAnswer().setHeader("Docker-Content-Digest", HostileRegistry.sha256(new byte[] {1}))
                : null);
        assertOneLineError(run, "reading manifest", "digest mismatch");
    }

    @Test
    void registryThatStallsMidBodyTimesOut() throws Exception {
        long start = System.nanoTime();
        CliRun run = inspect(request -> registry.manifestAnswer().throttleBody(8, 500, TimeUnit.MILLISECONDS),
                "--timeout", "1");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertOneLineError(run, "reading manifest", "timed out");
        assertTrue(millis < 6_000, "no hang: " + millis + " ms");
    }
}

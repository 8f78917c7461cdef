package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.testing.FakeDockerHub;
import dev.labels.testing.FixtureMediaTypes;
import dev.labels.testing.FixturePlatform;
import dev.labels.testing.FixturePusher;
import dev.labels.testing.Fixtures;
import dev.labels.testing.LocalRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code labels ratelimit}: Docker Hub's pull limit, asked as Docker's documentation asks it (a HEAD of
 * ratelimitpreview/test), here through a fake Docker Hub in front of the real registry under token auth, set
 * as docker.io's mirror, with the user's Docker credentials for it. It never makes a manifest GET.
 */
class RateLimitCommandTest {
    private static LocalRegistry registry;

    @TempDir
    Path temp;
    private FakeDockerHub hub;

    @BeforeAll
    static void pushDocumentedImage() {
        registry = LocalRegistry.start(LocalRegistry.Mode.TOKEN);
        FixturePusher pusher = new FixturePusher(registry);
        Fixtures.single(pusher, "ratelimitpreview/test", "latest", FixtureMediaTypes.DOCKER_MANIFEST,
                FixturePlatform.LINUX_AMD64, Map.of());
        Fixtures.single(pusher, "public/app", "1", FixtureMediaTypes.DOCKER_MANIFEST,
                FixturePlatform.LINUX_AMD64, Map.of());
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

    /** {@code labels ratelimit ARGS} with docker.io mirrored by the fake and Docker credentials for the fake. */
    private CliRun ratelimit(String... args) throws Exception {
        String auth = Base64.getEncoder().encodeToString((LocalRegistry.USER + ":" + LocalRegistry.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        Files.writeString(temp.resolve("config.json"), "{\"auths\":{\"" + hub.host() + "\":{\"auth\":\"" + auth + "\"}}}");
        List<String> all = new ArrayList<>(List.of("ratelimit", "--mirror", "docker.io=" + hub.url()));
        all.addAll(List.of(args));
        return CliRun.run(Map.of("DOCKER_CONFIG", temp.toString()), "", all.toArray(String[]::new));
    }

    @Test
    void asksDockerHubAboutTheDocumentedImageWithOneHead() throws Exception {
        hub = new FakeDockerHub(registry, 87);

        CliRun run = ratelimit();

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("{\n  \"registry\": \"" + hub.host() + "\",\n  \"limit\": 100,\n  \"remaining\": 87,\n"
                + "  \"windowSeconds\": 21600,\n  \"source\": \"203.0.113.7\"\n}\n", run.stdout());
        assertEquals("", run.stderr());
        assertEquals(0, hub.manifestGets(), "a GET would cost a pull");
        assertEquals(1, hub.manifestHeads(), "one HEAD once the token is there");
        assertTrue(hub.requests.stream().allMatch(r -> r.getPath().startsWith("/v2/ratelimitpreview/test/manifests/latest")),
                "the documented image, nothing else");
    }

    @Test
    void printsATable() throws Exception {
        hub = new FakeDockerHub(registry, 87);

        CliRun run = ratelimit("-o", "table");

        assertEquals(0, run.exitCode(), run::toString);
        List<String> lines = run.stdout().lines().toList();
        assertEquals(List.of("REGISTRY", "LIMIT", "REMAINING", "WINDOW", "SOURCE"), List.of(lines.get(0).split(" +")));
        assertEquals(List.of(hub.host(), "100", "87", "21600", "s", FakeDockerHub.SOURCE), List.of(lines.get(1).split(" +")));
        assertEquals(0, hub.manifestGets());
    }

    @Test
    void asksAboutAnyImageGiven() throws Exception {
        hub = new FakeDockerHub(registry, 12);

        CliRun run = CliRun.run("ratelimit", "--compact", hub.host() + "/public/app:1");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("{\"registry\":\"" + hub.host() + "\",\"limit\":100,\"remaining\":12,\"windowSeconds\":21600,"
                + "\"source\":\"203.0.113.7\"}\n", run.stdout());
        assertEquals(0, hub.manifestGets());
    }

    @Test
    void aRegistryWithoutALimitSaysSoAndExitsZero() throws Exception {
        hub = new FakeDockerHub(registry, 87);
        hub.limitHeaders = remaining -> Headers.of();

        CliRun run = ratelimit();

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("{\n  \"registry\": \"" + hub.host() + "\",\n  \"limit\": null,\n  \"remaining\": null,\n"
                + "  \"windowSeconds\": null,\n  \"source\": null\n}\n", run.stdout());
        assertEquals("labels: " + hub.host() + " reports no pull limit (no ratelimit-limit or ratelimit-remaining "
                + "header)\n", run.stderr());
        assertEquals(0, hub.manifestGets());
    }

    @Test
    void noPullLeftIsAnAnswerToo() throws Exception {
        hub = new FakeDockerHub(registry, 0);

        CliRun run = ratelimit("--compact");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.stdout().contains("\"remaining\":0,"), run.stdout());
        assertEquals(0, hub.manifestGets());
    }

    @Test
    void headerValuesThatAreNotNumbersAreNotPrintedAsNumbersAndTheSourceIsEscaped() throws Exception {
        String source = "203.0.113.7\u202Eexe.txt\u001b[2J";
        try (RawRegistry raw = new RawRegistry("ratelimit-limit: 99999999999999999999;w=21600",
                "ratelimit-remaining: -5;w=abc", "docker-ratelimit-source: " + source)) {
            String reference = "localhost:" + raw.port() + "/team/app:1";

            CliRun json = CliRun.run("ratelimit", "--compact", reference);
            CliRun table = CliRun.run("ratelimit", "-o", "table", reference);

            assertEquals(0, json.exitCode(), json::toString);
            assertEquals("{\"registry\":\"localhost:" + raw.port() + "\",\"limit\":null,\"remaining\":null,"
                    + "\"windowSeconds\":null,\"source\":\"203.0.113.7\\u202Eexe.txt\\u001B[2J\"}\n", json.stdout());
            assertEquals(0, table.exitCode(), table::toString);
            ForeignTextTest.assertNoRawControls("the table", table.stdout());
            assertTrue(table.stdout().contains("203.0.113.7\\u202eexe.txt\\e[2J"), table.stdout());
            assertEquals(List.of("HEAD", "HEAD"), raw.methods, "one HEAD a run, never a GET");
        }
    }

    /**
     * A registry on loopback that answers every request with 200 and the header lines it was given, written as
     * they are in UTF-8: characters that MockWebServer refuses to send (a bidi override, ESC) reach the client
     * as a hostile server sends them.
     */
    private static final class RawRegistry implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final String headers;
        final List<String> methods = new CopyOnWriteArrayList<>();

        RawRegistry(String... headerLines) throws IOException {
            this.headers = String.join("\r\n", headerLines);
            Thread thread = new Thread(this::serve, "raw-registry");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    InputStream in = connection.getInputStream();
                    StringBuilder head = new StringBuilder();
                    while (!head.toString().endsWith("\r\n\r\n")) {
                        int b = in.read();
                        if (b < 0) {
                            break;
                        }
                        head.append((char) b);
                    }
                    methods.add(head.toString().split(" ", 2)[0]);
                    connection.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: " + HostileRegistry.DOCKER_V2
                            + "\r\nDocker-Distribution-API-Version: registry/2.0\r\n" + headers
                            + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // Closed by close(), or a client that went away: on to the next.
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void aSourceLongerThanAnyAddressIsLeftOut() throws Exception {
        hub = new FakeDockerHub(registry, 87);
        hub.limitHeaders = remaining -> FakeDockerHub.dockerHubHeaders(remaining).newBuilder()
                .set("docker-ratelimit-source", "x".repeat(5000)).build();

        CliRun run = ratelimit("--compact");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.stdout().endsWith("\"remaining\":87,\"windowSeconds\":21600,\"source\":null}\n"), run.stdout());
    }

    @Test
    void onlyJsonAndTableAreFormatsOfIt() {
        CliRun run = CliRun.run("ratelimit", "-o", "env");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("-o env is not a format of this command: use json or table"), run.stderr());
    }

    @Test
    void anImageFileHasNoPullLimit() {
        CliRun run = CliRun.run("ratelimit", "oci:some/folder");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("is an image file"), run.stderr());
    }
}

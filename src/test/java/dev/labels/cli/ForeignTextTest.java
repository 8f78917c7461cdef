package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labels.testing.FakeRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A registry that writes terminal controls into every piece of text it sends (reason phrases, realms, error
 * bodies, digests, label keys, tags): what labels prints on stderr, in the -v log and in records holds none of
 * them raw, only their escaped form, and every diagnostic stays one line.
 */
class ForeignTextTest {
    /** ESC (a colour and a window title), a one-byte C1 CSI, a line separator and a bidi override. */
    private static final String NASTY = "\u001b[31mred\u001b]0;owned\u0007 \u009b2J \u2028 \u202eevil";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HostileRegistry registry;
    private FakeRegistry fake;

    @AfterEach
    void close() throws Exception {
        if (registry != null) {
            registry.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    /** Controls a terminal acts on, or that break a line; a newline between our own lines is fine. */
    static void assertNoRawControls(String where, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029
                    || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
            assertFalse(control, where + " holds U+" + String.format("%04X", (int) c) + " raw at " + i + ": " + text);
        }
    }

    private CliRun inspect(Function<RecordedRequest, MockResponse> fault, String... extra) throws Exception {
        registry = new HostileRegistry(HostileRegistry.Auth.NONE);
        registry.registryFault = fault;
        List<String> args = new ArrayList<>(List.of("inspect", HostileRegistry.REFERENCE, "--retries", "1"));
        args.addAll(registry.mirror());
        args.addAll(Arrays.asList(extra));
        return CliRun.run(Map.of(), "", args.toArray(String[]::new));
    }

    private static void assertOneEscapedLine(CliRun run, int exitCode) {
        assertEquals(exitCode, run.exitCode(), run::toString);
        assertNoRawControls("stderr", run.stderr());
        assertEquals(1, run.stderr().lines().count(), "one line: " + run);
        assertTrue(run.stderr().contains("\\e[31mred"), "shows the escape for what it is: " + run.stderr());
    }

    @Test
    void aReasonPhraseWithControlsIsShownEscaped() throws Exception {
        CliRun run = inspect(request -> new MockResponse().setStatus("HTTP/1.1 502 Bad " + NASTY));

        assertOneEscapedLine(run, ExitCodes.ERROR);
        assertTrue(run.stderr().contains("\\u2028"), run.stderr());
        assertTrue(run.stderr().contains("\\u009b"), run.stderr());
    }

    @Test
    void aMalformedStatusLineIsShownEscaped() throws Exception {
        CliRun run = inspect(request -> new MockResponse().setStatus("HTTP/1.1 2x0 " + NASTY));

        assertOneEscapedLine(run, ExitCodes.ERROR);
    }

    @Test
    void aTokenRealmWithControlsIsShownEscaped() throws Exception {
        CliRun run = inspect(request -> new MockResponse().setResponseCode(401)
                .addHeaderLenient("WWW-Authenticate", "Bearer realm=\"" + NASTY + "\",service=\"x\""));

        assertOneEscapedLine(run, ExitCodes.ERROR);
        assertTrue(run.stderr().contains("realm"), run.stderr());
    }

    @Test
    void anErrorDocumentWithC1AndLineSeparatorsIsShownEscaped() throws Exception {
        String body = MAPPER.writeValueAsString(Map.of("errors", List.of(Map.of("code", "DENIED", "message", NASTY))));
        CliRun run = inspect(request -> new MockResponse().setResponseCode(403)
                .setHeader("Content-Type", "application/json").setBody(body));

        assertOneEscapedLine(run, ExitCodes.UNAUTHORIZED);
        assertTrue(run.stderr().contains("\\u202e"), run.stderr());
    }

    @Test
    void anHtmlErrorPageWithControlsIsShownEscaped() throws Exception {
        CliRun run = inspect(request -> new MockResponse().setResponseCode(500).setBody("<h1>" + NASTY + "</h1>\n"));

        assertOneEscapedLine(run, ExitCodes.ERROR);
    }

    @Test
    void aConfigDigestWithControlsFromTheManifestIsShownEscaped() throws Exception {
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + HostileRegistry.DOCKER_V2 + "\",\"config\":{"
                + "\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":2,\"digest\":"
                + MAPPER.writeValueAsString("sha256:" + NASTY) + "},\"layers\":[]}";
        CliRun run = inspect(request -> request.getPath().contains("/manifests/")
                ? new MockResponse().setHeader("Content-Type", HostileRegistry.DOCKER_V2).setBody(manifest) : null);

        assertNotEquals(ExitCodes.OK, run.exitCode(), run::toString);
        assertNoRawControls("stderr", run.stderr());
        assertEquals(1, run.stderr().lines().count(), "one line: " + run);
    }

    @Test
    void batchRecordsCarryTheErrorEscapedAndTheJsonHasNoRawControls() throws Exception {
        String body = MAPPER.writeValueAsString(Map.of("errors", List.of(Map.of("code", "DENIED", "message", NASTY))));
        registry = new HostileRegistry(HostileRegistry.Auth.NONE);
        registry.registryFault = request -> new MockResponse().setResponseCode(403).setBody(body);
        List<String> args = new ArrayList<>(List.of("inspect", HostileRegistry.REFERENCE, HostileRegistry.REFERENCE,
                "--retries", "1", "-o", "ndjson"));
        args.addAll(registry.mirror());

        CliRun run = CliRun.run(Map.of(), "", args.toArray(String[]::new));

        assertEquals(ExitCodes.UNAUTHORIZED, run.exitCode(), run::toString);
        assertNoRawControls("stdout", run.stdout());
        List<String> lines = run.stdout().lines().toList();
        assertEquals(2, lines.size(), run.stdout());
        for (String line : lines) {
            String message = MAPPER.readTree(line).path("error").path("message").asText();
            assertNoRawControls("the decoded message", message);
            assertTrue(message.contains("\\e[31mred"), message);
        }
    }

    @Test
    void theVerboseLogShowsAMirrorsFailureEscaped() throws Exception {
        registry = new HostileRegistry(HostileRegistry.Auth.NONE);
        registry.registryFault = request -> new MockResponse().setStatus("HTTP/1.1 503 Down " + NASTY);
        // The mirror fails, so -v says so and the registry itself (on a closed port) is tried next.
        String mirror = "localhost:1=http://localhost:" + registry.registry.getPort();

        LoggedRun run = LoggedRun.run("inspect", "localhost:1/team/app:1", "-v", "--retries", "1",
                "--mirror", mirror);

        assertNotEquals(ExitCodes.OK, run.exitCode(), run::toString);
        assertTrue(run.log().contains("503"), "the log has the mirror's failure: " + run);
        assertNoRawControls("the -v log", run.log());
        assertNoRawControls("stderr", run.cli().stderr());
    }

    @Test
    void labelKeysQuotedInAnEnvErrorAreShownEscaped() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.NONE);
        fake.pushImage("team/app", "1", Map.of("x\u001b]0;owned\u0007", "1", "x.]0;owned.", "2"));

        CliRun run = CliRun.run("inspect", fake.host() + "/team/app:1", "-o", "env", "--mirror",
                fake.plainHttpMirror(), "--no-cache");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertNoRawControls("stderr", run.stderr());
        assertTrue(run.stderr().contains("x\\e]0;owned\\a"), run.stderr());
    }

    private CliRun tagsAnswering(String command, List<String> tags) throws Exception {
        registry = new HostileRegistry(HostileRegistry.Auth.NONE);
        String body = MAPPER.writeValueAsString(Map.of("name", "team/app", "tags", tags));
        registry.registryFault = request -> request.getPath().contains("/tags/list")
                ? new MockResponse().setHeader("Content-Type", "application/json").setBody(body) : null;
        List<String> args = new ArrayList<>(List.of(command, "registry.example.com/team/app", "--retries", "1"));
        args.addAll(registry.mirror());
        return CliRun.run(Map.of(), "", args.toArray(String[]::new));
    }

    @Test
    void tagsRefusesAListingWithATagOutsideTheTagGrammar() throws Exception {
        CliRun run = tagsAnswering("tags", List.of("1", "two\nfake-tag-line", "3"));

        assertEquals(ExitCodes.ERROR, run.exitCode(), run::toString);
        assertEquals("", run.stdout(), "no partial listing");
        assertNoRawControls("stderr", run.stderr());
        assertEquals(1, run.stderr().lines().count(), run::toString);
        assertTrue(run.stderr().contains("\"two\\nfake-tag-line\""), run.stderr());
        assertTrue(run.stderr().contains("not a valid tag"), run.stderr());
    }

    @Test
    void tagsRefusesControlsLineSeparatorsAndOverlongTags() throws Exception {
        for (String bad : List.of(NASTY, "a\u2028b", "-starts-with-dash", ".hidden", "x".repeat(129), "a:b",
                "a@sha256:x", "a/b", "")) {
            CliRun run = tagsAnswering("tags", List.of("1", bad));
            close();

            assertEquals(ExitCodes.ERROR, run.exitCode(), bad + ": " + run);
            assertEquals("", run.stdout(), bad);
            assertNoRawControls("stderr", run.stderr());
        }
    }

    @Test
    void tagsListsEveryTagOfTheGrammar() throws Exception {
        List<String> good = List.of("1", "latest", "_x", "A-b.c_D", "9".repeat(128));

        CliRun run = tagsAnswering("tags", good);

        assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
        assertEquals(good, run.stdout().lines().toList());
    }

    @Test
    void listRefusesATagOutsideTheGrammarBeforeInspectingAnything() throws Exception {
        CliRun run = tagsAnswering("list", List.of("1", "1@sha256:" + "0".repeat(64)));

        assertEquals(ExitCodes.ERROR, run.exitCode(), run::toString);
        assertEquals("", run.stdout(), "no records");
        assertNoRawControls("stderr", run.stderr());
        assertTrue(run.stderr().contains("not a valid tag"), run.stderr());
    }

    @Test
    void jsonOutputEscapesC1AndLineSeparatorsInValuesAndReadsBackExactly() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.NONE);
        Map<String, String> labels = Map.of("nasty", NASTY, "plain", "Grüße, 世界");
        fake.pushImage("team/app", "1", labels);

        CliRun run = CliRun.run("inspect", fake.host() + "/team/app:1", "--mirror", fake.plainHttpMirror(),
                "--no-cache");

        assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
        assertNoRawControls("stdout", run.stdout());
        assertEquals(labels, run.labels(), "values read back exactly");
        assertTrue(run.stdout().contains("Grüße, 世界"), "other non-ASCII stays as it is: " + run.stdout());
        JsonNode json = MAPPER.readTree(run.stdout());
        assertEquals(NASTY, json.path("nasty").asText());
    }
}

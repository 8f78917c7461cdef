package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.testing.FakeRegistry;
import dev.labels.testing.TestImages;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line as a user meets it: arguments, output on stdout, messages on stderr, exit codes. */
class CliTest {
    private static final Map<String, String> LABELS = Map.of(
            "blaze.service.deployment.memory", "300", "blaze.service.deployment.cpu", "0.1",
            "blaze.service.health-check.endpoint", "/status", "org.opencontainers.image.title", "dodo");

    private FakeRegistry fake;

    @AfterEach
    void stop() throws Exception {
        if (fake != null) {
            fake.close();
        }
    }

    private FakeRegistry fake(FakeRegistry.Auth auth) throws Exception {
        fake = new FakeRegistry(auth);
        fake.pushImage("team/app", "1", LABELS);
        return fake;
    }

    private CliRun inspect(String... extra) {
        return CliRun.run(inspectArgs(extra));
    }

    private String[] inspectArgs(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("inspect", fake.host() + "/team/app:1",
                "--mirror", fake.plainHttpMirror()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void printsSortedLabelsAsPrettyJsonOnStdoutOnly() throws Exception {
        fake(FakeRegistry.Auth.NONE);

        CliRun run = inspect();

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("""
                {
                  "blaze.service.deployment.cpu": "0.1",
                  "blaze.service.deployment.memory": "300",
                  "blaze.service.health-check.endpoint": "/status",
                  "org.opencontainers.image.title": "dodo"
                }
                """, run.stdout());
        assertEquals("", run.stderr());
    }

    @Test
    void compactPrintsOneLine() throws Exception {
        fake(FakeRegistry.Auth.NONE);

        CliRun run = inspect("--compact", "--prefix", "blaze.service.deployment.");

        assertEquals("{\"blaze.service.deployment.cpu\":\"0.1\",\"blaze.service.deployment.memory\":\"300\"}\n",
                run.stdout());
    }

    @Test
    void severalPrefixesKeepLabelsMatchingAny() throws Exception {
        fake(FakeRegistry.Auth.NONE);

        CliRun run = inspect("--prefix", "org.", "--prefix", "blaze.service.health");

        assertEquals(Map.of("org.opencontainers.image.title", "dodo", "blaze.service.health-check.endpoint", "/status"),
                run.labels());
    }

    @Test
    void platformFallbackIsAnnouncedOnStderr() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.NONE);
        byte[] config = TestImages.config("linux", "s390x", Map.of("arch", "s390x"));
        byte[] manifest = TestImages.manifest(TestImages.OCI_MANIFEST, TestImages.OCI_CONFIG, config);
        fake.putBlob(config);
        fake.putManifest("team/app", TestImages.sha256(manifest), TestImages.OCI_MANIFEST, manifest);
        fake.putManifest("team/app", "1", TestImages.OCI_INDEX,
                TestImages.index(List.of(TestImages.entry(TestImages.OCI_MANIFEST, manifest, "linux", "s390x"))));

        CliRun run = inspect();

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(Map.of("arch", "s390x"), run.labels());
        assertTrue(run.stderr().startsWith("labels: warning: no image for linux/"), run.stderr());
        assertTrue(run.stderr().contains("using linux/s390x"), run.stderr());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "Team/App:1           | repository name must be lowercase",
        "''                   | reference is empty",
        "alpine@sha256:abc    | invalid digest",
        "alpine:-tag          | invalid tag",
    })
    void invalidReferencesExitTwoSayingWhatIsWrong(String reference, String reason) {
        CliRun run = CliRun.run("inspect", reference);

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertEquals("", run.stdout());
        assertTrue(run.stderr().startsWith("labels: invalid reference \"" + reference + "\""), run.stderr());
        assertTrue(run.stderr().contains(reason), run.stderr());
    }

    @Test
    void tagOverOneHundredTwentyEightCharactersExitsTwo() {
        CliRun run = CliRun.run("inspect", "alpine:" + "a".repeat(129));

        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.stderr().contains("tag is longer than 128 characters"), run.stderr());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "--platform=linux                 | --platform",
        "--mirror=docker.io               | REGISTRY=URL",
        "--no-such-option                 | Unknown option",
        "--creds=nocolon                  | --creds must be USER:PASS",
        "--username=u                     | --username needs --password-stdin",
    })
    void badOptionsExitTwoNamingTheOption(String option, String expected) {
        CliRun run = CliRun.run("inspect", "alpine", option);

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains(expected), run.stderr());
        assertFalse(run.stderr().contains("nocolon"), "a --creds value is never echoed: " + run.stderr());
    }

    @Test
    void aStrayArgumentNextToCredentialsIsNotQuoted() {
        // A space for the colon: picocli cannot place the password and would quote it.
        CliRun tags = CliRun.run("tags", "alpine", "--creds", "user", "hunter2-secret");
        CliRun inspect = CliRun.run("inspect", "alpine", "--creds", "user", "hunter2-secret");

        assertEquals(ExitCodes.USAGE, tags.exitCode(), tags::toString);
        assertFalse(tags.stderr().contains("hunter2-secret"), tags.stderr());
        assertTrue(tags.stderr().contains("<not shown>"), tags.stderr());
        assertEquals(ExitCodes.USAGE, inspect.exitCode(), inspect::toString);
        assertFalse(inspect.stderr().contains("hunter2-secret") || inspect.stdout().contains("hunter2-secret"),
                "inspect takes it for a reference, but --creds without a colon stops the run first: " + inspect);
    }

    @Test
    void aStrayArgumentWithoutCredentialsIsQuotedToHelp() {
        CliRun run = CliRun.run("tags", "alpine", "stray-word");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("stray-word"), run.stderr());
    }

    @Test
    void missingReferenceIsAUsageError() {
        CliRun run = CliRun.run("inspect");

        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.stderr().contains("Run 'labels inspect --help'"), run.stderr());
    }

    @Test
    void versionAndHelp() {
        CliRun version = CliRun.run("--version");
        CliRun help = CliRun.run("inspect", "--help");

        assertTrue(version.stdout().matches("labels \\S+\n"), version.stdout());
        assertEquals(0, help.exitCode());
        assertTrue(help.stdout().contains("Examples:"), help.stdout());
    }

    @Test
    void errorsAreOneLineWithoutStackTraceUnlessDebug() throws Exception {
        fake(FakeRegistry.Auth.NONE);
        String[] missing = {"inspect", fake.host() + "/team/app:2", "--mirror", fake.plainHttpMirror()};

        CliRun plain = CliRun.run(missing);
        CliRun debug = CliRun.run(append(missing, "--debug"));

        assertEquals(ExitCodes.NOT_FOUND, plain.exitCode());
        assertEquals(1, plain.stderr().lines().count(), plain.stderr());
        assertFalse(plain.stderr().contains("\tat "), plain.stderr());
        assertEquals(ExitCodes.NOT_FOUND, debug.exitCode());
        assertTrue(debug.stderr().contains("\tat dev.labels."), "--debug shows the stack trace: " + debug.stderr());
    }

    @Test
    void verboseLogsEachRequestWithoutCredentialsOrTokens() throws Exception {
        fake(FakeRegistry.Auth.BEARER);
        fake.tokenNeedsCredentials = true;
        LoggedRun run = LoggedRun.run(inspectArgs("-v", "--creds", FakeRegistry.USER + ":" + FakeRegistry.PASSWORD));
        String logged = run.log() + run.cli().stderr();

        assertEquals(0, run.exitCode(), run + "\n" + logged);
        assertTrue(logged.contains("GET http://" + fake.host() + "/v2/team/app/manifests/1 -> 401"), logged);
        assertTrue(logged.contains("GET http://" + fake.host() + "/v2/team/app/manifests/1 -> 200"), logged);
        assertTrue(logged.contains("/token?service=fake-registry"), logged);
        assertFalse(logged.contains(FakeRegistry.PASSWORD), logged);
        assertFalse(logged.contains(FakeRegistry.TOKEN), logged);
        assertFalse(logged.contains(FakeRegistry.basic().substring("Basic ".length())), logged);
    }

    private static String[] append(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }
}

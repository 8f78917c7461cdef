package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labels.testing.Bash;
import dev.labels.testing.FakeRegistry;
import dev.labels.testing.TrickyLabels;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Selecting labels and printing them as env, properties, table and nested JSON, as a user runs the command. */
class FormatsCliTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, String> DEPLOY = Map.of(
            "blaze.service.deployment.cpu", "0.1", "blaze.service.deployment.memory", "300",
            "blaze.service.health-check.endpoint", "/status", "org.opencontainers.image.title", "dodo");

    @TempDir
    Path temp;

    private FakeRegistry fake;

    @AfterEach
    void stop() throws Exception {
        if (fake != null) {
            fake.close();
        }
    }

    private String push(String tag, Map<String, String> labels) throws Exception {
        if (fake == null) {
            fake = new FakeRegistry(FakeRegistry.Auth.NONE);
        }
        fake.pushImage("team/app", tag, labels);
        return fake.host() + "/team/app:" + tag;
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--mirror", fake.plainHttpMirror(), "--no-cache"));
        return CliRun.run(all.toArray(String[]::new));
    }

    @Test
    void matchAndRegexSelectKeysAndAnyOfThemKeepsALabel() throws Exception {
        String ref = push("1", DEPLOY);

        CliRun run = run("inspect", ref, "--match", "*.cpu", "--regex", "^org\\.", "--prefix", "blaze.service.health");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(Map.of("blaze.service.deployment.cpu", "0.1", "org.opencontainers.image.title", "dodo",
                "blaze.service.health-check.endpoint", "/status"), run.labels());
    }

    @Test
    void stripPrefixGivesShortKeys() throws Exception {
        String ref = push("1", DEPLOY);

        CliRun run = run("inspect", ref, "--prefix", "blaze.service.", "--strip-prefix");

        assertEquals(Map.of("deployment.cpu", "0.1", "deployment.memory", "300", "health-check.endpoint", "/status"),
                run.labels());
    }

    @Test
    void stripPrefixWithoutPrefixIsAUsageError() throws Exception {
        CliRun run = CliRun.run("inspect", "alpine", "--strip-prefix");

        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.stderr().contains("--strip-prefix needs --prefix"), run.stderr());
    }

    @Test
    void anInvalidRegexExitsTwoNamingTheOptionAndTheFault() {
        CliRun run = CliRun.run("inspect", "alpine", "--regex", "blaze.(cpu");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("--regex \"blaze.(cpu\" is not a valid regular expression: Unclosed group"),
                run.stderr());
        assertEquals("", run.stdout());
    }

    @Test
    void envOutputEvaluatedByBashGivesEveryTrickyValueBackAndRunsNothing() throws Exception {
        String ref = push("1", TrickyLabels.VALUES);

        CliRun run = run("inspect", ref, "-o", "env", "--env-prefix", "L_");

        assertEquals(0, run.exitCode(), run::toString);
        Path env = Files.write(temp.resolve("labels.env"), run.stdoutBytes());
        TreeMap<String, String> sorted = new TreeMap<>(TrickyLabels.VALUES);
        List<String> names = sorted.keySet().stream().map(new dev.labels.output.EnvWriter("L_")::name).toList();
        List<String> args = new ArrayList<>(List.of(env.toString()));
        args.addAll(names);
        Bash.Result bash = Bash.run(temp, "set -eu; eval \"$(cat \"$1\")\"; shift; "
                + "for n in \"$@\"; do printf '%s\\0' \"${!n}\"; done", args.toArray(String[]::new));
        assertEquals(0, bash.exitCode(), bash.stderr());
        assertEquals(List.copyOf(sorted.values()), Bash.nulSeparated(bash.stdout()));
        assertFalse(Files.exists(temp.resolve(TrickyLabels.PWNED)), "a label value was run by the shell");
        assertTrue(run.stdout().startsWith("L_1_STARTS_WITH_DIGIT='version 1'\n"), run.stdout());
    }

    @Test
    void envNamesAreUpperCasedDottedKeys() throws Exception {
        String ref = push("1", DEPLOY);

        CliRun run = run("inspect", ref, "-o", "env", "--prefix", "blaze.service.deployment.");

        assertEquals("BLAZE_SERVICE_DEPLOYMENT_CPU='0.1'\nBLAZE_SERVICE_DEPLOYMENT_MEMORY='300'\n", run.stdout());
    }

    @Test
    void envKeysCollidingAfterUpperCasingExitTwoNamingBothAndPrintNothing() throws Exception {
        String ref = push("1", Map.of("app.cpu", "1", "app-cpu", "2", "APP_CPU", "3"));

        CliRun run = run("inspect", ref, "-o", "env");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertEquals("", run.stdout(), "nothing half-written for eval to run");
        assertTrue(run.stderr().contains("both become APP_CPU"), run.stderr());
    }

    /** Labels that name variables the shell, the loader and git act on, with values that act if they are set. */
    private static final Map<String, String> HIJACKING = Map.of(
            "ps4", "$(touch " + TrickyLabels.PWNED + ")+ ", "path", "/nonexistent", "bash.env", "/tmp/evil-bash-env",
            "ld.preload", "/tmp/evil.so", "git.ssh.command", "touch " + TrickyLabels.PWNED, "team", "dodo");

    /** What a bash -x that evaluates {@code env} then has in PATH, PS4, BASH_ENV, LD_PRELOAD and GIT_SSH_COMMAND. */
    private Bash.Result tracedEval(Path env) {
        return Bash.run(temp, "set -x; eval \"$(cat \"$1\")\"; true; printf '%s\\0' \"$PATH\" \"$PS4\" "
                + "\"${BASH_ENV-unset}\" \"${LD_PRELOAD-unset}\" \"${GIT_SSH_COMMAND-unset}\" \"${TEAM-unset}\"",
                env.toString());
    }

    @Test
    void envLeavesOutLabelsNamedLikeShellVariablesReportsEachAndABashTraceKeepsItsOwn() throws Exception {
        String ref = push("1", HIJACKING);

        CliRun run = run("inspect", ref, "-o", "env");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertEquals("TEAM='dodo'\n", run.stdout(), "the safe labels are still printed");
        for (String key : List.of("ps4\" (PS4)", "path\" (PATH)", "bash.env\" (BASH_ENV)", "ld.preload\" (LD_PRELOAD)",
                "git.ssh.command\" (GIT_SSH_COMMAND)")) {
            assertTrue(run.stderr().contains("\"" + key), key + " is reported: " + run.stderr());
        }
        assertTrue(run.stderr().contains("--env-prefix"), run.stderr());
        assertEquals(1, run.stderr().lines().count(), run.stderr());

        Bash.Result untouched = tracedEval(Files.writeString(temp.resolve("nothing.env"), ""));
        Bash.Result traced = tracedEval(Files.write(temp.resolve("labels.env"), run.stdoutBytes()));

        assertEquals(0, traced.exitCode(), traced.stderr());
        List<String> before = Bash.nulSeparated(untouched.stdout());
        List<String> after = Bash.nulSeparated(traced.stdout());
        assertEquals(before.subList(0, 5), after.subList(0, 5), "PATH, PS4, BASH_ENV, LD_PRELOAD, GIT_SSH_COMMAND");
        assertEquals("dodo", after.get(5));
        assertFalse(Files.exists(temp.resolve(TrickyLabels.PWNED)), "PS4 was expanded by the trace");
    }

    @Test
    void envWithAPrefixPrintsEveryLabelAndBashKeepsItsOwnVariables() throws Exception {
        String ref = push("1", HIJACKING);

        CliRun run = run("inspect", ref, "-o", "env", "--env-prefix", "LABEL_");

        assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
        assertEquals(HIJACKING.size(), run.stdout().lines().filter(line -> line.startsWith("LABEL_")).count(),
                run.stdout());
        Bash.Result untouched = tracedEval(Files.writeString(temp.resolve("nothing.env"), ""));
        Bash.Result traced = tracedEval(Files.write(temp.resolve("labels.env"), run.stdoutBytes()));
        assertEquals(Bash.nulSeparated(untouched.stdout()).subList(0, 5),
                Bash.nulSeparated(traced.stdout()).subList(0, 5));
        assertFalse(Files.exists(temp.resolve(TrickyLabels.PWNED)));
    }

    @Test
    void anEmptyEnvPrefixIsNoPrefix() throws Exception {
        String ref = push("1", HIJACKING);

        CliRun run = run("inspect", ref, "-o", "env", "--env-prefix", "");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertEquals("TEAM='dodo'\n", run.stdout());
    }

    @Test
    void aPrefixThatCompletesAReservedNameWithAKeyIsRefusedToo() throws Exception {
        String ref = push("1", Map.of("4", "$(touch " + TrickyLabels.PWNED + ")", "team", "dodo"));

        CliRun run = run("inspect", ref, "-o", "env", "--env-prefix", "PS");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertEquals("PSTEAM='dodo'\n", run.stdout());
        assertTrue(run.stderr().contains("\"4\" (PS4)"), run.stderr());
    }

    @Test
    void envCollisionIsAvoidedByNarrowingTheSelection() throws Exception {
        String ref = push("1", Map.of("app.cpu", "1", "app-cpu", "2"));

        CliRun run = run("inspect", ref, "-o", "env", "--match", "app.cpu");

        assertEquals("APP_CPU='1'\n", run.stdout());
    }

    @ParameterizedTest
    @ValueSource(strings = {"env", "properties"})
    void envAndPropertiesWithSeveralImagesAreAUsageErrorBeforeAnyRequest(String format) throws Exception {
        String one = push("1", DEPLOY);
        String two = push("2", DEPLOY);

        CliRun run = run("inspect", one, two, "-o", format);

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("holds the labels of one image"), run.stderr());
        assertEquals(0, fake.registryRequests.size());
    }

    @Test
    void envPrefixNeedsEnvOutputAndAShellName() {
        assertEquals(ExitCodes.USAGE, CliRun.run("inspect", "alpine", "--env-prefix", "X_").exitCode());
        CliRun invalid = CliRun.run("inspect", "alpine", "-o", "env", "--env-prefix", "my.app");
        assertEquals(ExitCodes.USAGE, invalid.exitCode());
        assertTrue(invalid.stderr().contains("cannot start a shell variable name"), invalid.stderr());
    }

    @Test
    void propertiesOutputIsReadBackByJavaUtilPropertiesWithEveryValue() throws Exception {
        Map<String, String> labels = new LinkedHashMap<>(TrickyLabels.VALUES);
        labels.putAll(TrickyLabels.many(300));
        String ref = push("1", labels);

        CliRun run = run("inspect", ref, "-o", "properties");

        assertEquals(0, run.exitCode(), run::toString);
        Properties loaded = new Properties();
        loaded.load(new StringReader(run.stdout()));
        Map<String, String> back = new HashMap<>();
        loaded.stringPropertyNames().forEach(name -> back.put(name, loaded.getProperty(name)));
        assertEquals(labels, back);
        assertFalse(run.stdout().startsWith("#"), "no date comment");
        assertEquals(labels.size(), run.stdout().lines().count());
    }

    @Test
    void tableOfAnImageWithAnsiEscapesShowsThemWithoutAnEscByte() throws Exception {
        String ref = push("1", Map.of("evil", "\u001b[2J\u001b[31mred\u001b[0m\u009b1m", "title\u001b]0;x\u0007", "ok"));

        CliRun run = run("inspect", ref, "-o", "table");

        assertEquals(0, run.exitCode(), run::toString);
        assertFalse(run.stdout().contains("\u001b"), run.stdout());
        assertFalse(run.stdout().contains("\u009b"), run.stdout());
        assertEquals("""
                KEY            VALUE
                evil           \\e[2J\\e[31mred\\e[0m\\u009b1m
                title\\e]0;x\\a  ok
                """, run.stdout());
    }

    @Test
    void tableOfSeveralImagesHasAReferenceAndAPlatformColumnAndShowsErrors() throws Exception {
        String one = push("1", Map.of("cpu", "0.1"));
        String two = push("2", Map.of());

        CliRun run = run("inspect", one, two, fake.host() + "/team/app:missing", "-o", "table");

        assertEquals(ExitCodes.NOT_FOUND, run.exitCode(), run::toString);
        List<String> lines = run.stdout().lines().toList();
        assertTrue(lines.get(0).matches("REFERENCE +PLATFORM +KEY +VALUE"), lines.get(0));
        assertTrue(lines.get(1).matches(java.util.regex.Pattern.quote(one) + " +linux/amd64 +cpu +0\\.1"), lines.get(1));
        assertTrue(lines.get(2).matches(java.util.regex.Pattern.quote(two) + " +linux/amd64 +\\(no labels\\)"), lines.get(2));
        assertTrue(lines.get(3).contains("(error)") && lines.get(3).contains("NOT_FOUND: "), lines.get(3));
    }

    @Test
    void nestedKeepsTheValueOfAKeyThatIsAlsoAPrefix() throws Exception {
        String ref = push("1", Map.of("a.b", "1", "a.b.c", "2", "a.d", "3"));

        CliRun run = run("inspect", ref, "--nested", "--compact");

        assertEquals("{\"a\":{\"b\":{\"\":\"1\",\"c\":\"2\"},\"d\":\"3\"}}\n", run.stdout());
    }

    @Test
    void nestedAppliesToTheLabelsOfRecords() throws Exception {
        String ref = push("1", Map.of("a.b", "1"));

        CliRun run = run("inspect", ref, "-o", "ndjson", "--nested");

        assertEquals("1", MAPPER.readTree(run.stdout()).get("labels").get("a").get("b").asText());
    }

    @Test
    void nestedWithEnvIsAUsageError() {
        CliRun run = CliRun.run("inspect", "alpine", "--nested", "-o", "env");

        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.stderr().contains("--nested works with JSON output only"), run.stderr());
    }

    @Test
    void fullAddsTheRestOfTheConfigNextToTheLabels() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.NONE);
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("Labels", Map.of("team", "dodo"));
        inner.put("Env", List.of("PATH=/usr/bin", "JAVA_OPTS=-Da=b=c", "EMPTY=", "NOVALUE"));
        inner.put("Entrypoint", List.of("/bin/app", "--serve"));
        inner.put("Cmd", List.of("--port", "8080"));
        inner.put("User", "1000:1000");
        inner.put("WorkingDir", "/srv");
        inner.put("ExposedPorts", Map.of("8080/tcp", Map.of(), "53/udp", Map.of()));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("created", "2024-05-01T10:00:00Z");
        config.put("architecture", "amd64");
        config.put("os", "linux");
        config.put("config", inner);
        byte[] configBytes = dev.labels.testing.TestImages.json(config);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", dev.labels.testing.TestImages.OCI_MANIFEST);
        manifest.put("config", Map.of("mediaType", dev.labels.testing.TestImages.OCI_CONFIG,
                "digest", dev.labels.testing.TestImages.sha256(configBytes), "size", configBytes.length));
        manifest.put("layers", List.of());
        manifest.put("annotations", Map.of("org.opencontainers.image.revision", "2b51c14"));
        byte[] manifestBytes = dev.labels.testing.TestImages.json(manifest);
        fake.putBlob(configBytes);
        fake.putManifest("team/app", "1", dev.labels.testing.TestImages.OCI_MANIFEST, manifestBytes);

        CliRun run = run("inspect", fake.host() + "/team/app:1", "--full");

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode full = MAPPER.readTree(run.stdout());
        assertEquals(dev.labels.testing.TestImages.sha256(manifestBytes), full.get("digest").asText());
        assertEquals(dev.labels.testing.TestImages.sha256(configBytes), full.get("configDigest").asText());
        assertEquals("linux/amd64", full.get("platform").asText());
        assertEquals("2024-05-01T10:00:00Z", full.get("created").asText());
        assertEquals("-Da=b=c", full.get("env").get("JAVA_OPTS").asText(), "split at the first =");
        assertEquals("", full.get("env").get("EMPTY").asText());
        assertEquals("", full.get("env").get("NOVALUE").asText());
        assertEquals("[\"/bin/app\",\"--serve\"]", full.get("entrypoint").toString());
        assertEquals("[\"--port\",\"8080\"]", full.get("cmd").toString());
        assertEquals("1000:1000", full.get("user").asText());
        assertEquals("/srv", full.get("workingDir").asText());
        assertEquals("[\"53/udp\",\"8080/tcp\"]", full.get("exposedPorts").toString());
        // A single-platform image has no index and no descriptor of it: only the manifest's part is there.
        assertEquals("{\"manifest\":{\"org.opencontainers.image.revision\":\"2b51c14\"}}",
                full.get("annotations").toString());
        assertEquals("dodo", full.get("labels").get("team").asText());
        List<String> fields = new ArrayList<>();
        full.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("reference", "resolved", "digest", "platform", "configDigest", "created", "user",
                "workingDir", "entrypoint", "cmd", "env", "exposedPorts", "annotations", "labels"), fields);
    }

    @Test
    void fullWithTableIsAUsageError() {
        assertEquals(ExitCodes.USAGE, CliRun.run("inspect", "alpine", "--full", "-o", "table").exitCode());
    }

    @Test
    void listTakesTheSelectorsAndTableButNotEnv() throws Exception {
        push("v1", DEPLOY);
        fake.putTags("team/app", List.of("v1"));

        CliRun table = run("list", fake.host() + "/team/app", "--prefix", "blaze.service.deployment.", "--strip-prefix",
                "-o", "table");
        CliRun env = run("list", fake.host() + "/team/app", "-o", "env");

        assertEquals(0, table.exitCode(), table::toString);
        assertEquals(3, table.stdout().lines().count(), table.stdout());
        assertTrue(table.stdout().lines().skip(1).allMatch(l -> l.matches(".* +linux/amd64 +(cpu|memory) +(0\\.1|300)")),
                table.stdout());
        assertEquals(ExitCodes.USAGE, env.exitCode());
    }

    @Test
    void listHasNoEnvPrefixAndItsHelpOffersOnlyRecordFormats() {
        CliRun prefixed = CliRun.run("list", "team/app", "--env-prefix", "LABEL_");
        CliRun help = CliRun.run("list", "--help");

        assertEquals(ExitCodes.USAGE, prefixed.exitCode());
        assertTrue(prefixed.stderr().contains("Unknown options: '--env-prefix'"), prefixed.stderr());
        assertTrue(help.stdout().contains("json, ndjson or table (default: ndjson)."), help.stdout());
        assertFalse(help.stdout().contains("--env-prefix"), help.stdout());
    }

    @Test
    void outputWithAnUnknownFormatNamesTheChoices() {
        CliRun run = CliRun.run("inspect", "alpine", "-o", "yaml");

        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.stderr().contains("json, ndjson, env, properties, table"), run.stderr());
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

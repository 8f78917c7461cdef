package dev.labels.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.testing.Bash;
import dev.labels.testing.TrickyLabels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnvWriterTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "blaze.service.deployment.cpu  | BLAZE_SERVICE_DEPLOYMENT_CPU",
        "org.opencontainers.image.title | ORG_OPENCONTAINERS_IMAGE_TITLE",
        "health-check/endpoint          | HEALTH_CHECK_ENDPOINT",
        "already_OK_9                   | ALREADY_OK_9",
        "AZ@az[09`_                     | AZ_AZ_09__",
        "1.version                      | _1_VERSION",
        "grüße                          | GR__E",
        "🚀x                            | _X",
    })
    void namesAreUpperCasedWithEveryOtherCharacterAnUnderscore(String key, String name) {
        assertEquals(name, new EnvWriter("").name(key));
    }

    @Test
    void emptyKeyBecomesAnUnderscoreAndThePrefixComesFirst() {
        assertEquals("_", new EnvWriter("").name(""));
        assertEquals("LABEL_1_VERSION", new EnvWriter("LABEL_").name("1.version"));
    }

    @Test
    void valuesAreSingleQuotedWithQuotesClosedEscapedAndReopened() throws Exception {
        SortedMap<String, String> labels = new TreeMap<>(Map.of("a", "it's $(x)", "b", ""));

        assertEquals("A='it'\\''s $(x)'\nB=''\n", new EnvWriter("").write(labels).text());
    }

    @Test
    void keysCollidingAfterUpperCasingAreAnErrorNamingBoth() {
        SortedMap<String, String> labels = new TreeMap<>(Map.of("a.b", "1", "a-b", "2", "c", "3"));

        FormatException error = assertThrows(FormatException.class, () -> new EnvWriter("").write(labels));

        assertTrue(error.getMessage().contains("\"a-b\" and \"a.b\" both become A_B"), error.getMessage());
    }

    @Test
    void upperAndLowerCaseKeysCollideToo() {
        SortedMap<String, String> labels = new TreeMap<>(Map.of("Team", "1", "team", "2"));

        assertThrows(FormatException.class, () -> new EnvWriter("").write(labels));
    }

    @Test
    void aNulCharacterIsAnErrorSinceNoShellVariableHoldsIt() {
        SortedMap<String, String> labels = new TreeMap<>(Map.of("a", "x\0y"));

        FormatException error = assertThrows(FormatException.class, () -> new EnvWriter("").write(labels));

        assertTrue(error.getMessage().contains("NUL"), error.getMessage());
    }

    @Test
    void aNulCharacterFirstInTheValueIsAnErrorToo() {
        SortedMap<String, String> labels = new TreeMap<>(Map.of("a", "\0y"));

        FormatException error = assertThrows(FormatException.class, () -> new EnvWriter("").write(labels));

        assertEquals("-o env: label \"a\" holds a NUL character, which a shell variable cannot hold", error.getMessage());
    }

    @Test
    void theRefusalSpeaksOfOneLabelOrOfSeveral() throws Exception {
        FormatException one = new EnvWriter("").write(new TreeMap<>(Map.of("ps4", "x", "team", "y"))).refusal();
        FormatException two = new EnvWriter("").write(new TreeMap<>(Map.of("ps4", "x", "path", "y"))).refusal();

        assertEquals("-o env: label \"ps4\" (PS4) left out: the shell, the dynamic loader or common tools act on "
                + "that variable; use --env-prefix (e.g. LABEL_) to print every label under a prefix", one.getMessage());
        assertEquals("-o env: labels \"path\" (PATH), \"ps4\" (PS4) left out: the shell, the dynamic loader or common "
                + "tools act on those variables; use --env-prefix (e.g. LABEL_) to print every label under a prefix",
                two.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"path", "ifs", "ps1", "ps4", "bash.env", "bash_func_x%%", "env", "cdpath", "home",
        "shell", "ld.preload", "ld_library_path", "dyld.insert.libraries", "git.ssh.command", "git.dir",
        "git.config.count", "node.options", "java.tool.options", "_java.options", "pythonpath", "perl5opt",
        "rubyopt", "https.proxy", "no_proxy", "ssl.cert.file", "docker.host", "xdg.config.home", "github.env",
        "ci.api.v4.url", "editor", "pager", "ssh.askpass", "lc.all", "histfile", "prompt.command", "glibc.tunables",
        "vault.addr", "consul.http.addr", "nomad.addr", "gh.host", "sonar.host.url", "makeflags", "makefiles",
        "gnupghome", "tf.cli.config.file", "helm.plugins", "jenkins.url", "circle.token", "buildkite.agent.access.token",
        "system.accesstoken",
        "", ".", "uid", "PATH", "Path"})
    void labelsNamedLikeVariablesTheShellLoaderOrToolsReadAreLeftOutAndNamed(String key) throws Exception {
        SortedMap<String, String> labels = new TreeMap<>(Map.of(key, "$(touch pwned)", "team", "dodo"));

        EnvWriter.Assignments written = new EnvWriter("").write(labels);

        assertEquals("TEAM='dodo'\n", written.text());
        assertEquals(List.of(key), written.leftOut());
        FormatException refusal = written.refusal();
        assertTrue(refusal.getMessage().contains("\"" + key + "\" (" + new EnvWriter("").name(key) + ")"),
                refusal.getMessage());
        assertTrue(refusal.getMessage().contains("--env-prefix"), "says how to get them: " + refusal.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"team", "blaze.service.deployment.cpu", "org.opencontainers.image.title", "paths",
        "home.page", "ps", "ps5", "shell.kind", "version", "build.id", "pathfinder", "ld", "ifs.x", "x.path"})
    void ordinaryLabelsAreWritten(String key) throws Exception {
        EnvWriter.Assignments written = new EnvWriter("").write(new TreeMap<>(Map.of(key, "v")));

        assertEquals(List.of(), written.leftOut());
        assertEquals(null, written.refusal());
        assertEquals(new EnvWriter("").name(key) + "='v'\n", written.text());
    }

    @Test
    void aPrefixPutsEveryLabelOutOfTheWay() throws Exception {
        SortedMap<String, String> labels = new TreeMap<>(Map.of("path", "/x", "ps4", "y", "ld.preload", "z"));

        EnvWriter.Assignments written = new EnvWriter("LABEL_").write(labels);

        assertEquals("LABEL_LD_PRELOAD='z'\nLABEL_PATH='/x'\nLABEL_PS4='y'\n", written.text());
        assertEquals(List.of(), written.leftOut());
    }

    @Test
    void theWholeNameIsCheckedSoAPrefixCannotCompleteAReservedOne() throws Exception {
        assertEquals(List.of("4"), new EnvWriter("PS").write(new TreeMap<>(Map.of("4", "x"))).leftOut());
        assertEquals(List.of("preload"), new EnvWriter("LD_").write(new TreeMap<>(Map.of("preload", "x"))).leftOut());
        assertEquals(List.of(""), new EnvWriter("path").write(new TreeMap<>(Map.of("", "x"))).leftOut());
    }

    @Test
    void everyNameIsAShellNameWhateverTheKey() {
        java.util.Random random = new java.util.Random(13);
        for (int i = 0; i < 10_000; i++) {
            StringBuilder key = new StringBuilder();
            int length = random.nextInt(6);
            for (int j = 0; j < length; j++) {
                key.appendCodePoint(random.nextInt(4) == 0 ? random.nextInt(0x3000) : "a.-_Z9/ ".charAt(random.nextInt(8)));
            }
            String name = new EnvWriter("").name(key.toString());
            assertTrue(name.matches("[A-Z_][A-Z0-9_]*"), key + " -> " + name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"LABEL_", "x", "_", "A1_"})
    void validPrefixesStartAShellName(String prefix) {
        assertTrue(EnvWriter.validPrefix(prefix));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1A", "my.", "A-B", "$X", "a b"})
    void invalidPrefixesAreRefused(String prefix) {
        assertFalse(EnvWriter.validPrefix(prefix));
    }

    @Test
    void bashEvalReadsEveryTrickyValueBackByteForByte() throws Exception {
        assertRoundTrip(new TreeMap<>(TrickyLabels.VALUES), "", "eval \"$(cat \"$1\")\"");
    }

    @Test
    void bashSourceReadsThreeHundredLabelsBackWithAPrefix() throws Exception {
        assertRoundTrip(new TreeMap<>(TrickyLabels.many(300)), "LBL_", "source \"$1\"");
    }

    /** Evaluates the output in bash, prints every variable NUL-separated and compares with the labels. */
    private void assertRoundTrip(SortedMap<String, String> labels, String prefix, String load) throws Exception {
        EnvWriter writer = new EnvWriter(prefix);
        Path env = Files.writeString(temp.resolve("labels.env"), writer.write(labels).text(), StandardCharsets.UTF_8);
        List<String> names = new ArrayList<>();
        labels.keySet().forEach(key -> names.add(writer.name(key)));
        String script = "set -eu; " + load + "; shift; for name in \"$@\"; do printf '%s\\0' \"${!name}\"; done";
        List<String> args = new ArrayList<>(List.of(env.toString()));
        args.addAll(names);

        Bash.Result result = Bash.run(temp, script, args.toArray(String[]::new));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(List.copyOf(labels.values()), Bash.nulSeparated(result.stdout()));
        assertFalse(Files.exists(temp.resolve(TrickyLabels.PWNED)), "a value was executed by the shell");
        assertEquals("", result.stderr());
    }
}

package dev.labels.labels;

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

        assertEquals("A='it'\\''s $(x)'\nB=''\n", new EnvWriter("").write(labels));
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
        Path env = Files.writeString(temp.resolve("labels.env"), writer.write(labels), StandardCharsets.UTF_8);
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

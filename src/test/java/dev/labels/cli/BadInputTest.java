package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Bad command lines exit 2 before any network traffic, naming the argument and saying what is wrong. */
class BadInputTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--retries|-1|--retries|0 or more",
        "--retries|three|--retries|0 or more",
        "--retries|1.5|--retries|0 or more",
        "--timeout|0|--timeout|1 or more",
        "--timeout|-5|--timeout|1 or more",
        "--timeout|soon|--timeout|1 or more",
        "--platform|linux|--platform|expected os/arch",
        "--platform|linux/amd64/v8/extra|--platform|expected os/arch",
        "--mirror|docker.io|--mirror|REGISTRY=URL",
        "--mirror|docker.io=ftp://x|--mirror|\"ftp://x\" is not an http",
    })
    void invalidOptionValuesAreUsageErrorsNamingTheOption(String option, String value, String named, String why) {
        CliRun run = CliRun.run("inspect", "alpine:3", option, value);

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertTrue(run.stderr().contains(named), run.toString());
        assertTrue(run.stderr().contains(why), run.toString());
        assertEquals("", run.stdout());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "UPPER/case:1",
        "alpine:bad tag",
        "alpine@sha256:short",
        "''",
        "registry.example.com:99999999/app",
        "registry.example.com:0/app",
    })
    void invalidReferencesAreUsageErrorsNamingTheReference(String reference) {
        CliRun run = CliRun.run("inspect", reference);

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertTrue(run.stderr().startsWith("labels: "), run.toString());
        assertTrue(run.stderr().contains("reference") || run.stderr().contains("invalid"), run.toString());
        assertTrue(run.stderr().lines().count() <= 2, "a message, not a stack trace: " + run);
        assertEquals("", run.stdout());
    }

    @Test
    void helpShowsTheReliabilityOptionsWithTheirDefaults() {
        CliRun run = CliRun.run("inspect", "--help");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(run.stdout().contains("--retries=N"), run.stdout());
        assertTrue(run.stdout().contains("(default: 3)"), run.stdout());
        assertTrue(run.stdout().contains("--timeout=SECONDS"), run.stdout());
        assertTrue(run.stdout().contains("(default: 120)"), run.stdout());
    }
}

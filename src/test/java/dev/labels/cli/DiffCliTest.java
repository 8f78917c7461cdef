package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.testing.FakeRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code labels diff}: exit 0 for the same selected labels, 7 for differences, the usual codes for errors. */
class DiffCliTest {
    private FakeRegistry fake;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.NONE);
        fake.pushImage("team/app", "86", Map.of("app.cpu", "0.1", "app.memory", "300", "app.old", "x", "build", "86"));
        fake.pushImage("team/app", "87", Map.of("app.cpu", "0.1", "app.memory", "512", "app.new", "y\n", "build", "87"));
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
    }

    private CliRun diff(String... extra) {
        List<String> args = new ArrayList<>(List.of("diff", fake.host() + "/team/app:86", fake.host() + "/team/app:87",
                "--mirror", fake.plainHttpMirror(), "--no-cache"));
        args.addAll(List.of(extra));
        return CliRun.run(args.toArray(String[]::new));
    }

    @Test
    void differentLabelsExitSevenWithAddedRemovedAndChanged() {
        CliRun run = diff("--prefix", "app.", "--compact");

        assertEquals(ExitCodes.DIFFERENT, run.exitCode(), run::toString);
        assertEquals("{\"added\":{\"app.new\":\"y\\n\"},\"removed\":{\"app.old\":\"x\"},"
                + "\"changed\":{\"app.memory\":{\"from\":\"300\",\"to\":\"512\"}}}\n", run.stdout());
        assertEquals("", run.stderr());
    }

    @Test
    void sameSelectedLabelsExitZero() {
        CliRun run = diff("--match", "app.cpu", "--compact");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("{\"added\":{},\"removed\":{},\"changed\":{}}\n", run.stdout());
    }

    @Test
    void stripPrefixComparesShortKeys() {
        CliRun run = diff("--prefix", "app.", "--strip-prefix", "--regex", "^build$", "--compact");

        assertEquals(ExitCodes.DIFFERENT, run.exitCode());
        assertTrue(run.stdout().contains("\"memory\":{\"from\":\"300\",\"to\":\"512\"}"), run.stdout());
        assertTrue(run.stdout().contains("\"build\":{\"from\":\"86\",\"to\":\"87\"}"), run.stdout());
    }

    @Test
    void tableIsForPeople() {
        CliRun run = diff("--prefix", "app.", "-o", "table");

        assertEquals(ExitCodes.DIFFERENT, run.exitCode());
        assertEquals("""
                CHANGE   KEY         FROM  TO
                changed  app.memory  300   512
                added    app.new           y\\n
                removed  app.old     x
                """, run.stdout());
    }

    @Test
    void aMissingImageIsNotFoundNotADifference() {
        CliRun run = CliRun.run("diff", fake.host() + "/team/app:86", fake.host() + "/team/app:nope",
                "--mirror", fake.plainHttpMirror(), "--no-cache");

        assertEquals(ExitCodes.NOT_FOUND, run.exitCode(), run::toString);
        assertEquals("", run.stdout());
    }

    @Test
    void oneReferenceIsAUsageError() {
        assertEquals(ExitCodes.USAGE, CliRun.run("diff", "alpine").exitCode());
    }
}

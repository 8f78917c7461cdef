package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config file that cannot be used stops the run with exit 2, naming the file and the problem. */
class ConfigFileOptionTest {
    @TempDir
    Path dir;

    @Test
    void invalidDefaultConfigFileExitsTwoNamingItAndTheProblem() throws Exception {
        Path file = Files.createDirectories(dir.resolve("labels")).resolve("config.json");
        Files.writeString(file, "{\"registries\":{\"docker.io\":{\"mirror\":[\"https://m\"]}}}");

        CliRun run = CliRun.run(Map.of("XDG_CONFIG_HOME", dir.toString()), "", "inspect", "alpine");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("config file " + file + ": unknown key \"registries.docker.io.mirror\""),
                run.stderr());
    }

    @Test
    void configOptionFileThatIsNotJsonExitsTwo() throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"registries\": {");

        CliRun run = CliRun.run("inspect", "alpine", "--config", file.toString());

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains(file + ": truncated JSON (at line 1, column "), run.stderr());
    }

    @Test
    void configOptionFileThatDoesNotExistExitsTwo() {
        CliRun run = CliRun.run("inspect", "alpine", "--config", dir.resolve("none.json").toString());

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains(dir.resolve("none.json") + " does not exist"), run.stderr());
    }
}

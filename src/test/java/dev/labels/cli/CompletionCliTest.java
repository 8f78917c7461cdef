package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.testing.Bash;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code labels completion}: scripts a shell can load, offering subcommands, options and their values. */
class CompletionCliTest {
    @TempDir
    Path temp;

    /** Loads the bash script in a real bash and asks it to complete {@code words}; returns the candidates. */
    private String complete(Path script, String... words) {
        String line = String.join(" ", words);
        Bash.Result result = Bash.run(temp, "source \"$1\"; COMP_WORDS=(" + line + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE=\"" + line + "\"; COMP_POINT=${#COMP_LINE}; _complete_labels labels; "
                + "printf '%s\\n' \"${COMPREPLY[@]}\"", script.toString());
        assertEquals(0, result.exitCode(), result.stderr());
        return new String(result.stdout(), StandardCharsets.UTF_8);
    }

    @Test
    void bashCompletionOffersSubcommandsOptionsAndFormats() throws Exception {
        CliRun run = CliRun.run("completion", "bash");
        assertEquals(0, run.exitCode(), run::toString);
        Path script = Files.writeString(temp.resolve("labels.bash"), run.stdout());

        String commands = complete(script, "labels", "''");
        String options = complete(script, "labels", "inspect", "--str");
        String formats = complete(script, "labels", "inspect", "-o", "''");
        String reportFormats = complete(script, "labels", "ratelimit", "-o", "''");

        for (String command : new String[] {"inspect", "list", "tags", "diff", "config", "ratelimit", "cache",
                "completion"}) {
            assertTrue(commands.lines().anyMatch(command::equals), command + " in " + commands);
        }
        assertEquals("--strip-prefix\n", options);
        assertEquals("json\nndjson\nenv\nproperties\ntable\n", formats);
        assertEquals("json\ntable\n", reportFormats, "ratelimit prints json or a table only");
    }

    @Test
    void zshCompletionIsTheBashScriptUnderACompdefLine() {
        CliRun run = CliRun.run("completion", "zsh");

        assertEquals(0, run.exitCode());
        assertTrue(run.stdout().startsWith("#compdef labels\n"), run.stdout());
        assertTrue(run.stdout().contains("bashcompinit"), "zsh loads its bash completion support");
    }

    @Test
    void fishCompletionHasALinePerSubcommandAndOption() {
        CliRun run = CliRun.run("completion", "fish");

        assertEquals(0, run.exitCode());
        String fish = run.stdout();
        assertTrue(fish.contains("complete -c labels -n '__fish_use_subcommand' -a 'diff' -d 'Compare the labels of two images: added (only in REF_B), removed (only in REF_A) and changed'"), fish);
        assertTrue(fish.contains("complete -c labels -n '__fish_seen_subcommand_from inspect' -s o -l output -x -a 'json ndjson env properties table'"), fish);
        assertTrue(fish.contains("-l strip-prefix -d "), fish);
        assertTrue(fish.contains("-l file -r -F"), "file options complete file names: " + fish);
        assertTrue(fish.contains("__fish_seen_subcommand_from cache; and not __fish_seen_subcommand_from info clear' -a 'info'"), fish);
        assertTrue(fish.contains("-a 'bash zsh fish'"), fish);
        assertTrue(fish.contains("complete -c labels -n '__fish_use_subcommand' -a 'ratelimit' -d 'Show a registry's pull limit: "
                .replace("'s", "\\'s")), fish);
        assertTrue(fish.contains("complete -c labels -n '__fish_seen_subcommand_from ratelimit' -s o -l output -x -a 'json table'"), fish);
        fish.lines().forEach(line -> assertTrue(line.startsWith("#") || line.startsWith("complete -c labels "), line));
    }

    @Test
    void helpShowsZshsFpathVariableAsItIs() {
        CliRun run = CliRun.run("completion", "--help");

        assertEquals(0, run.exitCode());
        // picocli interpolates ${...} in help text; the example must keep zsh's variable, not print "null".
        assertTrue(run.stdout().contains("labels completion zsh > \"${fpath[1]}/_labels\""), run.stdout());
    }

    @Test
    void anUnknownShellIsAUsageError() {
        CliRun run = CliRun.run("completion", "powershell");

        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.stderr().contains("bash, zsh, fish"), run.stderr());
    }

    @Test
    void everyCommandsHelpHasExamples() {
        for (String command : new String[] {"inspect", "list", "tags", "diff", "config", "ratelimit", "completion"}) {
            CliRun help = CliRun.run(command, "--help");
            assertEquals(0, help.exitCode(), command);
            assertTrue(help.stdout().contains("Examples:"), command + ": " + help.stdout());
        }
        assertTrue(CliRun.run("--help").stdout().contains("6 a required label is missing"));
        assertTrue(CliRun.run("--help").stdout().contains("  ratelimit "), "ratelimit is listed in --help");
    }
}

package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Each option means one thing and says so in one way, in every command that takes it. */
class OptionDeclarationsTest {

    /**
     * Options whose help names what differs between the commands on purpose: -o lists the command's own formats;
     * --prefix names the other options that select labels, and list has no --match for label keys.
     */
    private static final Set<String> HELP_BY_COMMAND = Set.of("--output", "--prefix");

    /**
     * Every command of the tree, by its qualified name ("labels cache info"), as help and man pages see it; but
     * {@code help}, which is picocli's own.
     */
    private static Map<String, CommandSpec> commands() {
        LabelsCommand labels = new LabelsCommand(InputStream.nullInputStream(), OutputStream.nullOutputStream(),
                Map.of(), System.getProperty("user.home"), false);
        CommandLine root = new CommandLine(labels.model());
        Subcommands.register(root, labels, new String[0]);
        Map<String, CommandSpec> all = new LinkedHashMap<>();
        collect(root.getCommandSpec(), all);
        return all;
    }

    private static void collect(CommandSpec command, Map<String, CommandSpec> all) {
        if (command.userObject() instanceof CommandLine.HelpCommand) {
            return;
        }
        all.put(command.qualifiedName(), command);
        command.subcommands().values().stream().map(CommandLine::getCommandSpec).distinct()
                .forEach(sub -> collect(sub, all));
    }

    /** The visible options named {@code name}, by command. */
    private static Map<String, OptionSpec> declarations(String name) {
        Map<String, OptionSpec> found = new TreeMap<>();
        commands().forEach((command, spec) -> {
            OptionSpec option = spec.findOption(name);
            if (option != null && !option.hidden()) {
                found.put(command, option);
            }
        });
        return found;
    }

    @Test
    void platformHasOneHelpTextInEveryCommandThatReadsImages() {
        Map<String, OptionSpec> platform = declarations("--platform");

        assertEquals(Set.of("labels inspect", "labels list", "labels diff", "labels config"), platform.keySet());
        Set<String> texts = new TreeSet<>();
        platform.values().forEach(option -> texts.add(String.join("\n", option.description())
                + " [" + option.paramLabel() + "]"));
        assertEquals(1, texts.size(), texts::toString);
        assertTrue(texts.iterator().next().contains("linux and this machine's architecture"), texts::toString);
    }

    @Test
    void platformReadsTheSameInEveryCommandsHelp() {
        Set<String> blocks = new TreeSet<>();
        for (String command : List.of("inspect", "list", "diff", "config")) {
            CliRun help = CliRun.run(command, "--help");
            List<String> lines = help.stdout().lines().toList();
            int start = lines.indexOf("      --platform=OS/ARCH[/VARIANT]");
            assertTrue(start >= 0, command + ": " + help.stdout());
            List<String> block = new ArrayList<>();
            for (int i = start; i < lines.size() && (i == start || lines.get(i).startsWith("       ")); i++) {
                block.add(lines.get(i));
            }
            blocks.add(String.join("\n", block));
        }
        assertEquals(1, blocks.size(), () -> String.join("\n\n", blocks));
    }

    @Test
    void everyOptionThatSeveralCommandsTakeHasOneHelpText() {
        Map<String, Set<String>> texts = new TreeMap<>();
        commands().values().forEach(command -> command.options().stream().filter(option -> !option.hidden())
                .forEach(option -> texts.computeIfAbsent(option.longestName(), name -> new TreeSet<>())
                        .add(String.join("\n", option.description()) + " [" + option.paramLabel() + "]")));
        texts.keySet().removeAll(HELP_BY_COMMAND);

        texts.forEach((name, seen) -> assertEquals(1, seen.size(), name + " has several help texts: " + seen));
    }

    @Test
    void matchSelectsLabelKeysWhereverHelpShowsItAndTagSelectsTags() {
        assertEquals(Set.of("labels inspect", "labels diff"), declarations("--match").keySet());
        assertTrue(String.join(" ", declarations("--match").get("labels inspect").description()).contains("key"));
        assertEquals(Set.of("labels list", "labels tags"), declarations("--tag").keySet());

        for (String command : List.of("list", "tags")) {
            String help = CliRun.run(command, "--help").stdout();
            assertFalse(help.contains("--match"), command + " --help shows the old spelling: " + help);
            assertTrue(help.contains("--tag=GLOB"), help);
        }
    }
}

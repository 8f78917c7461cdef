package dev.labels.cli;

import dev.labels.cli.boot.TrainCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * The subcommands of {@code labels}, registered lazily: building a command's model costs start-up time, so a
 * run that names its subcommand first ({@code labels inspect ...}, the case of every script) registers only
 * that one; help, typos and anything else get the full tree, so usage messages and suggestions stay complete.
 */
final class Subcommands {
    private static final Map<String, Function<LabelsCommand, Object>> ALL = new LinkedHashMap<>();

    // Lambdas, not constructor references: a reference loads its class when the map is made, a lambda only
    // when it is called, so a run loads only the command it runs.
    static {
        ALL.put("inspect", root -> new InspectCommand(root).model());
        ALL.put("list", root -> new ListCommand(root).model());
        ALL.put("tags", root -> new TagsCommand(root).model());
        ALL.put("diff", root -> new DiffCommand(root).model());
        ALL.put("config", root -> new ConfigCommand(root).model());
        ALL.put("ratelimit", root -> new RateLimitCommand(root).model());
        ALL.put("cache", root -> new CacheCommand(root).model());
        ALL.put("completion", root -> new CompletionCommand(root).model());
        ALL.put("help", root -> new CommandLine.HelpCommand());
        ALL.put("__train", root -> new TrainCommand().model());
    }

    private Subcommands() {
    }

    /** Adds to {@code root}, the command line of {@code labels}, the subcommands that a run with {@code args} needs. */
    static void register(CommandLine root, LabelsCommand labels, String[] args) {
        Function<LabelsCommand, Object> named = args.length > 0 ? ALL.get(args[0]) : null;
        // help and completion describe the whole tree, so they need all of it.
        if (named != null && !args[0].equals("help") && !args[0].equals("completion")) {
            root.addSubcommand(args[0], named.apply(labels));
            return;
        }
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return;
        }
        ALL.forEach((name, command) -> root.addSubcommand(name, command.apply(labels)));
    }
}

package dev.labels.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The subcommands of {@code labels}, registered lazily. picocli builds a model of every registered command by
 * reflection at start-up, and its classes cannot be kept in the class-data-sharing archive (they are Java 5
 * bytecode); that is most of the start-up time of a run. A run that names its subcommand first
 * ({@code labels inspect ...}, the case of every script) registers only that one; help, typos and anything
 * else get the full tree, so usage messages and suggestions stay complete.
 */
final class Subcommands {
    private static final Map<String, Supplier<Object>> ALL = new LinkedHashMap<>();

    // Lambdas, not constructor references: a reference loads its class when the map is made, a lambda only
    // when it is called, so a run loads only the command it runs.
    static {
        ALL.put("inspect", () -> new InspectCommand());
        ALL.put("list", () -> new ListCommand());
        ALL.put("tags", () -> new TagsCommand());
        ALL.put("diff", () -> new DiffCommand());
        ALL.put("config", () -> new ConfigCommand());
        ALL.put("cache", () -> new CacheCommand());
        ALL.put("completion", () -> new CompletionCommand());
        ALL.put("help", () -> new CommandLine.HelpCommand());
        ALL.put("__train", () -> new TrainCommand());
    }

    private Subcommands() {
    }

    static void register(CommandLine root, String[] args) {
        Supplier<Object> named = args.length > 0 ? ALL.get(args[0]) : null;
        // help and completion describe the whole tree, so they need all of it.
        if (named != null && !args[0].equals("help") && !args[0].equals("completion")) {
            root.addSubcommand(args[0], named.get());
            return;
        }
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return;
        }
        ALL.forEach((name, command) -> root.addSubcommand(name, command.get()));
    }
}

package dev.labels.cli;

import dev.labels.registry.RegistryConfig;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** The top-level command: holds the process context (stdin, environment) that subcommands need. */
@Command(name = "labels", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Read container image labels straight from a registry, without pulling the image.",
        subcommands = {InspectCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0 ok, 1 error (network, malformed answer), 2 usage or invalid reference,",
            "  3 not found, 4 authentication failed, 5 rate-limited"
        })
final class LabelsCommand {
    @Spec
    CommandLine.Model.CommandSpec spec;

    private final InputStream stdin;
    private final Map<String, String> env;
    private final String userHome;

    LabelsCommand(InputStream stdin, Map<String, String> env, String userHome) {
        this.stdin = stdin;
        this.env = env;
        this.userHome = userHome;
    }

    RegistryConfig registryConfig(RegistryOptions options, LoggingOptions logging) throws UsageException {
        return options.toConfig(logging.verbose(), stdin, env, userHome);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    void warn(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("labels: warning: " + message);
        err.flush();
    }
}

package dev.labels.cli;

import dev.labels.archive.ArchiveImages;
import dev.labels.cache.ImageCache;
import dev.labels.image.Platform;
import dev.labels.registry.ImageResolver;
import dev.labels.registry.RegistryClient;
import dev.labels.source.ImageSource;
import dev.labels.source.RegistrySource;
import dev.labels.source.Sources;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** The top-level command: holds the process context (stdin, environment, terminal) that subcommands need. */
@Command(name = "labels", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Read container image labels straight from a registry, without pulling the image.",
        subcommands = {InspectCommand.class, ListCommand.class, TagsCommand.class, CacheCommand.class,
            CommandLine.HelpCommand.class},
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
    private final boolean stderrIsTerminal;

    LabelsCommand(InputStream stdin, Map<String, String> env, String userHome, boolean stderrIsTerminal) {
        this.stdin = stdin;
        this.env = env;
        this.userHome = userHome;
        this.stderrIsTerminal = stderrIsTerminal;
    }

    /** The registry client of this run: one per process, shared by every image of a batch. */
    RegistryClient registryClient(RegistryOptions options, LoggingOptions logging) throws UsageException {
        return new RegistryClient(options.toConfig(logging.verbose(), stdin, env, userHome));
    }

    /** Where references are read from: files for oci:, oci-archive: and docker-archive:, else registries (cached). */
    ImageSource source(RegistryClient client, CacheOptions cache) {
        ImageCache opened = cache.open(env, userHome, this::warn);
        return new Sources(new RegistrySource(new ImageResolver(client, opened, Platform.host())),
                new ArchiveImages(Platform.host()));
    }

    java.nio.file.Path cacheFolder(CacheOptions cache) {
        return cache.folder(env, userHome);
    }

    InputStream stdin() {
        return stdin;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    Progress progress(int total) {
        return Progress.of(stderrIsTerminal, err(), total);
    }

    void warn(String message) {
        PrintWriter err = err();
        synchronized (err) {
            err.println("labels: warning: " + message);
            err.flush();
        }
    }
}

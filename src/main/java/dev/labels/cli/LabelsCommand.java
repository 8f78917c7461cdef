package dev.labels.cli;

import dev.labels.app.Progress;
import dev.labels.app.PullsNeeded;
import dev.labels.archive.ArchiveImages;
import dev.labels.cache.ImageCache;
import dev.labels.cache.Notes;
import dev.labels.image.Platform;
import dev.labels.registry.ImageResolver;
import dev.labels.registry.RegistryClient;
import dev.labels.source.ImageSource;
import dev.labels.source.RegistrySource;
import dev.labels.source.Sources;
import dev.labels.text.SafeText;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The top-level command: holds the process context (stdin, environment, terminal) that subcommands need. */
final class LabelsCommand extends StandardOptions {
    private CommandSpec spec;

    private final InputStream stdin;
    private final OutputStream stdout;
    private final Map<String, String> env;
    private final String userHome;
    private final boolean stderrIsTerminal;
    private ImageCache openedCache;

    LabelsCommand(InputStream stdin, Map<String, String> env, String userHome, boolean stderrIsTerminal) {
        this(stdin, null, env, userHome, stderrIsTerminal);
    }

    /** @param stdout the raw stdout under {@link #out()}, for output that must be bytes as they are */
    LabelsCommand(InputStream stdin, OutputStream stdout, Map<String, String> env, String userHome,
                  boolean stderrIsTerminal) {
        this.stdin = stdin;
        this.stdout = stdout;
        this.env = env;
        this.userHome = userHome;
        this.stderrIsTerminal = stderrIsTerminal;
    }

    /** The top-level model, without subcommands: {@link Subcommands} adds those that the run needs. */
    CommandSpec model() {
        CommandModel model = CommandModel.of("labels", this).version(new VersionProvider())
                .description("Read container image labels straight from a registry, without pulling the image.")
                .footer("%nExit codes:%n",
                        "  0 ok, 1 error (network, malformed answer), 2 usage or invalid reference,",
                        "  3 not found, 4 authentication failed, 5 rate-limited,",
                        "  6 a required label is missing (--require, --get), 7 diff found differences,",
                        "  8 not an image (a Helm chart, an SBOM, a signature)",
                        "",
                        "Examples:",
                        "  labels inspect wehkamp/blaze-dodo-service:87-2b51c14",
                        "  eval \"$(labels inspect -o env --prefix blaze.service. app:1)\"",
                        "  labels diff app:86 app:87",
                        "  labels help inspect");
        declareStandardOptions(model);
        spec = model.spec();
        return spec;
    }

    CommandLine commandLine() {
        return spec.commandLine();
    }

    /** The registry client of a command that keeps no cache ({@code tags}). */
    RegistryClient registryClient(RegistryAccess access) throws UsageException {
        return RegistryClient.builder(access.registry.toConfig(access.logging.verbose(), stdin, env, userHome))
                .reliability(access.reliability.toReliability()).build();
    }

    /**
     * The registry client of this run: one per process, shared by every image of a batch. What it learns
     * about registries (plain HTTP, challenges, tokens) goes into the cache's notes for later runs.
     */
    RegistryClient registryClient(RegistryAccess access, CacheOptions cache) throws UsageException {
        return registryClient(access, cache, 0);
    }

    /** As {@link #registryClient(RegistryAccess, CacheOptions)}, with at most {@code jobs} reads in flight. */
    RegistryClient registryClient(RegistryAccess access, CacheOptions cache, int jobs) throws UsageException {
        Notes notes = cache(cache) instanceof Notes kept ? kept : Notes.NONE;
        return RegistryClient.builder(access.registry.toConfig(access.logging.verbose(), stdin, env, userHome))
                .reliability(access.reliability.toReliability()).notes(notes).requestsInFlight(jobs).build();
    }

    /** The cache of this run, opened once so that a cache that cannot be written is reported once. */
    private ImageCache cache(CacheOptions options) {
        if (openedCache == null) {
            openedCache = options.open(env, userHome, this::warn);
        }
        return openedCache;
    }

    /** Where references are read from: registries (through the cache) and image files. */
    ImageSource source(RegistryClient client, CacheOptions cache) {
        return new Sources(new RegistrySource(new ImageResolver(client, cache(cache), Platform.host())),
                new ArchiveImages(Platform.host()));
    }

    /**
     * Before a batch: the client warns when a registry that counts pulls (Docker Hub) says, in its first answer,
     * that fewer are left than the batch's images that are not in the cache.
     */
    void expectPulls(RegistryClient client, CacheOptions cache, java.util.List<String> references) {
        PullsNeeded.expect(client, new ImageResolver(client, cache(cache), Platform.host()), references, this::warn);
    }

    java.nio.file.Path cacheFolder(CacheOptions cache) {
        return cache.folder(env, userHome);
    }

    InputStream stdin() {
        return stdin;
    }

    PrintWriter out() {
        return commandLine().getOut();
    }

    /** Writes bytes to stdout unchanged (no charset round trip), after whatever {@link #out()} holds. */
    void writeRaw(byte[] bytes) throws java.io.IOException {
        out().flush();
        if (stdout == null) {
            throw new IllegalStateException("no raw stdout"); // only Main makes the command, and it gives one
        }
        stdout.write(bytes);
        stdout.flush();
    }

    PrintWriter err() {
        return commandLine().getErr();
    }

    Progress progress(int total) {
        return Progress.of(stderrIsTerminal, err(), total);
    }

    /** One line on stderr; the message is escaped here, as it often quotes what an image or registry said. */
    void warn(String message) {
        note("warning: " + message);
    }

    /** One line on stderr that is not a warning (something the data on stdout cannot say); escaped as warnings are. */
    void note(String message) {
        PrintWriter err = err();
        synchronized (err) {
            err.println("labels: " + SafeText.line(message));
            err.flush();
        }
    }
}

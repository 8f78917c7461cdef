package dev.labels.cli;

import dev.labels.image.Platform;
import dev.labels.labels.JsonWriter;
import dev.labels.labels.LabelSelector;
import dev.labels.registry.RegistryClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code labels inspect REF...}: the labels of one image as a JSON object, or of several as records. */
@Command(name = "inspect", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Print an image's labels as a JSON object, read from the registry without pulling the image.",
            "With several references (or -o ndjson/json): one record per reference, in input order."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  labels inspect wehkamp/blaze-dodo-service:87-2b51c14 | jq .",
            "  labels inspect --prefix blaze.service. ghcr.io/org/app:1.2",
            "  labels inspect --platform linux/arm64 alpine:3.20",
            "  labels inspect --creds \"$USER:$PASS\" registry.example.com/team/app@sha256:...",
            "  labels inspect --file services.txt --jobs 16 > labels.ndjson",
            "  labels inspect --mirror docker.io=http://127.0.0.1:5000 library/alpine",
            "",
            "Environment:",
            "  HTTPS_PROXY, HTTP_PROXY, NO_PROXY  proxies, as curl reads them (lower case",
            "      wins); localhost is proxied too unless NO_PROXY lists it",
            "  REGISTRY_AUTH_FILE, XDG_RUNTIME_DIR, DOCKER_CONFIG  where credentials are",
            "  XDG_CONFIG_HOME  holds containers/auth.json and labels/config.json"
        })
final class InspectCommand implements Callable<Integer> {

    @ParentCommand
    LabelsCommand parent;

    @Parameters(arity = "0..*", paramLabel = "REF",
            description = "Image reference: [REGISTRY[:PORT]/]REPOSITORY[:TAG][@DIGEST]; Docker Hub and :latest "
                    + "are the defaults, as with docker pull.")
    List<String> references = new ArrayList<>();

    @Option(names = "--file", paramLabel = "FILE",
            description = "Read references from FILE, one a line (- for stdin; blank lines and # comments ignored).")
    String file;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", converter = PlatformConverter.class,
            description = "Platform to read from a multi-platform image (default: linux and this machine's "
                    + "architecture, else the image's first platform, with a warning).")
    Platform platform;

    @Option(names = "--prefix", paramLabel = "PREFIX",
            description = "Keep only labels whose key starts with PREFIX (repeatable; a label is kept when it "
                    + "matches any).")
    List<String> prefixes = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
            description = "json or ndjson. Default: the labels object for one reference, ndjson records for several.")
    OutputFormat output;

    @Option(names = "--compact", description = "Print JSON on one line.")
    boolean compact;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", defaultValue = "8",
            description = "Images inspected at once, so requests in flight (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Mixin
    RegistryOptions registryOptions;

    @Mixin
    CacheOptions cacheOptions;

    @Mixin
    LoggingOptions logging;

    @Mixin
    ReliabilityOptions reliability;

    @Override
    public Integer call() throws Exception {
        Batch.checkJobs(jobs);
        List<String> all = ReferenceInput.gather(references, file, parent.stdin());
        if (all.isEmpty()) {
            if (file != null) {
                return ExitCodes.OK; // an empty list is a valid list: nothing to print
            }
            throw new UsageException("no image reference given");
        }
        try (RegistryClient client = parent.registryClient(registryOptions, logging, reliability)) {
            ImageInspector inspector = new ImageInspector(parent.source(client, cacheOptions), platform,
                    new LabelSelector(prefixes), parent::warn);
            if (all.size() == 1 && output == null) {
                return printLabels(inspector.inspect(all.get(0)));
            }
            RecordPrinter printer = new RecordPrinter(parent.out(), output == null ? OutputFormat.ndjson : output,
                    compact);
            return Batch.run(parent, inspector, all, jobs, printer);
        }
    }

    /** One reference, default format: the plain labels object, or the error as the command's failure. */
    private int printLabels(Outcome outcome) throws Exception {
        if (outcome.failed()) {
            if (outcome.error() instanceof Exception e) {
                throw e;
            }
            throw new IllegalStateException(outcome.error());
        }
        parent.out().print(new JsonWriter(compact).write(outcome.record().labels()));
        parent.out().flush();
        return ExitCodes.OK;
    }
}

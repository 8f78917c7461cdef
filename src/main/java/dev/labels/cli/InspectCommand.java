package dev.labels.cli;

import dev.labels.image.Platform;
import dev.labels.labels.ImageRecord;
import dev.labels.labels.LabelSelector;
import dev.labels.labels.Requirement;
import dev.labels.labels.VisibleText;
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
@Command(name = "inspect", sortOptions = false,
        description = {"Print an image's labels as a JSON object, read from the registry without pulling the image.",
            "With several references (or -o ndjson/json, or --all-platforms): one record per image, in input order."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  labels inspect wehkamp/blaze-dodo-service:87-2b51c14 | jq .",
            "  labels inspect --prefix blaze.service. --strip-prefix ghcr.io/org/app:1.2",
            "  labels inspect --get blaze.service.deployment.cpu --default 0.1 ghcr.io/org/app:1.2",
            "  eval \"$(labels inspect -o env --prefix blaze.service. ghcr.io/org/app:1.2)\"",
            "  labels inspect -o properties --match 'blaze.*' app:1 > labels.properties",
            "  labels inspect --require org.opencontainers.image.source --require team=dodo app:1",
            "  labels inspect -o table --all-platforms alpine:3.20",
            "  labels inspect --full --platform linux/arm64 alpine:3.20",
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
final class InspectCommand extends BatchCommand implements Callable<Integer> {

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

    @Option(names = "--all-platforms", description = "One record per platform of a multi-platform image "
            + "(attestations left out), each with its platform and labels.")
    boolean allPlatforms;

    @Option(names = "--match", paramLabel = "GLOB",
            description = "Keep labels whose whole key matches GLOB (* and ?; repeatable).")
    List<String> matches = new ArrayList<>();

    @Mixin
    LabelSelection selection;

    @Option(names = "--get", paramLabel = "KEY",
            description = "Print only the value of label KEY (after --prefix/--strip-prefix), and a newline. "
                    + "Missing: exit 6, or print --default. One image only.")
    String get;

    @Option(names = "--default", paramLabel = "VALUE", description = "With --get: print VALUE when the label is missing.")
    String defaultValue;

    @Option(names = "--require", paramLabel = "KEY[=VALUE]",
            description = "Exit 6 unless the image has label KEY (with exactly VALUE, when given), naming every "
                    + "label missing or different; repeatable. KEY is the full key, whatever --strip-prefix does.")
    List<String> requires = new ArrayList<>();

    @Option(names = "--full", description = "Also print digests, platform, created, env, entrypoint, cmd, user, "
            + "workingDir, exposedPorts and the manifest's annotations, in one object with labels inside.")
    boolean full;

    @Mixin
    OutputOptions outputOptions;

    @Mixin
    RegistryAccess access;

    @Mixin
    CacheOptions cacheOptions;

    @Override
    public Integer call() throws Exception {
        checkJobs();
        LabelSelector selector = selection.selector(matches);
        List<Requirement> requirements = Requirements.parse(requires);
        outputOptions.check();
        List<String> all = ReferenceInput.gather(references, file, parent.stdin());
        if (all.isEmpty()) {
            if (file != null) {
                return ExitCodes.OK; // an empty list is a valid list: nothing to print
            }
            throw new UsageException("no image reference given");
        }
        OutputFormat output = outputOptions.output;
        boolean records = all.size() > 1 || allPlatforms || (output != null && output.isJson());
        checkCombinations(all.size(), records);
        try (RegistryClient client = parent.registryClient(access, cacheOptions, jobs)) {
            ImageInspector inspector = new ImageInspector(parent.source(client, cacheOptions), platform, selector,
                    requirements, full, parent::warn);
            if (!records) {
                return printOne(inspector.inspect(all.get(0)));
            }
            RecordPrinter printer = new RecordPrinter(parent.out(), output == null ? OutputFormat.ndjson : output,
                    outputOptions.compact, outputOptions.nested);
            if (allPlatforms) {
                return Batch.run(parent, inspector::inspectAll, all, jobs, printer);
            }
            return Batch.run(parent, inspector, all, jobs, printer);
        }
    }

    /** Usage errors found before any request: options that cannot work together. */
    private void checkCombinations(int count, boolean records) throws UsageException {
        if (allPlatforms && platform != null) {
            throw new UsageException("--all-platforms and --platform cannot be combined");
        }
        if (defaultValue != null && get == null) {
            throw new UsageException("--default needs --get");
        }
        if (get != null) {
            if (count > 1 || allPlatforms) {
                throw new UsageException("--get prints the label of one image, but " + (allPlatforms
                        ? "--all-platforms gives several" : count + " references were given")
                        + "; use -o ndjson and jq for several");
            }
            if (outputOptions.output != null || full || outputOptions.nested) {
                throw new UsageException("--get prints a raw value: it takes no -o, --full or --nested");
            }
        }
        if (records) {
            outputOptions.checkSeveral(allPlatforms ? "--all-platforms gives one record per platform"
                    : count > 1 ? count + " references were given" : "-o " + outputOptions.output + " prints records");
        }
        if (full && outputOptions.output != null && !outputOptions.output.isJson()) {
            throw new UsageException("--full works with JSON output only, not -o " + outputOptions.output);
        }
    }

    /** One reference, no record format: the labels in the chosen format, or the error as the command's failure. */
    private int printOne(Outcome outcome) throws Exception {
        if (outcome.failed()) {
            if (outcome.error() instanceof Exception e) {
                throw e;
            }
            throw new IllegalStateException(outcome.error());
        }
        ImageRecord record = outcome.record();
        if (get != null) {
            String value = record.labels().get(get);
            if (value == null && defaultValue == null) {
                throw new LabelCheckException(record.resolved() + " has no label \"" + VisibleText.of(get) + "\"");
            }
            parent.out().print((value == null ? defaultValue : value) + "\n");
        } else {
            parent.out().print(SingleImagePrinter.render(record, outputOptions.output, outputOptions, full));
        }
        parent.out().flush();
        return ExitCodes.OK;
    }
}

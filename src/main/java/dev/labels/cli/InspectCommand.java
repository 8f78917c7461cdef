package dev.labels.cli;

import dev.labels.app.Batch;
import dev.labels.app.ImageInspector;
import dev.labels.app.LabelCheckException;
import dev.labels.app.Outcome;
import dev.labels.app.RecordPrinter;
import dev.labels.output.ImageRecord;
import dev.labels.output.OutputFormat;
import dev.labels.registry.RegistryClient;
import dev.labels.selection.LabelSelector;
import dev.labels.selection.Requirement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code labels inspect REF...}: the labels of one image as a JSON object, or of several as records. */
final class InspectCommand extends BatchCommand implements Callable<Integer> {
    private final LabelsCommand parent;
    List<String> references = new ArrayList<>();
    String file;
    final PlatformOption platformOption = new PlatformOption();
    boolean allPlatforms;
    final LabelSelection selection = new LabelSelection();
    String get;
    String defaultValue;
    final Requirements requiredLabels = new Requirements();
    final FullOption fullOption = new FullOption();
    final OutputOptions outputOptions = new OutputOptions();
    final RegistryAccess access = new RegistryAccess();
    final CacheOptions cacheOptions = new CacheOptions();

    InspectCommand(LabelsCommand parent) {
        this.parent = parent;
    }

    CommandSpec model() {
        CommandModel model = CommandModel.of("inspect", this).inDeclaredOrder()
                .description("Print an image's labels as a JSON object, read from the registry without pulling the "
                        + "image.", "With several references (or -o ndjson/json, or --all-platforms): one record per "
                        + "image, in input order.")
                .footer("%nExamples:%n",
                        "  labels inspect wehkamp/blaze-dodo-service:87-2b51c14 | jq .",
                        "  labels inspect --prefix blaze.service. --strip-prefix ghcr.io/org/app:1.2",
                        "  labels inspect --get blaze.service.deployment.cpu --default 0.1 ghcr.io/org/app:1.2",
                        "  eval \"$(labels inspect -o env --prefix blaze.service. ghcr.io/org/app:1.2)\"",
                        "  labels inspect -o properties --match 'blaze.*' app:1 > labels.properties",
                        "  labels inspect --require org.opencontainers.image.source --require team=dodo app:1",
                        "  labels inspect -o table --all-platforms alpine:3.20",
                        "  labels inspect --full --platform linux/arm64 alpine:3.20",
                        "  labels inspect --annotations --prefix org.opencontainers.image. app:1",
                        "  labels inspect --creds \"$USER:$PASS\" registry.example.com/team/app@sha256:...",
                        "  labels inspect --file services.txt --jobs 16 > labels.ndjson",
                        "  labels inspect --mirror docker.io=http://127.0.0.1:5000 library/alpine",
                        "",
                        "Environment:",
                        "  HTTPS_PROXY, HTTP_PROXY, NO_PROXY  proxies, as curl reads them (lower case",
                        "      wins); localhost is proxied too unless NO_PROXY lists it",
                        "  REGISTRY_AUTH_FILE, XDG_RUNTIME_DIR, DOCKER_CONFIG  where credentials are",
                        "  XDG_CONFIG_HOME  holds containers/auth.json and labels/config.json");
        model.parameter("0..*").arity("0..*").label("REF")
                .description("Image reference: [REGISTRY[:PORT]/]REPOSITORY[:TAG][@DIGEST]; Docker Hub and :latest "
                        + "are the defaults, as with docker pull.")
                .list(String.class, () -> references, value -> references = value);
        declareBatchOptions(model);
        model.option("--file").label("FILE")
                .description("Read references from FILE, one a line (- for stdin; blank lines and # comments ignored).")
                .value(String.class, () -> file, value -> file = value);
        platformOption.declare(model);
        model.option("--all-platforms").description("One record per platform of a multi-platform image "
                        + "(attestations left out), each with its platform and labels.")
                .flag(() -> allPlatforms, value -> allPlatforms = value);
        selection.declare(model);
        model.option("--get").label("KEY")
                .description("Print only the value of label KEY (after --prefix/--strip-prefix), and a newline. "
                        + "Missing: exit 6, or print --default. One image only.")
                .value(String.class, () -> get, value -> get = value);
        model.option("--default").label("VALUE").description("With --get: print VALUE when the label is missing.")
                .value(String.class, () -> defaultValue, value -> defaultValue = value);
        requiredLabels.declare(model);
        fullOption.declare(model);
        outputOptions.declare(model);
        access.declare(model);
        cacheOptions.declare(model);
        return model.spec();
    }

    @Override
    public Integer call() throws Exception {
        checkJobs();
        LabelSelector selector = selection.selector();
        List<Requirement> requirements = requiredLabels.parse();
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
            ImageInspector inspector = new ImageInspector(parent.source(client, cacheOptions),
                    platformOption.platform, selector, selection.labelsOf(), requirements, fullOption.full,
                    parent::warn);
            if (!records) {
                return printOne(inspector.inspect(all.get(0)));
            }
            parent.expectPulls(client, cacheOptions, all);
            RecordPrinter printer = new RecordPrinter(parent.out(), output == null ? OutputFormat.ndjson : output,
                    outputOptions.compact, outputOptions.nested);
            if (allPlatforms) {
                return Batch.run(parent.progress(all.size()), inspector::inspectAll, all, jobs, printer);
            }
            return Batch.run(parent.progress(all.size()), inspector, all, jobs, printer);
        }
    }

    /** Usage errors found before any request: options that cannot work together. */
    private void checkCombinations(int count, boolean records) throws UsageException {
        if (allPlatforms && platformOption.platform != null) {
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
            if (outputOptions.output != null || fullOption.full || outputOptions.nested) {
                throw new UsageException("--get prints a raw value: it takes no -o, --full or --nested");
            }
        }
        if (records) {
            outputOptions.checkSeveral(allPlatforms ? "--all-platforms gives one record per platform"
                    : count > 1 ? count + " references were given" : "-o " + outputOptions.output + " prints records");
        }
        if (fullOption.full && outputOptions.output != null && !outputOptions.output.isJson()) {
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
                throw new LabelCheckException(record.resolved() + " has no label \"" + get + "\"");
            }
            parent.out().print((value == null ? defaultValue : value) + "\n");
        } else {
            SingleImagePrinter.Rendered rendered = SingleImagePrinter.render(record, outputOptions.output,
                    outputOptions, fullOption.full);
            parent.out().print(rendered.text());
            parent.out().flush();
            if (rendered.failure() != null) {
                throw rendered.failure();
            }
        }
        parent.out().flush();
        return ExitCodes.OK;
    }
}

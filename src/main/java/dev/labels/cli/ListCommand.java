package dev.labels.cli;

import dev.labels.image.Platform;
import dev.labels.labels.LabelSelector;
import dev.labels.labels.Requirement;
import dev.labels.reference.ImageReference;
import dev.labels.registry.RegistryClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code labels list REPO}: the labels of every tag of a repository, one record per tag. */
final class ListCommand extends BatchCommand implements Callable<Integer> {
    private final LabelsCommand parent;
    String repository;
    List<String> matches = new ArrayList<>();
    Platform platform;
    final LabelSelection selection = new LabelSelection();
    List<String> requires = new ArrayList<>();
    boolean full;
    final OutputOptions outputOptions = new OutputOptions();
    final RegistryAccess access = new RegistryAccess();
    final CacheOptions cacheOptions = new CacheOptions();

    ListCommand(LabelsCommand parent) {
        this.parent = parent;
    }

    CommandSpec model() {
        CommandModel model = CommandModel.of("list", this).inDeclaredOrder()
                .description("Print the labels of every tag of a repository (or those matching --match), one record "
                        + "per tag.")
                .footer("%nExamples:%n",
                        "  labels list wehkamp/blaze-dodo-service | jq -c '{tag: .reference, mem: .labels.\"blaze.service.deployment.memory\"}'",
                        "  labels list --match '87-*' --prefix blaze. -o json ghcr.io/org/app",
                        "  labels list --prefix blaze.service.deployment. -o table ghcr.io/org/app",
                        "  labels list --require org.opencontainers.image.revision ghcr.io/org/app > audit.ndjson");
        model.parameter("0").label("REPO").description("Repository: [REGISTRY[:PORT]/]REPOSITORY.")
                .value(String.class, () -> repository, value -> repository = value);
        declareBatchOptions(model);
        model.option("--match").label("GLOB")
                .description("Only tags matching GLOB (* and ? over the whole tag; repeatable, any may match).")
                .list(String.class, () -> matches, value -> matches = value);
        model.option("--platform").label("OS/ARCH[/VARIANT]")
                .description("Platform to read from multi-platform images (default as for inspect).")
                .value(Platform.class, new PlatformConverter(), () -> platform, value -> platform = value);
        selection.declare(model);
        model.option("--require").label("KEY[=VALUE]")
                .description("Records of images without label KEY (or with another VALUE) say so in \"missing\"; "
                        + "exit 6 (repeatable).")
                .list(String.class, () -> requires, value -> requires = value);
        model.option("--full").description("Records also carry digests, created, env, entrypoint, cmd, user, "
                        + "workingDir, exposedPorts and annotations.")
                .flag(() -> full, value -> full = value);
        outputOptions.declareForRecords(model);
        access.declare(model);
        cacheOptions.declare(model);
        return model.spec();
    }

    @Override
    public Integer call() throws Exception {
        checkJobs();
        LabelSelector selector = selection.selector(List.of()); // --match selects tags here, not label keys
        List<Requirement> requirements = Requirements.parse(requires);
        outputOptions.check();
        outputOptions.checkSeveral("list prints one record per tag");
        if (full && outputOptions.output == OutputFormat.table) {
            throw new UsageException("--full works with JSON output only, not -o table");
        }
        OutputFormat output = outputOptions.output == null ? OutputFormat.ndjson : outputOptions.output;
        ImageReference repo = RepositoryArgument.parse(repository);
        try (RegistryClient client = parent.registryClient(access, cacheOptions, jobs)) {
            List<String> tags = TagsCommand.matching(TagsCommand.listTags(client, repo), matches);
            // Records name each image by its full reference, so that they can be fed back to inspect.
            List<String> references = tags.stream().map(tag -> repo.name() + ":" + tag).toList();
            ImageInspector inspector = new ImageInspector(parent.source(client, cacheOptions), platform, selector,
                    selection.labelsOf(), requirements, full, parent::warn);
            parent.expectPulls(client, cacheOptions, references);
            return Batch.run(parent, inspector, references, jobs,
                    new RecordPrinter(parent.out(), output, outputOptions.compact, outputOptions.nested));
        }
    }
}

package dev.labels.cli;

import dev.labels.app.Batch;
import dev.labels.app.ImageInspector;
import dev.labels.app.RecordPrinter;
import dev.labels.output.OutputFormat;
import dev.labels.reference.ImageReference;
import dev.labels.registry.RegistryClient;
import dev.labels.selection.LabelSelector;
import dev.labels.selection.Requirement;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code labels list REPO}: the labels of every tag of a repository, one record per tag. */
final class ListCommand extends BatchCommand implements Callable<Integer> {
    private final LabelsCommand parent;
    String repository;
    final TagFilter tagFilter = new TagFilter();
    final PlatformOption platformOption = new PlatformOption();
    final LabelSelection selection = new LabelSelection();
    final Requirements requiredLabels = new Requirements();
    final FullOption fullOption = new FullOption();
    final OutputOptions outputOptions = new OutputOptions();
    final RegistryAccess access = new RegistryAccess();
    final CacheOptions cacheOptions = new CacheOptions();

    ListCommand(LabelsCommand parent) {
        this.parent = parent;
    }

    CommandSpec model() {
        CommandModel model = CommandModel.of("list", this).inDeclaredOrder()
                .description("Print the labels of every tag of a repository (or those matching --tag), one record "
                        + "per tag.")
                .footer("%nExamples:%n",
                        "  labels list wehkamp/blaze-dodo-service | jq -c '{tag: .reference, mem: .labels.\"blaze.service.deployment.memory\"}'",
                        "  labels list --tag '87-*' --prefix blaze. -o json ghcr.io/org/app",
                        "  labels list --prefix blaze.service.deployment. -o table ghcr.io/org/app",
                        "  labels list --require org.opencontainers.image.revision ghcr.io/org/app > audit.ndjson");
        model.parameter("0").label("REPO").description("Repository: [REGISTRY[:PORT]/]REPOSITORY.")
                .value(String.class, () -> repository, value -> repository = value);
        declareBatchOptions(model);
        tagFilter.declare(model);
        platformOption.declare(model);
        selection.declareWithoutMatch(model);
        requiredLabels.declare(model);
        fullOption.declare(model);
        outputOptions.declareForRecords(model);
        access.declare(model);
        cacheOptions.declare(model);
        return model.spec();
    }

    @Override
    public Integer call() throws Exception {
        checkJobs();
        tagFilter.warnIfDeprecated("list", parent::warn);
        LabelSelector selector = selection.selector();
        List<Requirement> requirements = requiredLabels.parse();
        outputOptions.check();
        outputOptions.checkSeveral("list prints one record per tag");
        if (fullOption.full && outputOptions.output == OutputFormat.table) {
            throw new UsageException("--full works with JSON output only, not -o table");
        }
        OutputFormat output = outputOptions.output == null ? OutputFormat.ndjson : outputOptions.output;
        ImageReference repo = RepositoryArgument.parse(repository);
        try (RegistryClient client = parent.registryClient(access, cacheOptions, jobs)) {
            List<String> tags = tagFilter.matching(TagsCommand.listTags(client, repo));
            // Records name each image by its full reference, so that they can be fed back to inspect.
            List<String> references = tags.stream().map(tag -> repo.name() + ":" + tag).toList();
            ImageInspector inspector = new ImageInspector(parent.source(client, cacheOptions),
                    platformOption.platform, selector, selection.labelsOf(), requirements, fullOption.full,
                    parent::warn);
            parent.expectPulls(client, cacheOptions, references);
            return Batch.run(parent.progress(references.size()), inspector, references, jobs,
                    new RecordPrinter(parent.out(), output, outputOptions.compact, outputOptions.nested));
        }
    }
}

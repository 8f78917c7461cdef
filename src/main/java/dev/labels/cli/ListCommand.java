package dev.labels.cli;

import dev.labels.image.Platform;
import dev.labels.labels.LabelSelector;
import dev.labels.reference.ImageReference;
import dev.labels.registry.RegistryClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code labels list REPO}: the labels of every tag of a repository, one record per tag. */
@Command(name = "list", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Print the labels of every tag of a repository (or those matching --match), one record per tag.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  labels list wehkamp/blaze-dodo-service | jq -c '{tag: .reference, mem: .labels.\"blaze.service.deployment.memory\"}'",
            "  labels list --match '87-*' --prefix blaze. -o json ghcr.io/org/app"
        })
final class ListCommand implements Callable<Integer> {

    @ParentCommand
    LabelsCommand parent;

    @Parameters(index = "0", paramLabel = "REPO", description = "Repository: [REGISTRY[:PORT]/]REPOSITORY.")
    String repository;

    @Option(names = "--match", paramLabel = "GLOB",
            description = "Only tags matching GLOB (* and ? over the whole tag; repeatable, any may match).")
    List<String> matches = new ArrayList<>();

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", converter = PlatformConverter.class,
            description = "Platform to read from multi-platform images (default as for inspect).")
    Platform platform;

    @Option(names = "--prefix", paramLabel = "PREFIX", description = "Keep only labels starting with PREFIX (repeatable).")
    List<String> prefixes = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "ndjson (default) or json (an array).")
    OutputFormat output = OutputFormat.ndjson;

    @Option(names = "--compact", description = "With -o json: print the array on one line.")
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
        ImageReference repo = RepositoryArgument.parse(repository);
        try (RegistryClient client = parent.registryClient(registryOptions, logging, reliability)) {
            List<String> tags = TagsCommand.matching(TagsCommand.listTags(client, repo), matches);
            // Records name each image by its full reference, so that they can be fed back to inspect.
            List<String> references = tags.stream().map(tag -> repo.name() + ":" + tag).toList();
            ImageInspector inspector = new ImageInspector(parent.source(client, cacheOptions), platform,
                    new LabelSelector(prefixes), parent::warn);
            return Batch.run(parent, inspector, references, jobs, new RecordPrinter(parent.out(), output, compact));
        }
    }
}

package dev.labels.cli;

import dev.labels.image.Platform;
import dev.labels.labels.LabelSelector;
import dev.labels.labels.Requirement;
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
@Command(name = "list", sortOptions = false,
        description = "Print the labels of every tag of a repository (or those matching --match), one record per tag.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  labels list wehkamp/blaze-dodo-service | jq -c '{tag: .reference, mem: .labels.\"blaze.service.deployment.memory\"}'",
            "  labels list --match '87-*' --prefix blaze. -o json ghcr.io/org/app",
            "  labels list --prefix blaze.service.deployment. -o table ghcr.io/org/app",
            "  labels list --require org.opencontainers.image.revision ghcr.io/org/app > audit.ndjson"
        })
final class ListCommand extends BatchCommand implements Callable<Integer> {

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

    @Mixin
    LabelSelection selection;

    @Option(names = "--require", paramLabel = "KEY[=VALUE]",
            description = "Records of images without label KEY (or with another VALUE) say so in \"missing\"; "
                    + "exit 6 (repeatable).")
    List<String> requires = new ArrayList<>();

    @Option(names = "--full", description = "Records also carry digests, created, env, entrypoint, cmd, user, "
            + "workingDir, exposedPorts and annotations.")
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
                    requirements, full, parent::warn);
            return Batch.run(parent, inspector, references, jobs,
                    new RecordPrinter(parent.out(), output, outputOptions.compact, outputOptions.nested));
        }
    }
}

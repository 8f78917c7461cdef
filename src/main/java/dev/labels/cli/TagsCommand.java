package dev.labels.cli;

import dev.labels.labels.Glob;
import dev.labels.labels.JsonWriter;
import dev.labels.reference.ImageReference;
import dev.labels.registry.Operation;
import dev.labels.registry.RegistryClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code labels tags REPO}: a repository's tags, one a line. */
@Command(name = "tags", sortOptions = false,
        description = "List a repository's tags, one a line, in the registry's order (all pages).",
        footerHeading = "%nExamples:%n",
        footer = {
            "  labels tags wehkamp/blaze-dodo-service",
            "  labels tags --match '87-*' -o json ghcr.io/org/app"
        })
final class TagsCommand extends StandardOptions implements Callable<Integer> {

    @ParentCommand
    LabelsCommand parent;

    @Parameters(index = "0", paramLabel = "REPO", description = "Repository: [REGISTRY[:PORT]/]REPOSITORY.")
    String repository;

    @Option(names = "--match", paramLabel = "GLOB",
            description = "Keep only tags matching GLOB (* and ? over the whole tag; repeatable, any may match).")
    List<String> matches = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "lines (default) or json (an array).")
    TagFormat output = TagFormat.lines;

    @Mixin
    RegistryAccess access;



    enum TagFormat { lines, json }

    @Override
    public Integer call() throws Exception {
        ImageReference repo = RepositoryArgument.parse(repository);
        try (RegistryClient client = parent.registryClient(access)) {
            List<String> tags = matching(listTags(client, repo), matches);
            if (output == TagFormat.json) {
                parent.out().print(new JsonWriter(false).write(tags));
            } else {
                tags.forEach(parent.out()::println);
            }
            parent.out().flush();
            return ExitCodes.OK;
        }
    }

    static List<String> listTags(RegistryClient client, ImageReference repo) throws Exception {
        return client.listTags(new Operation("listing tags", repo.name()), repo.registry(), repo.repository());
    }

    static List<String> matching(List<String> tags, List<String> patterns) {
        if (patterns.isEmpty()) {
            return tags;
        }
        List<Glob> globs = patterns.stream().map(Glob::new).toList();
        return tags.stream().filter(tag -> globs.stream().anyMatch(glob -> glob.matches(tag))).toList();
    }
}

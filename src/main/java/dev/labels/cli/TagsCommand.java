package dev.labels.cli;

import dev.labels.output.JsonWriter;
import dev.labels.reference.ImageReference;
import dev.labels.registry.transport.Operation;
import dev.labels.registry.RegistryClient;
import dev.labels.text.SafeText;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code labels tags REPO}: a repository's tags, one a line. */
final class TagsCommand extends StandardOptions implements Callable<Integer> {
    private final LabelsCommand parent;
    String repository;
    final TagFilter tagFilter = new TagFilter();
    TagFormat output = TagFormat.lines;
    final RegistryAccess access = new RegistryAccess();

    enum TagFormat { lines, json }

    TagsCommand(LabelsCommand parent) {
        this.parent = parent;
    }

    CommandSpec model() {
        CommandModel model = CommandModel.of("tags", this).inDeclaredOrder()
                .description("List a repository's tags, one a line, in the registry's order (all pages).")
                .footer("%nExamples:%n",
                        "  labels tags wehkamp/blaze-dodo-service",
                        "  labels tags --tag '87-*' -o json ghcr.io/org/app");
        model.parameter("0").label("REPO").description("Repository: [REGISTRY[:PORT]/]REPOSITORY.")
                .value(String.class, () -> repository, value -> repository = value);
        declareStandardOptions(model);
        tagFilter.declare(model);
        OutputOptions.outputOption(model, "lines (default) or json (an array).")
                .value(TagFormat.class, () -> output, value -> output = value);
        access.declare(model);
        return model.spec();
    }

    @Override
    public Integer call() throws Exception {
        tagFilter.warnIfDeprecated("tags", parent::warn);
        ImageReference repo = RepositoryArgument.parse(repository);
        try (RegistryClient client = parent.registryClient(access)) {
            List<String> tags = tagFilter.matching(listTags(client, repo));
            if (output == TagFormat.json) {
                parent.out().print(new JsonWriter(false).write(tags));
            } else {
                // The lister refuses any tag outside the tag grammar; escaping keeps the line rule in one place.
                tags.forEach(tag -> parent.out().println(SafeText.escape(tag)));
            }
            parent.out().flush();
            return ExitCodes.OK;
        }
    }

    static List<String> listTags(RegistryClient client, ImageReference repo) throws Exception {
        return client.listTags(new Operation("listing tags", repo.name()), repo.registry(), repo.repository());
    }
}

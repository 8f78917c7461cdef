package dev.labels.cli;

import dev.labels.app.ImageInspector;
import dev.labels.app.Outcome;
import dev.labels.output.JsonWriter;
import dev.labels.registry.RegistryClient;
import dev.labels.selection.LabelDiff;
import dev.labels.selection.LabelSelector;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code labels diff REF_A REF_B}: how the (selected) labels of B differ from those of A. */
final class DiffCommand extends StandardOptions implements Callable<Integer> {
    private final LabelsCommand parent;
    String from;
    String to;
    final PlatformOption platformOption = new PlatformOption();
    final LabelSelection selection = new LabelSelection();
    DiffFormat output = DiffFormat.json;
    boolean compact;
    final RegistryAccess access = new RegistryAccess();
    final CacheOptions cacheOptions = new CacheOptions();

    enum DiffFormat { json, table }

    DiffCommand(LabelsCommand parent) {
        this.parent = parent;
    }

    CommandSpec model() {
        CommandModel model = CommandModel.of("diff", this).inDeclaredOrder()
                .description("Compare the labels of two images: added (only in REF_B), removed (only in REF_A) and "
                        + "changed. Exit 0 when the selected labels are the same, 7 when they differ.")
                .footer("%nExamples:%n",
                        "  labels diff ghcr.io/org/app:1.2 ghcr.io/org/app:1.3",
                        "  labels diff --prefix blaze.service.deployment. -o table app:86 app:87",
                        "  labels diff --platform linux/arm64 --regex '^org\\.opencontainers\\.' app:1 app@sha256:...",
                        "  if ! labels diff --prefix blaze. app:prod app:candidate >/dev/null; then echo \"settings changed\"; fi");
        model.parameter("0").label("REF_A").description("The image compared from.")
                .value(String.class, () -> from, value -> from = value);
        model.parameter("1").label("REF_B").description("The image compared to.")
                .value(String.class, () -> to, value -> to = value);
        declareStandardOptions(model);
        platformOption.declare(model);
        selection.declare(model);
        OutputOptions.outputOption(model, "json (default: {\"added\": {..}, \"removed\": {..}, \"changed\": {\"k\": "
                        + "{\"from\": .., \"to\": ..}}}) or table.")
                .value(DiffFormat.class, () -> output, value -> output = value);
        OutputOptions.compactOption(model).flag(() -> compact, value -> compact = value);
        access.declare(model);
        cacheOptions.declare(model);
        return model.spec();
    }

    @Override
    public Integer call() throws Exception {
        LabelSelector selector = selection.selector();
        try (RegistryClient client = parent.registryClient(access, cacheOptions)) {
            ImageInspector inspector = new ImageInspector(parent.source(client, cacheOptions),
                    platformOption.platform, selector, selection.labelsOf(), parent::warn);
            LabelDiff diff = LabelDiff.between(labelsOf(inspector.inspect(from)), labelsOf(inspector.inspect(to)));
            parent.out().print(output == DiffFormat.table ? diff.toTable() : new JsonWriter(compact).write(diff.toJson()));
            parent.out().flush();
            return diff.isEmpty() ? ExitCodes.OK : ExitCodes.DIFFERENT;
        }
    }

    private static java.util.SortedMap<String, String> labelsOf(Outcome outcome) throws Exception {
        if (outcome.failed()) {
            throw outcome.error() instanceof Exception e ? e : new IllegalStateException(outcome.error());
        }
        return outcome.record().labels();
    }
}

package dev.labels.cli;

import dev.labels.image.Platform;
import dev.labels.labels.JsonWriter;
import dev.labels.labels.LabelDiff;
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

/** {@code labels diff REF_A REF_B}: how the (selected) labels of B differ from those of A. */
@Command(name = "diff", sortOptions = false,
        description = {"Compare the labels of two images: added (only in REF_B), removed (only in REF_A) and "
                + "changed. Exit 0 when the selected labels are the same, 7 when they differ."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  labels diff ghcr.io/org/app:1.2 ghcr.io/org/app:1.3",
            "  labels diff --prefix blaze.service.deployment. -o table app:86 app:87",
            "  labels diff --platform linux/arm64 --regex '^org\\.opencontainers\\.' app:1 app@sha256:...",
            "  if ! labels diff --prefix blaze. app:prod app:candidate >/dev/null; then echo \"settings changed\"; fi"
        })
final class DiffCommand extends StandardOptions implements Callable<Integer> {

    @ParentCommand
    LabelsCommand parent;

    @Parameters(index = "0", paramLabel = "REF_A", description = "The image compared from.")
    String from;

    @Parameters(index = "1", paramLabel = "REF_B", description = "The image compared to.")
    String to;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", converter = PlatformConverter.class,
            description = "Platform to read from multi-platform images (default as for inspect).")
    Platform platform;

    @Option(names = "--match", paramLabel = "GLOB",
            description = "Compare labels whose whole key matches GLOB (* and ?; repeatable).")
    List<String> matches = new ArrayList<>();

    @Mixin
    LabelSelection selection;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
            description = "json (default: {\"added\": {..}, \"removed\": {..}, \"changed\": {\"k\": {\"from\": .., "
                    + "\"to\": ..}}}) or table.")
    DiffFormat output = DiffFormat.json;

    @Option(names = "--compact", description = "Print JSON on one line.")
    boolean compact;

    @Mixin
    RegistryAccess access;

    @Mixin
    CacheOptions cacheOptions;



    enum DiffFormat { json, table }

    @Override
    public Integer call() throws Exception {
        LabelSelector selector = selection.selector(matches);
        try (RegistryClient client = parent.registryClient(access, cacheOptions)) {
            ImageInspector inspector = new ImageInspector(parent.source(client, cacheOptions), platform, selector,
                    parent::warn);
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

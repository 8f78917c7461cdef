package dev.labels.cli;

import dev.labels.output.JsonWriter;
import dev.labels.output.OutputFormat;
import dev.labels.output.TableWriter;
import dev.labels.reference.ImageReference;
import dev.labels.registry.transport.Operation;
import dev.labels.registry.RegistryClient;
import dev.labels.registry.transport.PullLimitReport;
import dev.labels.registry.transport.PullQuota;
import dev.labels.source.Sources;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code labels ratelimit [REF]}: the pull limit a registry reports (Docker Hub's), asked with one HEAD of a
 * manifest, which Docker Hub does not count as a pull.
 */
final class RateLimitCommand extends StandardOptions implements Callable<Integer> {
    /** The image Docker's documentation asks about for this (docs.docker.com/docker-hub/usage/pulls/). */
    static final String DEFAULT_REFERENCE = "ratelimitpreview/test";

    private final LabelsCommand parent;
    String reference = DEFAULT_REFERENCE;
    final OutputOptions outputOptions = new OutputOptions();
    final RegistryAccess access = new RegistryAccess();

    RateLimitCommand(LabelsCommand parent) {
        this.parent = parent;
    }

    CommandSpec model() {
        CommandModel model = CommandModel.of("ratelimit", this).inDeclaredOrder()
                .description("Show a registry's pull limit: how many pulls are left of how many, per which window, "
                        + "and who is counted, asked with one HEAD request (which Docker Hub does not count).")
                .footer("%nExamples:%n",
                        "  labels ratelimit                 # Docker Hub, with your credentials if any",
                        "  labels ratelimit -o table --creds \"$USER:$TOKEN\"",
                        "  labels ratelimit ghcr.io/org/app:1",
                        "  labels ratelimit | jq .remaining");
        model.parameter("0").arity("0..1").label("REF")
                .description("Image to ask about, as for inspect (default: " + DEFAULT_REFERENCE + " on Docker Hub, "
                        + "the image Docker's documentation names for this).")
                .value(String.class, () -> reference, value -> reference = value);
        declareStandardOptions(model);
        outputOptions.declareForReport(model);
        access.declare(model);
        return model.spec();
    }

    @Override
    public Integer call() throws Exception {
        OutputFormat output = outputOptions.reportFormat();
        if (Sources.isArchive(reference)) {
            throw new UsageException("ratelimit asks a registry; \"" + reference + "\" is an image file");
        }
        ImageReference image = ImageReference.parse(reference);
        try (RegistryClient client = parent.registryClient(access)) {
            PullLimitReport report = client.pullLimit(new Operation("asking the pull limit", image.toString()), image);
            PullQuota quota = report.quota();
            if (!quota.reported()) {
                parent.note(report.host() + " reports no pull limit (no ratelimit-limit or ratelimit-remaining header)");
            }
            parent.out().print(output == OutputFormat.table ? table(report) : json(report, outputOptions.compact));
            parent.out().flush();
            return ExitCodes.OK;
        }
    }

    private static String json(PullLimitReport report, boolean compact) {
        PullQuota quota = report.quota();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("registry", report.host());
        fields.put("limit", quota.limit());
        fields.put("remaining", quota.remaining());
        fields.put("windowSeconds", quota.windowSeconds());
        fields.put("source", quota.source());
        return new JsonWriter(compact).write(fields);
    }

    private static String table(PullLimitReport report) {
        PullQuota quota = report.quota();
        return new TableWriter("REGISTRY", "LIMIT", "REMAINING", "WINDOW", "SOURCE")
                .add(report.host(), text(quota.limit()), text(quota.remaining()),
                        quota.windowSeconds() == null ? "-" : quota.windowSeconds() + " s",
                        quota.source() == null ? "-" : quota.source())
                .write();
    }

    private static String text(Integer count) {
        return count == null ? "-" : count.toString();
    }
}

package dev.labels.cli;

import dev.labels.image.Digests;
import dev.labels.image.Platform;
import dev.labels.image.ResolvedImage;
import dev.labels.registry.transport.Operation;
import dev.labels.registry.RegistryClient;
import dev.labels.registry.transport.RegistryException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code labels config REF}: the image's config blob exactly as stored, like {@code crane config}. */
final class ConfigCommand extends StandardOptions implements Callable<Integer> {
    private final LabelsCommand parent;
    String reference;
    final PlatformOption platformOption = new PlatformOption();
    final RegistryAccess access = new RegistryAccess();
    final CacheOptions cacheOptions = new CacheOptions();

    ConfigCommand(LabelsCommand parent) {
        this.parent = parent;
    }

    CommandSpec model() {
        CommandModel model = CommandModel.of("config", this).inDeclaredOrder()
                .description("Print an image's config JSON exactly as stored in the registry, byte for byte (checked "
                        + "against its digest), with nothing added: no newline, no reformatting.")
                .footer("%nExamples:%n",
                        "  labels config alpine:3.20 | jq .config.Env",
                        "  labels config --platform linux/arm64 ghcr.io/org/app:1.2 > config.json",
                        "  labels config app:1 | sha256sum    # the config digest, without sha256:");
        model.parameter("0").label("REF").description("Image reference, as for inspect.")
                .value(String.class, () -> reference, value -> reference = value);
        declareStandardOptions(model);
        platformOption.declare(model);
        access.declare(model);
        cacheOptions.declare(model);
        return model.spec();
    }

    @Override
    public Integer call() throws Exception {
        try (RegistryClient client = parent.registryClient(access, cacheOptions)) {
            ResolvedImage image = parent.source(client, cacheOptions).resolve(reference, platformOption.platform);
            if (image.platformFellBack()) {
                parent.warn("no image for " + Platform.host() + " in " + image.name() + "; using " + image.platform());
            }
            if (image.configJson() == null || image.configDigest() == null) {
                throw new Operation("reading config", image.name()).fail(RegistryException.Kind.REGISTRY_ERROR,
                        "no config blob to print: a schema 1 image keeps its config inside the manifest");
            }
            // The resolver verified these bytes; checking again here keeps the promise whatever the source.
            Digests.verify(image.configJson(), image.configDigest(), "config");
            parent.writeRaw(image.configJson());
            return ExitCodes.OK;
        }
    }
}

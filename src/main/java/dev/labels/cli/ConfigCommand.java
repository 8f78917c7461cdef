package dev.labels.cli;

import dev.labels.image.Digests;
import dev.labels.image.Platform;
import dev.labels.image.ResolvedImage;
import dev.labels.registry.Operation;
import dev.labels.registry.RegistryClient;
import dev.labels.registry.RegistryException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code labels config REF}: the image's config blob exactly as stored, like {@code crane config}. */
@Command(name = "config", sortOptions = false,
        description = {"Print an image's config JSON exactly as stored in the registry, byte for byte (checked "
                + "against its digest), with nothing added: no newline, no reformatting."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  labels config alpine:3.20 | jq .config.Env",
            "  labels config --platform linux/arm64 ghcr.io/org/app:1.2 > config.json",
            "  labels config app:1 | sha256sum    # the config digest, without sha256:"
        })
final class ConfigCommand extends StandardOptions implements Callable<Integer> {

    @ParentCommand
    LabelsCommand parent;

    @Parameters(index = "0", paramLabel = "REF", description = "Image reference, as for inspect.")
    String reference;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", converter = PlatformConverter.class,
            description = "Platform to read from a multi-platform image (default as for inspect).")
    Platform platform;

    @Mixin
    RegistryAccess access;

    @Mixin
    CacheOptions cacheOptions;



    @Override
    public Integer call() throws Exception {
        try (RegistryClient client = parent.registryClient(access, cacheOptions)) {
            ResolvedImage image = parent.source(client, cacheOptions).resolve(reference, platform);
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

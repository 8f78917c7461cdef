package dev.labels.cli;

import dev.labels.image.Platform;
import dev.labels.labels.JsonWriter;
import dev.labels.labels.LabelSelector;
import dev.labels.reference.ImageReference;
import dev.labels.registry.ImageResolver;
import dev.labels.registry.RegistryClient;
import dev.labels.registry.ResolvedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code labels inspect REF}: the labels of one image, as a JSON object on stdout. */
@Command(name = "inspect", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Print an image's labels as a JSON object, read from the registry without pulling the image.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  labels inspect wehkamp/blaze-dodo-service:87-2b51c14 | jq .",
            "  labels inspect --prefix blaze.service. ghcr.io/org/app:1.2",
            "  labels inspect --platform linux/arm64 alpine:3.20",
            "  labels inspect --creds \"$USER:$PASS\" registry.example.com/team/app@sha256:...",
            "  labels inspect --mirror docker.io=http://127.0.0.1:5000 library/alpine",
            "",
            "Environment:",
            "  HTTPS_PROXY, HTTP_PROXY, NO_PROXY  proxies, as curl reads them (lower case",
            "      wins); localhost is proxied too unless NO_PROXY lists it",
            "  REGISTRY_AUTH_FILE, XDG_RUNTIME_DIR, DOCKER_CONFIG  where credentials are",
            "  XDG_CONFIG_HOME  holds containers/auth.json and labels/config.json"
        })
final class InspectCommand implements Callable<Integer> {

    @ParentCommand
    LabelsCommand parent;

    @Parameters(index = "0", paramLabel = "REF",
            description = "Image reference: [REGISTRY[:PORT]/]REPOSITORY[:TAG][@DIGEST]; Docker Hub and :latest "
                    + "are the defaults, as with docker pull.")
    String reference;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", converter = PlatformConverter.class,
            description = "Platform to read from a multi-platform image (default: linux and this machine's "
                    + "architecture, else the image's first platform, with a warning).")
    Platform platform;

    @Option(names = "--prefix", paramLabel = "PREFIX",
            description = "Keep only labels whose key starts with PREFIX (repeatable; a label is kept when it "
                    + "matches any).")
    List<String> prefixes = new ArrayList<>();

    @Option(names = "--compact", description = "Print the JSON on one line.")
    boolean compact;

    @Mixin
    RegistryOptions registryOptions;

    @Mixin
    LoggingOptions logging;

    @Override
    public Integer call() throws Exception {
        ImageReference image = ImageReference.parse(reference);
        try (RegistryClient client = new RegistryClient(parent.registryConfig(registryOptions, logging))) {
            ResolvedImage resolved = new ImageResolver(client, Platform.host()).resolve(image, platform);
            if (resolved.platformFellBack()) {
                parent.warn("no image for " + Platform.host() + " in " + image + "; using " + resolved.platform());
            }
            parent.out().print(new JsonWriter(compact).write(
                    new LabelSelector(prefixes).select(resolved.config().labels())));
            parent.out().flush();
            return ExitCodes.OK;
        }
    }
}

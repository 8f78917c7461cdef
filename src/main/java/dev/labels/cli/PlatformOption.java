package dev.labels.cli;

import dev.labels.image.Platform;

/** {@code --platform}: which image of a multi-platform index to read, for every command that reads images. */
final class PlatformOption {

    /** Null when not given: the default, this machine's platform, is the resolver's to apply and to warn about. */
    Platform platform;

    void declare(CommandModel model) {
        model.option("--platform").label("OS/ARCH[/VARIANT]")
                .description("Platform to read from a multi-platform image (default: linux and this machine's "
                        + "architecture, else the image's first platform, with a warning).")
                .value(Platform.class, new PlatformConverter(), () -> platform, value -> platform = value);
    }
}

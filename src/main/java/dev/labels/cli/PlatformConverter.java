package dev.labels.cli;

import dev.labels.image.InvalidPlatformException;
import dev.labels.image.Platform;
import picocli.CommandLine;

/** {@code --platform os/arch[/variant]}: a malformed value is a usage error naming the option. */
final class PlatformConverter implements CommandLine.ITypeConverter<Platform> {
    @Override
    public Platform convert(String value) {
        try {
            return Platform.parse(value);
        } catch (InvalidPlatformException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}

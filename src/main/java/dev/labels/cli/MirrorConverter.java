package dev.labels.cli;

import dev.labels.registry.transport.Mirror;
import picocli.CommandLine;

/** {@code --mirror REGISTRY=URL}: a malformed value is a usage error naming the option. */
final class MirrorConverter implements CommandLine.ITypeConverter<Mirror> {
    @Override
    public Mirror convert(String value) {
        try {
            return Mirror.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}

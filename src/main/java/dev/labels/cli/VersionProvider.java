package dev.labels.cli;

import dev.labels.Version;
import picocli.CommandLine;

/** {@code labels --version}. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"labels " + Version.VALUE};
    }
}

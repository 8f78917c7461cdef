package dev.labels.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h/--help} and {@code -V/--version}, which every command takes. Declared here, as fields picocli finds
 * in each command's superclass, rather than with its {@code mixinStandardHelpOptions}: that builds a separate
 * mixin model by reflection for every command, a tenth of a short run's start-up.
 */
abstract class StandardOptions {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean helpRequested;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print version information and exit.")
    boolean versionRequested;
}

package dev.labels.cli;

/**
 * {@code -h/--help} and {@code -V/--version}, which every command takes. Declared here, as plain options of
 * each command, rather than with picocli's {@code mixinStandardHelpOptions}, which adds a separate model to
 * every command.
 */
abstract class StandardOptions {
    boolean helpRequested;
    boolean versionRequested;

    void declareStandardOptions(CommandModel model) {
        model.option("-h", "--help").usageHelp().description("Show this help message and exit.")
                .flag(() -> helpRequested, value -> helpRequested = value);
        model.option("-V", "--version").versionHelp().description("Print version information and exit.")
                .flag(() -> versionRequested, value -> versionRequested = value);
    }
}

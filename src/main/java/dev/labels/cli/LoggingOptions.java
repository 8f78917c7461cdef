package dev.labels.cli;

import picocli.CommandLine;

/** {@code -v} and {@code --debug}, shared by every command. */
final class LoggingOptions {

    boolean verbose;
    boolean debug;

    void declare(CommandModel model) {
        model.option("-v", "--verbose").description("Log every HTTP request (method, URL, status, time), and the "
                        + "pulls a registry says are left, to stderr. Credentials and tokens are never logged.")
                .flag(() -> verbose, value -> verbose = value);
        model.option("--debug").description("Print stack traces of errors (implies --verbose).")
                .flag(() -> debug, value -> debug = value);
    }

    boolean verbose() {
        return verbose || debug;
    }

    /** Whether --debug was given, read from the parse result because the failing command may not have run. */
    static boolean debugRequested(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult result = parseResult; result != null;
             result = result.subcommand()) {
            if (result.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}

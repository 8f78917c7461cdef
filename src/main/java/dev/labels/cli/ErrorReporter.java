package dev.labels.cli;

import dev.labels.error.LabelsException;
import dev.labels.text.SafeText;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import picocli.CommandLine;

/**
 * Turns every failure into one line on stderr, {@code labels: <what failed>}, and its exit code (see
 * {@link ExitCodes}). Stack traces only with {@code --debug}: users see a message, not our internals. Every
 * message goes through {@link SafeText#line}, since most quote what a registry, a label or the command line
 * said.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception error, CommandLine command, CommandLine.ParseResult parseResult) {
        PrintWriter err = command.getErr();
        err.println("labels: " + SafeText.line(ExitCodes.message(error)));
        if (LoggingOptions.debugRequested(parseResult)) {
            printStackTrace(error, err);
        } else if (error instanceof UsageException) {
            err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
        } else if (ExitCodes.kindOf(error) == LabelsException.Kind.INTERNAL) {
            err.println("labels: this is a bug; run again with --debug for details");
        }
        err.flush();
        return ExitCodes.of(error);
    }

    @Override
    public int handleParseException(CommandLine.ParameterException error, String[] args) {
        CommandLine command = error.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("labels: " + SafeText.line(withoutSecrets(error, args)));
        CommandLine.UnmatchedArgumentException.printSuggestions(error, err);
        err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /**
     * The trace of {@code --debug}, each exception of the cause chain on one escaped line (its message is foreign
     * text as often as not), followed by its frames.
     */
    private static void printStackTrace(Throwable error, PrintWriter err) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        String prefix = "";
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            err.println(prefix + SafeText.line(t.toString()));
            for (StackTraceElement frame : t.getStackTrace()) {
                err.println("\tat " + frame);
            }
            prefix = "Caused by: ";
        }
    }

    /**
     * picocli quotes the arguments it could not place. With credentials on the command line a stray argument
     * is most likely a password ({@code --creds user pass}, a space for the colon), so then none is quoted.
     */
    private static String withoutSecrets(CommandLine.ParameterException error, String[] args) {
        String message = String.valueOf(error.getMessage());
        boolean credentials = java.util.Arrays.stream(args).anyMatch(arg -> arg.startsWith("--creds")
                || arg.startsWith("--username") || arg.startsWith("--password"));
        if (!credentials || !(error instanceof CommandLine.UnmatchedArgumentException unmatched)) {
            return message;
        }
        for (String value : unmatched.getUnmatched()) {
            if (!value.isEmpty()) {
                message = message.replace(value, "<not shown>");
            }
        }
        return message;
    }

}

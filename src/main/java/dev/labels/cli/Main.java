package dev.labels.cli;

import dev.labels.cli.boot.HeadStart;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/** Entry point. {@link #run} is the seam tests call: it never exits the JVM and writes only to the given streams. */
public final class Main {

    static {
        // slf4j-simple reads its settings once, when the first logger is made: set them before anything logs.
        // Only -v installs the request logger, so debug level here prints nothing by itself.
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setDefault("org.slf4j.simpleLogger.log.labels", "debug");
        setDefault("org.slf4j.simpleLogger.showThreadName", "false");
        setDefault("org.slf4j.simpleLogger.showLogName", "false");
        setDefault("org.slf4j.simpleLogger.levelInBrackets", "true");
    }

    private Main() {
    }

    public static void main(String[] args) {
        try {
            HeadStart.begin(args);
        } catch (RuntimeException | LinkageError e) {
            // An argument the guess trips on: the run needs no head start. An OutOfMemoryError (no native thread
            // to spare) is not caught, here or anywhere: the run would fail for want of threads too.
        }
        int code = run(System.in, System.out, System.err, System.getenv(), isTerminal(2), args);
        System.exit(code);
    }

    public static int run(InputStream in, OutputStream out, OutputStream err, Map<String, String> env, String... args) {
        return run(in, out, err, env, false, args);
    }

    static int run(InputStream in, OutputStream out, OutputStream err, Map<String, String> env,
                   boolean stderrIsTerminal, String... args) {
        LabelsCommand root = new LabelsCommand(in, out, env, System.getProperty("user.home"), stderrIsTerminal);
        ErrorReporter reporter = new ErrorReporter();
        CommandLine commandLine = new CommandLine(root.model());
        Subcommands.register(commandLine, root, args);
        commandLine
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .setExecutionExceptionHandler(reporter)
                .setParameterExceptionHandler(reporter);
        try {
            return commandLine.execute(args);
        } finally {
            commandLine.getOut().flush();
            commandLine.getErr().flush();
        }
    }

    /**
     * Whether a file descriptor of this process is a terminal. Java only tells that of stdin and stdout together
     * (System.console()); on Linux /proc says it of each. Elsewhere: no, so no progress line.
     */
    private static boolean isTerminal(int fd) {
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}

package dev.labels.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One in-process run, as {@link CliRun}, together with what it logged: {@code -v} writes its request log
 * through slf4j to {@code System.err}, which is captured for the length of the run.
 */
record LoggedRun(CliRun cli, String log) {

    static LoggedRun run(Map<String, String> env, String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            CliRun run = CliRun.run(env, "", args);
            return new LoggedRun(run, log.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    static LoggedRun run(String... args) {
        return run(Map.of(), args);
    }

    int exitCode() {
        return cli.exitCode();
    }

    /** How many lines of the log contain {@code text}. */
    long linesContaining(String text) {
        return log.lines().filter(line -> line.contains(text)).count();
    }

    @Override
    public String toString() {
        return cli + "\n--- log ---\n" + log;
    }
}

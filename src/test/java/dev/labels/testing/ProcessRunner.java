package dev.labels.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short-lived external tool (openssl, skopeo) with a hard time limit and returns what it printed.
 *
 * <p>Output goes to files rather than pipes: a tool that fills a pipe nobody is reading yet would block
 * forever, and files need no reader threads.
 */
final class ProcessRunner {

    /** What a finished process left behind. */
    record Result(List<String> command, int exitCode, String stdout, String stderr) {
        boolean succeeded() {
            return exitCode == 0;
        }

        /** For failure messages: the command, its exit code and both streams. */
        String describe() {
            return String.join(" ", command) + "\n  exit code: " + exitCode
                    + "\n  stdout: " + stdout.strip() + "\n  stderr: " + stderr.strip();
        }
    }

    private ProcessRunner() {
    }

    /**
     * Runs {@code command} in {@code workDir} with {@code env} added to the inherited environment. Kills it and
     * fails once {@code timeout} has passed.
     */
    static Result run(List<String> command, Map<String, String> env, Path workDir, Duration timeout) {
        try {
            Path out = Files.createTempFile(workDir, "stdout", ".txt");
            Path err = Files.createTempFile(workDir, "stderr", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s: "
                        + String.join(" ", command) + "\n  stderr so far: " + Files.readString(err).strip());
            }
            Result result = new Result(List.copyOf(command), process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return result;
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }
}

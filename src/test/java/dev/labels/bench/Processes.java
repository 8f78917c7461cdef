package dev.labels.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs the commands under measurement: with exactly the given environment (nothing inherited), stdin from
 * /dev/null, output to files, a hard time limit, wall time measured from start to exit, and CPU time
 * ({@link ChildCpu}). A process that
 * outlives its limit is killed with all its descendants (a shell loop's skopeo, xargs' children); so is
 * anything still running when the JVM exits.
 */
final class Processes {
    private static final int STDERR_TAIL_BYTES = 2_000;
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Processes::kill), "bench-process-cleanup"));
    }

    private Processes() {
    }

    /**
     * What one run did.
     *
     * @param cpu    user and system CPU of the process and the descendants it waited for; null when unknown
     * @param stdout the file holding its stdout, or null when it was discarded
     */
    record Result(List<String> command, int exitCode, Duration wall, Duration cpu, Path stdout, String stderrTail) {

        String stdoutText() {
            try {
                return stdout == null ? "" : Files.readString(stdout, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String describeFailure() {
            return String.join(" ", command) + "\n  exit code " + exitCode + "\n  stderr: " + stderrTail.strip();
        }
    }

    /** Thrown when a command ran past its time limit; it has been killed by then. */
    static final class TimedOut extends RuntimeException {
        TimedOut(String message) {
            super(message);
        }
    }

    /**
     * @param stdout where stdout goes, or null to discard it
     * @param stderr where stderr goes (overwritten)
     */
    static Result run(List<String> command, Map<String, String> env, Path workDir, Path stdout, Path stderr,
                      Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout.toFile()))
                .redirectError(ProcessBuilder.Redirect.to(stderr.toFile()));
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process;
        Duration cpuBefore = ChildCpu.sofar();
        long start = System.nanoTime();
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command.get(0), e);
        }
        LIVE.add(process);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new TimedOut("timed out after " + timeout.toSeconds() + " s and killed: " + String.join(" ", command)
                        + "\n  stderr: " + tail(stderr).strip());
            }
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            Duration cpuAfter = ChildCpu.sofar(); // waitFor returns once the child is reaped: its time is counted
            Duration cpu = cpuBefore == null || cpuAfter == null ? null : cpuAfter.minus(cpuBefore);
            return new Result(List.copyOf(command), process.exitValue(), wall, cpu, stdout, tail(stderr));
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        } finally {
            LIVE.remove(process);
        }
    }

    /** The first line a short command prints (stdout, else stderr), e.g. the one of {@code java -version}. */
    static String firstLine(List<String> command, Map<String, String> env, Path workDir) {
        try {
            Path stdout = Files.createTempFile(workDir, "stdout", ".txt");
            Path stderr = Files.createTempFile(workDir, "stderr", ".txt");
            Result result = run(command, env, workDir, stdout, stderr, Duration.ofSeconds(30));
            String text = result.stdoutText().isBlank() ? result.stderrTail() : result.stdoutText();
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
            return text.strip().lines().findFirst().orElse("(nothing printed)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Descendants first, so that a shell cannot start another child after it was killed. */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String tail(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            int from = Math.max(0, bytes.length - STDERR_TAIL_BYTES);
            return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<unreadable: " + e.getMessage() + ">";
        }
    }
}

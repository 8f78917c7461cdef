package dev.labels.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a script in a real bash, as a pipeline would run what {@code labels} prints. */
public final class Bash {
    static final Path BINARY = Path.of("/bin/bash");
    private static final long TIMEOUT_SECONDS = 30;

    /** What a run left: exit code, stdout as bytes (values are compared byte for byte), stderr as text. */
    public record Result(int exitCode, byte[] stdout, String stderr) {
    }

    private Bash() {
    }

    /** {@code bash -c SCRIPT bash ARGS...} in {@code dir}, stdin closed; {@code $1}... are the args. */
    public static Result run(Path dir, String script, String... args) {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--noprofile", "--norc", "-c", script, "bash"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("bash did not finish in " + TIMEOUT_SECONDS + " s: " + script);
            }
            return new Result(process.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + BINARY, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Splits {@code printf '%s\0'} output back into its values. */
    public static List<String> nulSeparated(byte[] bytes) {
        List<String> values = new ArrayList<>();
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        for (byte b : bytes) {
            if (b == 0) {
                values.add(value.toString(StandardCharsets.UTF_8));
                value.reset();
            } else {
                value.write(b);
            }
        }
        return values;
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

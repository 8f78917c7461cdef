package dev.labels.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** One in-process run of the command line with captured stdout (as text and as bytes), stderr and exit code. */
record CliRun(int exitCode, String stdout, String stderr, byte[] stdoutBytes) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Runs with an environment that has no Docker config, no containers auth file and no labels config file
     * unless the caller gives them: the developer's own files must never change a test's outcome.
     */
    static CliRun run(Map<String, String> env, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> environment = new HashMap<>(env);
        environment.putIfAbsent("DOCKER_CONFIG", "/nonexistent/labels-test-docker-config");
        // Every run gets an empty cache of its own unless the test names one: runs must not answer from
        // what an earlier test (or the developer's own use) left in ~/.cache/labels.
        environment.putIfAbsent("XDG_CACHE_HOME", freshFolder());
        environment.putIfAbsent("XDG_CONFIG_HOME", "/nonexistent/labels-test-xdg-config");
        int code = Main.run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out, err, environment, args);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), out.toByteArray());
    }

    private static String freshFolder() {
        try {
            java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("labels-test-cache");
            folder.toFile().deleteOnExit();
            return folder.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static CliRun run(String... args) {
        return run(Map.of(), "", args);
    }

    Map<String, String> labels() {
        try {
            return MAPPER.readValue(stdout, new TypeReference<Map<String, String>>() { });
        } catch (Exception e) {
            throw new AssertionError("stdout is not a JSON object of labels: " + stdout + "\nstderr: " + stderr, e);
        }
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
    }
}

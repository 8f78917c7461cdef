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

    /** Runs with an environment that has no Docker config unless the caller gives one. */
    static CliRun run(Map<String, String> env, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> environment = new HashMap<>(env);
        environment.putIfAbsent("DOCKER_CONFIG", "/nonexistent/labels-test-docker-config");
        int code = Main.run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out, err, environment, args);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), out.toByteArray());
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

package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.testing.FixturePlatform;
import dev.labels.testing.OciLayoutBuilder;
import dev.labels.testing.TestArchives;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose heap is too small for an image ends with the JVM's OutOfMemoryError (exit 1, the error and its trace
 * on stderr), in whatever thread it happens: it is not that image's record or a friendly line that hides it, and
 * the run does not go on. A separate JVM with a small heap, and an image whose config, within its 8 MiB bound,
 * holds 400,000 labels: reading that takes far more than 48 MiB.
 */
class OutOfMemoryTest {
    @TempDir
    Path temp;

    private String small1;
    private String large;
    private String small3;

    @BeforeEach
    void layout() {
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 400_000; i++) {
            many.put("l" + i, "v");
        }
        OciLayoutBuilder layout = new OciLayoutBuilder();
        layout.image("1", FixturePlatform.LINUX_AMD64, Map.of("n", "1"));
        layout.image("2", FixturePlatform.LINUX_AMD64, many);
        layout.image("3", FixturePlatform.LINUX_AMD64, Map.of("n", "3"));
        String base = "oci:" + TestArchives.folder(temp.resolve("layout"), layout.files());
        small1 = base + ":1";
        large = base + ":2";
        small3 = base + ":3";
    }

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private Run run(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The serial collector gives up on a full heap in half the time the default one takes.
        List<String> command = new ArrayList<>(List.of(java, "-Xmx48m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path out = temp.resolve("stdout");
        Path err = temp.resolve("stderr");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("XDG_CACHE_HOME", temp.resolve("cache").toString());
        builder.environment().put("XDG_CONFIG_HOME", "/nonexistent/labels-test-xdg-config");
        builder.environment().put("DOCKER_CONFIG", "/nonexistent/labels-test-docker-config");
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("no exit within 120 s: " + Files.readString(err));
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static void assertEndedByOutOfMemory(Run run) {
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.stderr().startsWith("Exception in thread \"main\" java.lang.OutOfMemoryError"), run::toString);
        assertFalse(run.stderr().contains("internal error") || run.stdout().contains("OutOfMemoryError"),
                "no record or line of ours for it: " + run);
    }

    @Test
    void theHeapRunningOutEndsABatchAtThatImage() throws Exception {
        Run one = run("inspect", "--jobs", "1", small1, large, small3);
        // Several jobs: the first image's record may itself be cut off by the full heap, but nothing after it prints.
        Run four = run("inspect", "--jobs", "4", small1, large, small3);

        assertEndedByOutOfMemory(one);
        assertEquals(List.of("1"), labelsN(one), one::toString);
        assertEndedByOutOfMemory(four);
        assertTrue(List.of("1").containsAll(labelsN(four)), four::toString);
    }

    /** The label n of each record printed. */
    private static List<String> labelsN(Run run) {
        return run.stdout().lines().map(line -> line.replaceAll(".*\"n\":\"([^\"]*)\".*", "$1")).toList();
    }

    @Test
    void theHeapRunningOutEndsARunOfOneImage() throws Exception {
        Run run = run("inspect", large);

        assertEndedByOutOfMemory(run);
        assertEquals("", run.stdout());
    }
}

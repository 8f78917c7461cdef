package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.testing.ExampleImage;
import dev.labels.testing.Skopeo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's first command works from a clean clone, offline: the committed example layout is what the
 * generator writes, it is small, and {@code labels inspect oci:src/example/oci/blaze-dodo-service:87-2b51c14}
 * prints its labels, as skopeo reads them too.
 */
class ExampleImageTest {
    private static final String REGENERATE = "./mvnw -q -o test -Dtest=ExampleImageTest -Dlabels.example.write=true";
    private static final String REFERENCE = "oci:src/example/oci/blaze-dodo-service:87-2b51c14";

    /** With -Dlabels.example.write=true, the generator first rewrites the committed example. */
    @BeforeAll
    static void regenerateWhenAskedTo() {
        if (Boolean.getBoolean("labels.example.write")) {
            ExampleImage.write(ExampleImage.FOLDER);
        }
    }

    @Test
    void theCommittedLayoutIsExactlyWhatTheGeneratorWrites() throws IOException {
        Map<String, byte[]> expected = ExampleImage.files();

        assertEquals(new TreeSet<>(expected.keySet()), committedFiles(), "files differ; regenerate with: " + REGENERATE);
        for (Map.Entry<String, byte[]> file : expected.entrySet()) {
            assertArrayEquals(file.getValue(), Files.readAllBytes(ExampleImage.FOLDER.resolve(file.getKey())),
                    file.getKey() + " differs; regenerate with: " + REGENERATE);
        }
        long bytes = expected.values().stream().mapToLong(content -> content.length).sum();
        assertTrue(bytes < 8 * 1024, "the example is a few KB, not " + bytes + " bytes");
    }

    @Test
    void theQuickStartCommandPrintsTheExampleLabels() {
        CliRun run = CliRun.run("inspect", REFERENCE);

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(ExampleImage.labels(), run.labels());
        assertEquals("", run.stderr());
    }

    @Test
    void skopeoReadsTheSameLabels() {
        String absolute = "oci:" + ExampleImage.FOLDER.toAbsolutePath() + ":" + ExampleImage.TAG;

        assertEquals(ExampleImage.labels(), Skopeo.localLabels(absolute, null));
    }

    private static TreeSet<String> committedFiles() throws IOException {
        try (Stream<Path> paths = Files.walk(ExampleImage.FOLDER)) {
            return paths.filter(Files::isRegularFile)
                    .map(path -> ExampleImage.FOLDER.relativize(path).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}

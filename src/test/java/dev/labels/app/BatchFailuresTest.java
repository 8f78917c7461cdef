package dev.labels.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labels.error.LabelsException;
import dev.labels.image.ImageConfig;
import dev.labels.image.Platform;
import dev.labels.image.ResolvedImage;
import dev.labels.output.OutputFormat;
import dev.labels.selection.LabelSelector;
import dev.labels.source.ImageSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an unexpected failure does to a batch: a bug in one image's reading is that image's "internal error"
 * record, and the others print; an OutOfMemoryError is no image's record but ends the run.
 */
class BatchFailuresTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringWriter stdout = new StringWriter();

    /** Images named "ok:N" have the label n=N; "bug:N" throws the source's error, else its bug. */
    private record FakeSource(Error error, RuntimeException bug) implements ImageSource {
        @Override
        public ResolvedImage resolve(String reference, Platform platform) throws LabelsException {
            if (reference.startsWith("bug:")) {
                if (error != null) {
                    throw error;
                }
                throw bug;
            }
            try {
                byte[] config = ("{\"config\": {\"Labels\": {\"n\": \"" + reference.substring(3) + "\"}}}")
                        .getBytes(StandardCharsets.UTF_8);
                return new ResolvedImage(reference, null, null, null, ImageConfig.parse(config), null, false, config);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public List<ResolvedImage> resolveAll(String reference) throws LabelsException {
            return List.of(resolve(reference, null));
        }
    }

    private int run(ImageSource source, int jobs, String... references) {
        ImageInspector inspector = new ImageInspector(source, null, LabelSelector.ALL,
                ResolvedImage::labelsAndAnnotations, message -> { });
        RecordPrinter printer = new RecordPrinter(new PrintWriter(stdout, true), OutputFormat.ndjson, false, false);
        return Batch.run(Progress.NONE, inspector, List.of(references), jobs, printer);
    }

    private List<JsonNode> records() throws Exception {
        List<JsonNode> records = new ArrayList<>();
        for (String line : stdout.toString().split("\n")) {
            if (!line.isEmpty()) {
                records.add(JSON.readTree(line));
            }
        }
        return records;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void anUnexpectedExceptionIsAnInternalErrorRecordOfThatImageOnly(int jobs) throws Exception {
        FakeSource source = new FakeSource(null, new IllegalStateException("boom"));

        int exitCode = run(source, jobs, "ok:1", "bug:2", "ok:3");

        List<JsonNode> records = records();
        assertEquals(ExitStatus.ERROR, exitCode);
        assertEquals(3, records.size(), stdout::toString);
        assertEquals("1", records.get(0).path("labels").path("n").asText(), stdout::toString);
        assertEquals("bug:2", records.get(1).path("reference").asText());
        assertEquals("REGISTRY_ERROR", records.get(1).path("error").path("code").asText());
        assertEquals("internal error: IllegalStateException: boom",
                records.get(1).path("error").path("message").asText());
        assertEquals("3", records.get(2).path("labels").path("n").asText(), stdout::toString);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void outOfMemoryEndsTheBatchInsteadOfBecomingARecord(int jobs) throws Exception {
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        FakeSource source = new FakeSource(oom, null);

        OutOfMemoryError thrown = assertThrows(OutOfMemoryError.class,
                () -> run(source, jobs, "ok:1", "bug:2", "ok:3"));

        assertSame(oom, thrown);
        List<JsonNode> records = records();
        assertEquals(1, records.size(), stdout::toString);
        assertEquals("1", records.get(0).path("labels").path("n").asText(), stdout::toString);
    }
}

package dev.labels.cli.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.labels.cli.ExitCodes;
import dev.labels.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The launcher runs the hidden training command once, before the first real run, to make its class-data-sharing
 * archive: it must succeed offline, quickly and silently, or that first run hangs or prints what it should not.
 */
class TrainCommandTest {

    @Test
    void trainingRunSucceedsQuicklyAndWritesNothing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        // Its HTTPS mirror must fail its handshake at once and fall over to the next one: a handshake waiting
        // for the read timeout (30 s) would trip this bound.
        int code = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> Main.run(InputStream.nullInputStream(), out, err, Map.of(), "__train"));

        assertEquals(ExitCodes.OK, code, () -> "stdout: " + out.toString(StandardCharsets.UTF_8)
                + "\nstderr: " + err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8), "the inner runs write to their own sink");
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }
}

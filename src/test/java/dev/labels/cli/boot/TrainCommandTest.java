package dev.labels.cli.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.cli.ExitCodes;
import dev.labels.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
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

    @Test
    void theHttpsRunsCompleteHandshakesAndFetchTheirTokenOverTls() throws Exception {
        TrainCommand.Training training = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> new TrainCommand().train());

        // A run that validated nothing, or fell back to plain HTTP, would not have exited 0 (see the cases below).
        assertNull(training.tlsFailure());
        assertTrue(training.succeeded());
        // Cold: the token (from the second host name), the tag's index, the platform manifest and the config;
        // warm: the tag again, with the token the cold run left in the cache. Each answered after a handshake
        // the client accepted.
        var served = training.servedOverTls();
        assertTrue(served.contains("GET /token"), served::toString);
        assertTrue(served.stream().anyMatch(r -> r.startsWith("GET /v2/training/image/blobs/sha256:")), served::toString);
        assertTrue(served.stream().filter(r -> r.endsWith("/manifests/1")).count() >= 2, served::toString);
        assertTrue(served.get(served.size() - 1).endsWith("/manifests/1"), () -> "the warm run last: " + served);
    }

    @Test
    void aJvmThatCannotMakeTheCertificatesStillTrains() throws Exception {
        TrainCommand.Training training = new TrainCommand(() -> {
            throw new NoSuchAlgorithmException("RSA KeyPairGenerator not available");
        }).train();

        assertTrue(training.succeeded());
        assertTrue(training.tlsFailure().contains("RSA KeyPairGenerator not available"), training::tlsFailure);
        assertEquals(java.util.List.of(), training.servedOverTls());
    }

    @Test
    void aHandshakeThatFailsStillTrainsAndSaysWhy() throws Exception {
        // The registry presents a certificate from another CA than the one written to ca.crt.
        TrainingCertificates served = TrainingCertificates.make();
        TrainingCertificates other = TrainingCertificates.make();
        TrainCommand.Training training = new TrainCommand(() -> new TrainingCertificates(other.authority(),
                served.server(), served.key())).train();

        assertTrue(training.succeeded());
        assertNotNull(training.tlsFailure());
        assertTrue(training.tlsFailure().contains("not trusted"), training::tlsFailure);
        assertEquals(java.util.List.of(), training.servedOverTls());
    }
}

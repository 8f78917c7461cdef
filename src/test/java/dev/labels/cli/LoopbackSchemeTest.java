package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.testing.FixtureImage;
import dev.labels.testing.FixtureSet;
import dev.labels.testing.Fixtures;
import dev.labels.testing.LocalRegistry;
import dev.labels.testing.LocalRegistry.Mode;
import dev.labels.testing.Skopeo;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which scheme a registry on this machine speaks is found out by asking over plain HTTP first: the real
 * registry over plain HTTP answers at once, the real registry over TLS refuses with Go's 400 and is read over
 * HTTPS, and a registry that really answers 400 gets its own error reported.
 */
class LoopbackSchemeTest {
    private static final HeldCertificate CA = new HeldCertificate.Builder().certificateAuthority(0)
            .commonName("labels loopback test CA").build();
    private static final HeldCertificate SERVER = new HeldCertificate.Builder().commonName("127.0.0.1")
            .addSubjectAlternativeName("127.0.0.1").signedBy(CA).build();

    private static LocalRegistry plain;
    private static LocalRegistry overTls;
    private static LocalRegistry tokenOverTls;
    private static FixtureSet plainImages;
    private static FixtureSet tlsImages;
    private static FixtureSet tokenTlsImages;

    @TempDir
    Path dir;

    @BeforeAll
    static void startRegistries() {
        plain = LocalRegistry.start(Mode.ANONYMOUS);
        overTls = LocalRegistry.startOverTls(Mode.ANONYMOUS, SERVER, CA);
        tokenOverTls = LocalRegistry.startOverTls(Mode.TOKEN, SERVER, CA);
        plainImages = Fixtures.push(plain, Fixtures.PUBLIC);
        tlsImages = Fixtures.push(overTls, Fixtures.PUBLIC);
        tokenTlsImages = Fixtures.push(tokenOverTls, Fixtures.PRIVATE);
    }

    @AfterAll
    static void stopRegistries() {
        if (plain != null) {
            plain.close();
        }
        if (overTls != null) {
            overTls.close();
        }
        if (tokenOverTls != null) {
            tokenOverTls.close();
        }
    }

    @Test
    void aRegistryOnThisMachineIsAskedOverPlainHttpFirstAndTlsIsNeverTried() throws Exception {
        FixtureImage image = plainImages.dockerV2();

        LoggedRun run = LoggedRun.run("inspect", plain.host() + "/" + image.reference(), "-v", "--cache-dir", cache());

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(image.labels(), run.cli().labels());
        assertTrue(run.log().lines().findFirst().orElse("").contains("GET http://" + plain.host() + "/v2/"), run.log());
        assertFalse(run.log().contains("https://"), "no TLS attempt: " + run.log());
        assertFalse(run.log().contains("TLS"), run.log());
    }

    @Test
    void aRegistryOnThisMachineThatSpeaksTlsIsReadOverHttpsAfterRefusingPlainHttp() throws Exception {
        FixtureImage image = tlsImages.dockerV2();

        LoggedRun run = LoggedRun.run("inspect", overTls.host() + "/" + image.reference(), "-v", "--cache-dir", cache(),
                "--ca-cert", caFile());

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(Skopeo.labels(overTls.host(), image.reference(), Skopeo.Options.anonymous()), run.cli().labels());
        assertEquals(image.labels(), run.cli().labels());
        assertTrue(run.log().contains("http://" + overTls.host() + "/ does not answer plain HTTP (HTTP 400); using HTTPS"),
                "Go's servers answer a plaintext request with 400: " + run.log());
        assertTrue(run.log().contains("GET https://" + overTls.host() + "/v2/"), run.log());
    }

    @Test
    void aBatchStartingManyJobsAtOnceAsksPlainHttpOnlyOnce() throws Exception {
        List<String> args = new ArrayList<>(List.of("inspect", "-v", "--jobs", "8", "--cache-dir", cache(),
                "--ca-cert", caFile()));
        for (FixtureImage image : tlsImages.all()) {
            args.add(overTls.host() + "/" + image.reference());
        }

        LoggedRun run = LoggedRun.run(args.toArray(String[]::new));

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(tlsImages.all().size(), run.cli().stdout().lines().count(), run::toString);
        assertEquals(1, run.linesContaining("does not answer plain HTTP"), run.log());
        assertEquals(1, run.linesContaining("GET http://"), run.log());
    }

    @Test
    void aBatchWhoseChallengeIsRememberedStillAsksPlainHttpOnlyOnce() throws Exception {
        String cache = cache();
        String creds = LocalRegistry.USER + ":" + LocalRegistry.PASSWORD;
        List<FixtureImage> images = tokenTlsImages.all();
        // One run remembers the challenge and a token; a registry found to speak TLS is not noted.
        LoggedRun first = LoggedRun.run("inspect", tokenOverTls.host() + "/" + images.get(0).reference(),
                "--creds", creds, "--cache-dir", cache, "--ca-cert", caFile());
        assertEquals(0, first.exitCode(), first::toString);
        List<String> args = new ArrayList<>(List.of("inspect", "-v", "--jobs", "8", "--creds", creds,
                "--cache-dir", cache, "--ca-cert", caFile()));
        for (FixtureImage image : images) {
            args.add(tokenOverTls.host() + "/" + image.reference());
        }

        LoggedRun batch = LoggedRun.run(args.toArray(String[]::new));

        assertEquals(0, batch.exitCode(), batch::toString);
        assertEquals(images.size(), batch.cli().stdout().lines().count(), batch::toString);
        assertEquals(1, batch.linesContaining("does not answer plain HTTP"), "one probe, the others wait: " + batch.log());
    }

    @Test
    void anUntrustedCertificateOnThisMachineIsReportedAndNotTakenForPlainHttp() throws Exception {
        String cache = cache();
        String image = overTls.host() + "/" + tlsImages.dockerV2().reference();

        LoggedRun untrusted = LoggedRun.run("inspect", image, "-v", "--cache-dir", cache);
        LoggedRun trusted = LoggedRun.run("inspect", image, "--cache-dir", cache, "--ca-cert", caFile());

        assertEquals(ExitCodes.ERROR, untrusted.exitCode(), untrusted::toString);
        assertTrue(untrusted.cli().stderr().contains("certificate of " + overTls.host() + " is not trusted"),
                untrusted::toString);
        assertFalse(untrusted.log().contains("does not answer over TLS"), "no plain HTTP after a certificate: "
                + untrusted.log());
        assertEquals(0, trusted.exitCode(), "no note of plain HTTP was kept: " + trusted);
    }

    @Test
    void aRegistryThatReallyAnswers400IsReportedWithItsOwnError() throws Exception {
        try (Answers400 server = new Answers400()) {
            String host = "127.0.0.1:" + server.port();

            LoggedRun run = LoggedRun.run("inspect", host + "/team/app:1", "-v", "--cache-dir", cache());

            assertEquals(ExitCodes.ERROR, run.exitCode(), run::toString);
            assertTrue(run.cli().stderr().contains("NAME_INVALID"), run::toString);
            assertFalse(run.cli().stderr().contains("certificate"), run::toString);
            assertTrue(run.log().contains("does not answer plain HTTP (HTTP 400); using HTTPS"), run.log());
            assertTrue(run.log().contains("does not answer over TLS"), "HTTPS fails, so plain HTTP after all: " + run.log());
            assertEquals(2, server.requests.get(), "the probe, and the request sent again over plain HTTP");
            assertEquals(1, server.handshakes.get(), "one TLS attempt");
        }
    }

    /**
     * A plain-HTTP registry that answers every request with its own 400 error, and closes connections that
     * open with a TLS handshake at once, as Go's and nginx's servers do.
     * (MockWebServer would wait for a line end that a TLS hello may never send.)
     */
    private static final class Answers400 implements AutoCloseable {
        private static final int TLS_HANDSHAKE_RECORD = 0x16;
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger handshakes = new AtomicInteger();

        Answers400() throws IOException {
            Thread thread = new Thread(this::serve, "answers-400");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    InputStream in = connection.getInputStream();
                    int first = in.read();
                    if (first == TLS_HANDSHAKE_RECORD) {
                        handshakes.incrementAndGet();
                        continue;
                    }
                    // Up to the blank line that ends a GET's head.
                    int matched = 0;
                    while (matched < 4) {
                        int b = in.read();
                        if (b < 0) {
                            break;
                        }
                        matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
                    }
                    requests.incrementAndGet();
                    String body = "{\"errors\":[{\"code\":\"NAME_INVALID\",\"message\":\"invalid repository name\"}]}";
                    connection.getOutputStream().write(("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n"
                            + "Docker-Distribution-API-Version: registry/2.0\r\n"
                            + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body)
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // Closed by close(), or a client that went away: either way, on to the next.
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private String cache() throws Exception {
        return Files.createTempDirectory(dir, "cache-").toString();
    }

    private String caFile() throws Exception {
        Path file = dir.resolve("ca.pem");
        if (!Files.exists(file)) {
            Files.writeString(file, CA.certificatePem());
        }
        return file.toString();
    }
}

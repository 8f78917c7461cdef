package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.testing.TestImageServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registries behind private CAs and mutual TLS, reached the ways Docker and skopeo users configure them. */
class TlsTest {
    private static final HeldCertificate SERVER_CA = new HeldCertificate.Builder().certificateAuthority(0)
            .commonName("labels test server CA").build();
    private static final HeldCertificate SERVER = new HeldCertificate.Builder().commonName("localhost")
            .addSubjectAlternativeName("localhost").signedBy(SERVER_CA).build();
    private static final HeldCertificate CLIENT_CA = new HeldCertificate.Builder().certificateAuthority(0)
            .commonName("labels test client CA").build();
    private static final HeldCertificate CLIENT = new HeldCertificate.Builder().rsa2048().commonName("labels client")
            .signedBy(CLIENT_CA).build();

    @TempDir
    Path dir;
    private TestImageServer server;
    private Map<String, String> labels;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void startHttps(boolean clientAuth) {
        HandshakeCertificates.Builder certificates = new HandshakeCertificates.Builder()
                .heldCertificate(SERVER, SERVER_CA.certificate());
        if (clientAuth) {
            certificates.addTrustedCertificate(CLIENT_CA.certificate());
        }
        server = TestImageServer.startHttps(certificates.build(), clientAuth);
        labels = server.push("team/app", "1");
    }

    private String image() {
        return server.host() + "/team/app:1";
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void caCertOptionTrustsAPrivateCaForTheRun() throws Exception {
        startHttps(false);
        Path ca = write("corp-ca.pem", SERVER_CA.certificatePem());

        CliRun run = CliRun.run(Map.of(), "", "inspect", image(), "--ca-cert", ca.toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(labels, run.labels());
    }

    @Test
    void aJdkTlsServerRefusingThePlainHttpProbeIsAskedOverHttps() throws Exception {
        startHttps(false);
        Path ca = write("corp-ca.pem", SERVER_CA.certificatePem());

        LoggedRun run = LoggedRun.run("inspect", image(), "--ca-cert", ca.toString(), "-v");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(labels, run.cli().labels());
        assertEquals(1, run.linesContaining("GET http://"), "one probe: " + run.log());
        assertEquals(1, run.linesContaining("does not answer plain HTTP"), run.log());
    }

    @Test
    void caCertOptionAddsToTheJvmsTrustInsteadOfReplacingIt() throws Exception {
        startHttps(false);
        Path unrelated = write("unrelated.pem", new HeldCertificate.Builder().certificateAuthority(0).build().certificatePem());
        Path ca = write("corp-ca.pem", SERVER_CA.certificatePem());

        CliRun run = CliRun.run(Map.of(), "", "inspect", image(), "--ca-cert", unrelated.toString(),
                "--ca-cert", ca.toString());

        assertEquals(0, run.exitCode(), "every --ca-cert counts: " + run);
    }

    @Test
    void untrustedCertificateFailsWithAMessageSayingHowToTrustIt() {
        startHttps(false);

        CliRun run = CliRun.run("inspect", image());

        assertEquals(ExitCodes.ERROR, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("certificate of " + server.host() + " is not trusted; use --ca-cert or "
                + "/etc/docker/certs.d/" + server.host() + "/ca.crt"), run.stderr());
    }

    @Test
    void certDirCaCertificateIsTrusted() throws Exception {
        startHttps(false);
        write("certs/ca.crt", SERVER_CA.certificatePem());

        CliRun run = CliRun.run("inspect", image(), "--cert-dir", dir.resolve("certs").toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(labels, run.labels());
    }

    @Test
    void certDirClientCertificateWithAnRsaPkcs1KeyAnswersARegistryThatRequiresOne() throws Exception {
        startHttps(true);
        write("certs/ca.crt", SERVER_CA.certificatePem());
        write("certs/client.cert", CLIENT.certificatePem());
        write("certs/client.key", CLIENT.privateKeyPkcs1Pem());

        CliRun run = CliRun.run("inspect", image(), "--cert-dir", dir.resolve("certs").toString());

        assertEquals(0, run.exitCode(), run::toString);
        RecordedRequest request = server.requests().get(0);
        X509Certificate presented = (X509Certificate) request.getHandshake().peerCertificates().get(0);
        assertEquals(CLIENT.certificate(), presented);
    }

    @Test
    void certDirClientCertificateWithAnEcKeyWorksToo() throws Exception {
        startHttps(true);
        HeldCertificate ecClient = new HeldCertificate.Builder().ecdsa256().commonName("ec client").signedBy(CLIENT_CA).build();
        write("certs/ca.crt", SERVER_CA.certificatePem());
        write("certs/ec.cert", ecClient.certificatePem());
        write("certs/ec.key", ecClient.privateKeyPkcs8Pem());

        CliRun run = CliRun.run("inspect", image(), "--cert-dir", dir.resolve("certs").toString());

        assertEquals(0, run.exitCode(), run::toString);
    }

    @Test
    void withoutAClientCertificateARegistryThatRequiresOneIsNotReached() throws Exception {
        startHttps(true);
        write("certs/ca.crt", SERVER_CA.certificatePem());

        CliRun run = CliRun.run("inspect", image(), "--cert-dir", dir.resolve("certs").toString());

        assertEquals(ExitCodes.ERROR, run.exitCode(), run::toString);
        assertEquals("", run.stdout());
        assertTrue(run.stderr().contains("client certificate"), "says what is probably missing: " + run.stderr());
    }

    @Test
    void configFileCaTrustsThatRegistry() throws Exception {
        startHttps(false);
        Path ca = write("corp-ca.pem", SERVER_CA.certificatePem());
        Path config = write("config.json", "{\"registries\":{\"" + server.host() + "\":{\"ca\":\"" + ca + "\"}}}");

        CliRun run = CliRun.run("inspect", image(), "--config", config.toString());

        assertEquals(0, run.exitCode(), run::toString);
    }

    @Test
    void configFileInsecureSkipsVerificationForThatRegistry() throws Exception {
        startHttps(false);
        write("labels/config.json", "{\"registries\":{\"" + server.host() + "\":{\"insecure\":true}}}");

        CliRun run = CliRun.run(Map.of("XDG_CONFIG_HOME", dir.toString()), "", "inspect", image());

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(labels, run.labels());
    }

    @Test
    void insecureOptionSkipsVerification() {
        startHttps(false);

        CliRun run = CliRun.run("inspect", image(), "--insecure");

        assertEquals(0, run.exitCode(), run::toString);
    }

    @Test
    void missingCaCertFileIsAUsageError() {
        CliRun run = CliRun.run("inspect", "localhost:1/a:1", "--ca-cert", dir.resolve("nope.pem").toString());

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("--ca-cert " + dir.resolve("nope.pem") + ": no such file"), run.stderr());
    }

    @Test
    void unreadableCaCertFileNamesTheFile() throws Exception {
        startHttps(false);
        Path bad = write("bad.pem", "not a certificate");

        CliRun run = CliRun.run("inspect", image(), "--ca-cert", bad.toString());

        assertEquals(ExitCodes.ERROR, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains(bad + " holds no PEM certificate"), run.stderr());
    }
}

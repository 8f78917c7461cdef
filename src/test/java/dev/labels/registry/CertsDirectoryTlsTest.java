package dev.labels.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.cache.ImageCache;
import dev.labels.image.Platform;
import dev.labels.image.ResolvedImage;
import dev.labels.reference.ImageReference;
import dev.labels.registry.auth.CredentialSource;
import dev.labels.registry.proxy.ProxySettings;
import dev.labels.registry.tls.TlsFiles;
import dev.labels.registry.transport.RegistryConfig;
import dev.labels.registry.transport.RegistryException;
import dev.labels.testing.TestImageServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Docker's per-registry folders, {@code CERTS_D/HOST:PORT/}, with the root injected instead of /etc/docker/certs.d. */
class CertsDirectoryTlsTest {
    private static final HeldCertificate CA = new HeldCertificate.Builder().certificateAuthority(0).build();
    private static final HeldCertificate SERVER = new HeldCertificate.Builder()
            .addSubjectAlternativeName("localhost").signedBy(CA).build();

    @TempDir
    Path certsD;
    private TestImageServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private ResolvedImage resolve() throws Exception {
        RegistryConfig config = new RegistryConfig(false, List.of(), CredentialSource.ANONYMOUS, false, Map.of(),
                new TlsFiles(List.of(), null, certsD), ProxySettings.NONE);
        try (RegistryClient client = new RegistryClient(config)) {
            return new ImageResolver(client, ImageCache.NONE, Platform.host())
                    .resolve(ImageReference.parse(server.host() + "/team/app:1"), null);
        }
    }

    @Test
    void caCrtInTheRegistrysOwnFolderIsTrusted() throws Exception {
        server = TestImageServer.startHttps(new HandshakeCertificates.Builder().heldCertificate(SERVER, CA.certificate()).build(), false);
        Map<String, String> labels = server.push("team/app", "1");
        Path folder = Files.createDirectories(certsD.resolve(server.host()));
        Files.writeString(folder.resolve("ca.crt"), CA.certificatePem());

        assertEquals(labels, resolve().config().labels());
    }

    @Test
    void anotherRegistrysFolderIsNotUsed() throws Exception {
        server = TestImageServer.startHttps(new HandshakeCertificates.Builder().heldCertificate(SERVER, CA.certificate()).build(), false);
        server.push("team/app", "1");
        Path folder = Files.createDirectories(certsD.resolve("localhost:1"));
        Files.writeString(folder.resolve("ca.crt"), CA.certificatePem());

        RegistryException error = assertThrows(RegistryException.class, this::resolve);

        assertEquals(RegistryException.Kind.NETWORK, error.kind());
        assertTrue(error.getMessage().contains("is not trusted; use --ca-cert or "
                + certsD.resolve(server.host()).resolve("ca.crt")), error.getMessage());
    }
}

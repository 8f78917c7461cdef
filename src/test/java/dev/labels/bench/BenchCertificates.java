package dev.labels.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * A throwaway certificate authority made for one benchmark run, shaped as public registries' are: a root that
 * clients are told to trust, an intermediate that signs, and for each host name its own leaf, which the server
 * sends with the intermediate. RSA 2048 throughout, the most common key on registries' certificates. The keys
 * live in memory only; the root's certificate alone is written out, for the clients to trust.
 */
final class BenchCertificates {
    /** The name of the root's certificate in a certs folder: what {@code --cert-dir} of both tools reads. */
    static final String CA_FILE = "ca.crt";
    /** Longer than any run, short enough that a leaked file is soon worthless. */
    private static final Duration VALIDITY = Duration.ofDays(2);

    private final HeldCertificate root;
    private final Map<String, HandshakeCertificates> servers = new LinkedHashMap<>();

    /** @param hostNames the names the servers answer under, one leaf certificate each */
    BenchCertificates(Iterable<String> hostNames) {
        long now = System.currentTimeMillis();
        long until = now + VALIDITY.toMillis();
        root = new HeldCertificate.Builder().rsa2048().commonName("labels benchmark root CA").certificateAuthority(1)
                .validityInterval(now, until).build();
        HeldCertificate intermediate = new HeldCertificate.Builder().rsa2048()
                .commonName("labels benchmark intermediate CA").certificateAuthority(0).signedBy(root)
                .validityInterval(now, until).build();
        for (String host : hostNames) {
            HeldCertificate leaf = new HeldCertificate.Builder().rsa2048().commonName(host)
                    .addSubjectAlternativeName(host).signedBy(intermediate).validityInterval(now, until).build();
            servers.put(host, new HandshakeCertificates.Builder().heldCertificate(leaf, intermediate.certificate())
                    .build());
        }
    }

    /** The server side of {@code host}: its leaf and the intermediate, for server sockets. */
    SSLSocketFactory serverSockets(String host) {
        HandshakeCertificates server = servers.get(host);
        if (server == null) {
            throw new IllegalArgumentException("no certificate was made for " + host);
        }
        return server.sslSocketFactory();
    }

    /** A client's trust: this root only (tests). */
    HandshakeCertificates clientTrust() {
        return new HandshakeCertificates.Builder().addTrustedCertificate(root.certificate()).build();
    }

    /** Writes the root's certificate as {@code folder/ca.crt}, the certs.d layout both tools read. */
    Path writeCertsFolder(Path folder) {
        try {
            Files.createDirectories(folder);
            return Files.writeString(folder.resolve(CA_FILE), root.certificatePem());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the benchmark's CA certificate into " + folder, e);
        }
    }
}

package dev.labels.cli.boot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The certificates the training's HTTPS registry presents: read back by the JDK, field by field, and accepted
 * by the clients a user's run goes through, with hostname verification, only when their CA is trusted.
 */
class TrainingCertificatesTest {
    private static TrainingCertificates made;
    private static HttpsServer server;

    @BeforeAll
    static void serve() throws Exception {
        made = TrainingCertificates.make();
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(made.serverContext()));
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void theCaParsesFromItsPemAsAVersion3CaSelfSignedWithSha256WithRsa() throws Exception {
        X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(made.authorityPem().getBytes(StandardCharsets.US_ASCII)));

        assertEquals(made.authority(), ca);
        assertEquals(3, ca.getVersion());
        assertEquals("CN=labels training CA", ca.getSubjectX500Principal().getName());
        assertEquals(ca.getSubjectX500Principal(), ca.getIssuerX500Principal());
        assertEquals("SHA256withRSA", ca.getSigAlgName());
        assertEquals(Integer.MAX_VALUE, ca.getBasicConstraints(), "a CA without a path length limit");
        assertTrue(ca.getKeyUsage()[5] && ca.getKeyUsage()[6], "keyCertSign and cRLSign");
        assertEquals(Set.of("2.5.29.19", "2.5.29.15"), ca.getCriticalExtensionOIDs());
        ca.verify(ca.getPublicKey());
        ca.checkValidity();
    }

    @Test
    void theServerCertificateNames127001AndLocalhostAndIsSignedByTheCa() throws Exception {
        X509Certificate leaf = made.server();

        assertEquals(3, leaf.getVersion());
        assertEquals("CN=127.0.0.1", leaf.getSubjectX500Principal().getName());
        assertEquals(made.authority().getSubjectX500Principal(), leaf.getIssuerX500Principal());
        assertEquals("RSA", leaf.getPublicKey().getAlgorithm());
        assertEquals(2048, ((RSAPublicKey) leaf.getPublicKey()).getModulus().bitLength());
        Collection<List<?>> names = leaf.getSubjectAlternativeNames();
        assertEquals(Set.of(List.of(7, "127.0.0.1"), List.of(2, "localhost")), Set.copyOf(names));
        assertEquals(-1, leaf.getBasicConstraints(), "not a CA");
        assertArrayEquals(new boolean[] {true, false, true, false, false, false, false, false, false},
                leaf.getKeyUsage(), "digitalSignature and keyEncipherment");
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), leaf.getExtendedKeyUsage());
        Date now = new Date();
        assertTrue(leaf.getNotBefore().before(now) && leaf.getNotAfter().after(now),
                () -> leaf.getNotBefore() + " to " + leaf.getNotAfter());
        assertTrue(leaf.getSerialNumber().signum() > 0);
        leaf.verify(made.authority().getPublicKey());
    }

    @Test
    void aJdkTrustManagerOfTheCaAcceptsTheServerChainAndTheJvmsOwnDoesNot() throws Exception {
        X509Certificate[] chain = {made.server()};

        trusting(made.authority()).checkServerTrusted(chain, "RSA");
        assertThrows(CertificateException.class, () -> trusting(null).checkServerTrusted(chain, "RSA"));
    }

    @Test
    void httpsUrlConnectionVerifiesTheHostNameAgainstTheCertificate() throws Exception {
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, new TrustManager[] {trusting(made.authority())}, null);
        for (String host : List.of("127.0.0.1", "localhost")) {
            HttpsURLConnection connection = (HttpsURLConnection) new URL("https://" + host + ":" + port() + "/")
                    .openConnection();
            connection.setSSLSocketFactory(client.getSocketFactory());
            assertEquals(204, connection.getResponseCode(), host);
            connection.disconnect();
        }
    }

    @Test
    void okHttpAcceptsBothNamesAndRefusesAnotherAtTheSameAddress() throws Exception {
        X509TrustManager trust = trusting(made.authority());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trust}, null);
        OkHttpClient client = new OkHttpClient.Builder().sslSocketFactory(context.getSocketFactory(), trust)
                .dns(host -> List.of(InetAddress.getLoopbackAddress())).build();
        for (String host : List.of("127.0.0.1", "localhost")) {
            try (Response response = get(client, host)) {
                assertEquals(204, response.code(), host);
                assertEquals(made.server(), response.handshake().peerCertificates().get(0));
            }
        }
        assertThrows(SSLPeerUnverifiedException.class, () -> get(client, "registry.example.com").close());
    }

    private static Response get(OkHttpClient client, String host) throws IOException {
        return client.newCall(new Request.Builder().url("https://" + host + ":" + port() + "/").build()).execute();
    }

    private static int port() {
        return server.getAddress().getPort();
    }

    /** The JDK's PKIX trust manager over one CA, or over the JVM's own trust store for null. */
    private static X509TrustManager trusting(X509Certificate ca) throws Exception {
        KeyStore store = null;
        if (ca != null) {
            store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("ca", ca);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }
}

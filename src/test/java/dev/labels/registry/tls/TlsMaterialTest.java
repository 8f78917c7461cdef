package dev.labels.registry.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

class TlsMaterialTest {
    private static final HeldCertificate CA = new HeldCertificate.Builder().certificateAuthority(0).build();
    private static final HeldCertificate OTHER_CA = new HeldCertificate.Builder().certificateAuthority(0).build();

    private static X509Certificate[] leafOf(HeldCertificate ca) {
        HeldCertificate leaf = new HeldCertificate.Builder().signedBy(ca).addSubjectAlternativeName("localhost").build();
        return new X509Certificate[] {leaf.certificate(), ca.certificate()};
    }

    @Test
    void theUsersCasAreAddedToTheJvmsNeverReplacingThem() throws Exception {
        X509TrustManager trust = new TlsMaterial(List.of(CA.certificate()), List.of(), false).sockets().trustManager();
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        X509TrustManager jvm = (X509TrustManager) factory.getTrustManagers()[0];
        Set<X509Certificate> accepted = Set.of(trust.getAcceptedIssuers());
        assertTrue(accepted.contains(CA.certificate()));
        assertTrue(jvm.getAcceptedIssuers().length > 0);
        assertTrue(accepted.containsAll(List.of(jvm.getAcceptedIssuers())));
        assertEquals(jvm.getAcceptedIssuers().length + 1, accepted.size());
    }

    @Test
    void aChainSignedByTheUsersCaIsTrustedAndOneSignedByAnotherIsNot() throws Exception {
        X509TrustManager trust = new TlsMaterial(List.of(CA.certificate()), List.of(), false).sockets().trustManager();
        trust.checkServerTrusted(leafOf(CA), "RSA");
        assertThrows(CertificateException.class, () -> trust.checkServerTrusted(leafOf(OTHER_CA), "RSA"));
    }
}

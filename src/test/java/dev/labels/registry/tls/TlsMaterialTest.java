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
    void aChainOfTheUsersCaRefusedForItsOwnFaultSaysThatFaultNotThatNoCaIsKnown() throws Exception {
        long now = System.currentTimeMillis();
        HeldCertificate expired = new HeldCertificate.Builder().signedBy(CA).addSubjectAlternativeName("localhost")
                .validityInterval(now - 7_200_000, now - 3_600_000).build();
        X509TrustManager trust = new TlsMaterial(List.of(CA.certificate()), List.of(), false).sockets().trustManager();
        CertificateException refused = assertThrows(CertificateException.class,
                () -> trust.checkServerTrusted(new X509Certificate[] {expired.certificate(), CA.certificate()}, "RSA"));
        boolean saysExpired = false;
        for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
            saysExpired |= cause instanceof java.security.cert.CertificateExpiredException;
        }
        assertTrue(saysExpired, () -> "the chain's own fault, not the JVM store's 'no path': " + refused);
    }

    @Test
    void aChainSignedByTheUsersCaIsTrustedAndOneSignedByAnotherIsNot() throws Exception {
        X509TrustManager trust = new TlsMaterial(List.of(CA.certificate()), List.of(), false).sockets().trustManager();
        trust.checkServerTrusted(leafOf(CA), "RSA");
        assertThrows(CertificateException.class, () -> trust.checkServerTrusted(leafOf(OTHER_CA), "RSA"));
    }
}

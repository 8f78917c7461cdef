package dev.labels.registry.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.X509ExtendedTrustManager;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

class IndexedTrustTest {
    private static final HeldCertificate ROOT = new HeldCertificate.Builder().commonName("Indexed Root")
            .certificateAuthority(1).rsa2048().build();
    private static final HeldCertificate INTERMEDIATE = new HeldCertificate.Builder().commonName("Indexed Issuing CA")
            .certificateAuthority(0).signedBy(ROOT).rsa2048().build();
    /** Same name as the root, another key: a chain it signed must not be trusted because of the name alone. */
    private static final HeldCertificate IMPOSTOR = new HeldCertificate.Builder().commonName("Indexed Root")
            .certificateAuthority(1).rsa2048().build();

    private static UnparsedCertificate unparsed(HeldCertificate ca) {
        X509Certificate certificate = ca.certificate();
        try {
            return new UnparsedCertificate(certificate.getEncoded(), certificate.getSubjectX500Principal());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new AssertionError(e);
        }
    }

    private static List<UnparsedCertificate> storeWith(HeldCertificate... cas) {
        List<UnparsedCertificate> store = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            store.add(unparsed(new HeldCertificate.Builder().commonName("Other CA " + i).certificateAuthority(0).build()));
        }
        for (HeldCertificate ca : cas) {
            store.add(20, unparsed(ca));
        }
        return store;
    }

    private static X509Certificate[] chainFrom(HeldCertificate intermediate) {
        HeldCertificate leaf = new HeldCertificate.Builder().addSubjectAlternativeName("registry.example.com")
                .signedBy(intermediate).build();
        return new X509Certificate[] {leaf.certificate(), intermediate.certificate()};
    }

    /** The JDK's trust manager over a whole store holding {@code cas}: what IndexedTrust must agree with. */
    private static X509ExtendedTrustManager wholeStoreWith(List<UnparsedCertificate> cas) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (int i = 0; i < cas.size(); i++) {
            store.setCertificateEntry("ca-" + i, cas.get(i).parsed());
        }
        javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        factory.init(store);
        return (X509ExtendedTrustManager) factory.getTrustManagers()[0];
    }

    @Test
    void aChainToACaOfTheStoreIsTrustedAsTheWholeStoreTrustsIt() throws Exception {
        List<UnparsedCertificate> store = storeWith(ROOT);
        X509Certificate[] chain = chainFrom(INTERMEDIATE);
        new IndexedTrust(store).checkServerTrusted(chain, "RSA");
        long parsed = store.stream().filter(c -> c.parsedAlready()).count();
        assertEquals(1, parsed, "only the CA the chain names was parsed");
        wholeStoreWith(store).checkServerTrusted(chain, "RSA");
    }

    @Test
    void aChainSignedByAnImpostorOfACasNameIsRefusedAsTheWholeStoreRefusesIt() throws Exception {
        List<UnparsedCertificate> store = storeWith(ROOT);
        HeldCertificate fakeIntermediate = new HeldCertificate.Builder().commonName("Indexed Issuing CA")
                .certificateAuthority(0).signedBy(IMPOSTOR).rsa2048().build();
        X509Certificate[] chain = chainFrom(fakeIntermediate);
        assertThrows(CertificateException.class, () -> wholeStoreWith(store).checkServerTrusted(chain, "RSA"));
        CertificateException refused = assertThrows(CertificateException.class,
                () -> new IndexedTrust(store).checkServerTrusted(chain, "RSA"));
        assertTrue(refused.getMessage().startsWith("PKIX path"), "the JDK's own reason: " + refused.getMessage());
    }

    @Test
    void aChainNamingNoCaOfTheStoreIsRefusedByTheJdkWithItsOwnReason() {
        HeldCertificate unknownRoot = new HeldCertificate.Builder().commonName("Unknown Root").certificateAuthority(1)
                .build();
        HeldCertificate unknownIntermediate = new HeldCertificate.Builder().commonName("Unknown Issuing CA")
                .certificateAuthority(0).signedBy(unknownRoot).build();
        CertificateException refused = assertThrows(CertificateException.class,
                () -> new IndexedTrust(storeWith(ROOT)).checkServerTrusted(chainFrom(unknownIntermediate), "RSA"));
        assertTrue(refused.getMessage().contains("PKIX path building failed"), refused.getMessage());
    }

    @Test
    void everyKindOfCheckIsTheJdksOwnWithItsConnection() throws Exception {
        IndexedTrust trust = new IndexedTrust(storeWith(ROOT));
        X509Certificate[] chain = chainFrom(INTERMEDIATE);
        trust.checkServerTrusted(chain, "RSA", (java.net.Socket) null);
        trust.checkServerTrusted(chain, "RSA", (javax.net.ssl.SSLEngine) null);
        X509Certificate[] withRoot = {chain[0], chain[1], ROOT.certificate()};
        trust.checkServerTrusted(withRoot, "RSA");
        HeldCertificate client = new HeldCertificate.Builder().commonName("client").signedBy(INTERMEDIATE).build();
        trust.checkClientTrusted(new X509Certificate[] {client.certificate(), INTERMEDIATE.certificate()}, "RSA");
    }

    @Test
    void twoCasOfOneNameAreBothGivenToTheJdkAndTheRightKeyWins() throws Exception {
        List<UnparsedCertificate> store = storeWith(IMPOSTOR, ROOT);
        new IndexedTrust(store).checkServerTrusted(chainFrom(INTERMEDIATE), "RSA");
        assertEquals(2, store.stream().filter(c -> c.parsedAlready()).count());
    }

    @Test
    void aChainTheNamedCasRefuseIsJudgedByTheJdkOverTheWholeStore() {
        // The named CA is an impostor of the real issuer's name: refused by it, and then by the JDK's default
        // store (which does not hold this test's CAs), whose reason is given.
        CertificateException refused = assertThrows(CertificateException.class,
                () -> new IndexedTrust(storeWith(IMPOSTOR)).checkServerTrusted(chainFrom(INTERMEDIATE), "RSA"));
        assertTrue(refused.getMessage().startsWith("PKIX path building failed"), refused.getMessage());
    }

    @Test
    void aChainTheNamedCasCannotJudgeIsJudgedOverTheWholeStore() throws Exception {
        // The store's CA of the issuer's name does not parse: the JDK, over the whole store, decides.
        UnparsedCertificate broken = new UnparsedCertificate(new byte[] {0x30, 0x00},
                ROOT.certificate().getSubjectX500Principal());
        List<UnparsedCertificate> store = new ArrayList<>(storeWith());
        store.add(broken);
        X509ExtendedTrustManager whole = wholeStoreWith(storeWith(ROOT));
        new IndexedTrust(store, () -> whole).checkServerTrusted(chainFrom(INTERMEDIATE), "RSA");
        X509ExtendedTrustManager without = wholeStoreWith(storeWith());
        assertThrows(CertificateException.class, () -> new IndexedTrust(store, () -> without)
                .checkServerTrusted(chainFrom(INTERMEDIATE), "RSA"));
    }

    @Test
    void theAcceptedIssuersAreTheWholeStoreUnparsed() {
        List<UnparsedCertificate> store = storeWith(ROOT, INTERMEDIATE);
        X509Certificate[] issuers = new IndexedTrust(store).getAcceptedIssuers();
        assertEquals(store.size(), issuers.length);
        assertTrue(List.of(issuers).contains(ROOT.certificate()));
        assertEquals(0, store.stream().filter(c -> c.parsedAlready()).count());
    }
}

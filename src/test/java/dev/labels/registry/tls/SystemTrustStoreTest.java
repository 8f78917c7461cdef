package dev.labels.registry.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemTrustStoreTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    private static byte[] store(String type, HeldCertificate... certificates) throws Exception {
        KeyStore store = KeyStore.getInstance(type);
        store.load(null, null);
        for (int i = 0; i < certificates.length; i++) {
            store.setCertificateEntry("ca-" + i, certificates[i].certificate());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, PASSWORD);
        return out.toByteArray();
    }

    @Test
    void theJvmsOwnStoreReadsAsTheJdkReadsItCertificateForCertificate() throws Exception {
        Optional<List<UnparsedCertificate>> read = SystemTrustStore.read();
        assertTrue(read.isPresent(), "this JDK's cacerts is a JKS store of trusted certificates");
        KeyStore jdk = KeyStore.getInstance(KeyStore.getDefaultType());
        try (var in = Files.newInputStream(Path.of(System.getProperty("java.home"), "lib", "security", "cacerts"))) {
            jdk.load(in, null);
        }
        Map<String, X509Certificate> byEncoding = new HashMap<>();
        for (String alias : Collections.list(jdk.aliases())) {
            X509Certificate certificate = (X509Certificate) jdk.getCertificate(alias);
            byEncoding.put(java.util.HexFormat.of().formatHex(certificate.getEncoded()), certificate);
        }
        assertEquals(byEncoding.size(), read.get().size());
        for (UnparsedCertificate unparsed : read.get()) {
            X509Certificate certificate = byEncoding.get(java.util.HexFormat.of().formatHex(unparsed.getEncoded()));
            assertEquals(certificate.getSubjectX500Principal(), unparsed.getSubjectX500Principal());
            assertEquals(certificate, unparsed);
            assertEquals(unparsed, certificate);
            assertEquals(certificate.hashCode(), unparsed.hashCode());
        }
    }

    @Test
    void aCertificateReadUnparsedAnswersAsTheParsedOne() throws Exception {
        HeldCertificate ca = new HeldCertificate.Builder().commonName("Unparsed Root").organizationalUnit("Trust")
                .certificateAuthority(1).build();
        X509Certificate real = ca.certificate();
        UnparsedCertificate unparsed = SystemTrustStore.parse(store("JKS", ca)).orElseThrow().get(0);
        assertEquals(real.getSubjectX500Principal(), unparsed.getSubjectX500Principal());
        assertEquals(real.getIssuerX500Principal(), unparsed.getIssuerX500Principal());
        assertEquals(real.getSerialNumber(), unparsed.getSerialNumber());
        assertEquals(real.getNotAfter(), unparsed.getNotAfter());
        assertEquals(real.getPublicKey(), unparsed.getPublicKey());
        assertEquals(real.getBasicConstraints(), unparsed.getBasicConstraints());
        assertArrayEquals(real.getSignature(), unparsed.getSignature());
        assertArrayEquals(real.getTBSCertificate(), unparsed.getTBSCertificate());
        unparsed.verify(real.getPublicKey());
    }

    @Test
    void storesTheJdkMustReadItselfAreLeftToIt() throws Exception {
        HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).build();
        assertEquals(Optional.empty(), SystemTrustStore.parse(store("PKCS12", ca)));
        KeyStore withKey = KeyStore.getInstance("JKS");
        withKey.load(null, null);
        withKey.setKeyEntry("key", ca.keyPair().getPrivate(), PASSWORD, new X509Certificate[] {ca.certificate()});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        withKey.store(out, PASSWORD);
        assertEquals(Optional.empty(), SystemTrustStore.parse(out.toByteArray()));
        assertEquals(Optional.empty(), SystemTrustStore.parse(new byte[] {(byte) 0xFE, (byte) 0xED}));
    }

    /** A JVM home with these stores in lib/security; the properties as a JDK's defaults have them. */
    private static Path javaHome(Path folder, byte[] cacerts, byte[] jssecacerts) throws Exception {
        Path security = Files.createDirectories(folder.resolve("lib/security"));
        if (cacerts != null) {
            Files.write(security.resolve("cacerts"), cacerts);
        }
        if (jssecacerts != null) {
            Files.write(security.resolve("jssecacerts"), jssecacerts);
        }
        return folder;
    }

    private static Optional<List<UnparsedCertificate>> read(Path home, Map<String, String> system,
            Map<String, String> security) {
        return SystemTrustStore.read(home, system::get, security::get, "pkcs12");
    }

    private static final Map<String, String> COMPAT = Map.of("keystore.type.compat", "true");

    @Test
    void theStoreIsChosenAsTheJdkChoosesIt(@TempDir Path folder) throws Exception {
        HeldCertificate inCacerts = new HeldCertificate.Builder().commonName("In cacerts").certificateAuthority(0).build();
        HeldCertificate inJsse = new HeldCertificate.Builder().commonName("In jssecacerts").certificateAuthority(0)
                .build();
        Path onlyCacerts = javaHome(folder.resolve("a"), store("JKS", inCacerts), null);
        assertEquals(List.of(inCacerts.certificate()), List.copyOf(read(onlyCacerts, Map.of(), COMPAT).orElseThrow()));
        Path both = javaHome(folder.resolve("b"), store("JKS", inCacerts), store("JKS", inJsse));
        assertEquals(List.of(inJsse.certificate()), List.copyOf(read(both, Map.of(), COMPAT).orElseThrow()));
        for (String property : List.of("javax.net.ssl.trustStore", "javax.net.ssl.trustStoreType",
                "javax.net.ssl.trustStoreProvider", "javax.net.ssl.trustStorePassword")) {
            assertEquals(Optional.empty(), read(onlyCacerts, Map.of(property, "NONE"), COMPAT), property);
        }
        assertEquals(Optional.empty(), read(folder.resolve("no-jvm-here"), Map.of(), COMPAT));
    }

    @Test
    void aJksStoreIsReadOnlyWhereTheJdkWouldReadItAsJks(@TempDir Path folder) throws Exception {
        Path home = javaHome(folder, store("JKS", new HeldCertificate.Builder().certificateAuthority(0).build()), null);
        assertTrue(read(home, Map.of(), COMPAT).isPresent());
        assertTrue(SystemTrustStore.read(home, key -> null, key -> null, "jks").isPresent());
        // The JDK's reader takes JKS for pkcs12 only when keystore.type.compat is exactly true.
        for (String compat : List.of("false", "", "yes")) {
            assertEquals(Optional.empty(), read(home, Map.of(), Map.of("keystore.type.compat", compat)), compat);
        }
        assertEquals(Optional.empty(), read(home, Map.of(), Map.of()));
        assertEquals(Optional.empty(), SystemTrustStore.read(home, key -> null, key -> null, "bcfks"));
    }

    @Test
    void aStoreWithAnAliasTwiceIsLeftToTheJdkWhichKeepsOnlyTheLast() throws Exception {
        byte[] one = store("JKS", new HeldCertificate.Builder().commonName("First").certificateAuthority(0).build(),
                new HeldCertificate.Builder().commonName("Second").certificateAuthority(0).build());
        // Both entries are "ca-0" and "ca-1": rename the second alias to the first, same length.
        byte[] twice = one.clone();
        int second = indexOf(twice, "ca-1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        twice[second + 3] = '0';
        assertTrue(SystemTrustStore.parse(one).isPresent());
        assertEquals(Optional.empty(), SystemTrustStore.parse(twice));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    void everyCertificateOfAStoreIsReadInOrder() throws Exception {
        List<HeldCertificate> cas = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            cas.add(new HeldCertificate.Builder().commonName("CA " + i).certificateAuthority(0).build());
        }
        List<UnparsedCertificate> read = SystemTrustStore.parse(store("JKS", cas.toArray(HeldCertificate[]::new)))
                .orElseThrow();
        assertEquals(5, read.size());
        for (HeldCertificate ca : cas) {
            assertTrue(read.stream().anyMatch(c -> c.equals(ca.certificate())), ca.certificate().toString());
        }
    }
}

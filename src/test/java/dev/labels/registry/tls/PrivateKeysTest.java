package dev.labels.registry.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys in the forms openssl writes them. openssl makes them (CI installs it for the integration tests) so that
 * the SEC1 and PKCS#1 encodings are the real ones, not our own encoder checked against itself; each parsed key
 * must sign something that openssl's public key verifies.
 */
class PrivateKeysTest {
    @TempDir
    Path dir;

    private Path openssl(String output, String... args) throws Exception {
        Path file = dir.resolve(output);
        // -out right after the subcommand: genrsa wants its key size last.
        List<String> command = new java.util.ArrayList<>(List.of("openssl", args[0], "-out", file.toString()));
        command.addAll(List.of(args).subList(1, args.length));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0, String.join(" ", command) + "\n" + log);
        return file;
    }

    private static PublicKey publicKey(Path pem, String algorithm) throws Exception {
        Pem.Block block = Pem.blocks(Files.readString(pem)).get(0);
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(block.der()));
    }

    private static void assertPair(PrivateKey privateKey, PublicKey publicKey, String signatureAlgorithm) throws Exception {
        byte[] message = "labels".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance(signatureAlgorithm);
        signer.initSign(privateKey);
        signer.update(message);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(signatureAlgorithm);
        verifier.initVerify(publicKey);
        verifier.update(message);
        assertTrue(verifier.verify(signature), "the parsed key is the one openssl made");
    }

    @Test
    void rsaPkcs1KeyIsWrappedIntoPkcs8() throws Exception {
        Path key = openssl("rsa.pem", "genrsa", "-traditional", "2048");
        Path pub = openssl("rsa.pub", "rsa", "-in", dir.resolve("rsa.pem").toString(), "-pubout");
        assertTrue(Files.readString(key).contains("BEGIN RSA PRIVATE KEY"));

        assertPair(CertificateFiles.privateKey(key), publicKey(pub, "RSA"), "SHA256withRSA");
    }

    @Test
    void ecSec1KeyIsWrappedIntoPkcs8WithItsNamedCurve() throws Exception {
        Path key = openssl("ec.pem", "ecparam", "-name", "prime256v1", "-genkey");
        Path pub = openssl("ec.pub", "ec", "-in", key.toString(), "-pubout");
        String text = Files.readString(key);
        assertTrue(text.contains("BEGIN EC PARAMETERS") && text.contains("BEGIN EC PRIVATE KEY"),
                "openssl puts the parameters block first; it must be skipped");

        assertPair(CertificateFiles.privateKey(key), publicKey(pub, "EC"), "SHA256withECDSA");
    }

    @Test
    void pkcs8KeysAreReadAsTheyAre() throws Exception {
        HeldCertificate held = new HeldCertificate.Builder().ecdsa256().build();
        Path key = dir.resolve("pk8.pem");
        Files.writeString(key, "a comment openssl would skip\n" + held.privateKeyPkcs8Pem());

        assertEquals(held.keyPair().getPrivate(), CertificateFiles.privateKey(key));
    }

    @Test
    void encryptedKeysAreRefusedWithHowToDecryptThem() throws Exception {
        Path key = openssl("enc.pem", "genpkey", "-algorithm", "RSA", "-aes256", "-pass", "pass:x");

        TlsException error = assertThrows(TlsException.class, () -> CertificateFiles.privateKey(key));

        assertTrue(error.getMessage().contains("encrypted"), error.getMessage());
        assertTrue(error.getMessage().contains(key.toString()), error.getMessage());
    }

    @Test
    void aFileWithoutAKeySaysSo() throws Exception {
        Path file = dir.resolve("cert.pem");
        Files.writeString(file, new HeldCertificate.Builder().build().certificatePem());

        TlsException error = assertThrows(TlsException.class, () -> CertificateFiles.privateKey(file));

        assertTrue(error.getMessage().contains("holds no PEM private key"), error.getMessage());
    }

    @Test
    void certificateBundlesYieldEveryCertificate() throws Exception {
        Path bundle = dir.resolve("bundle.pem");
        Files.writeString(bundle, "# corporate CAs\n" + new HeldCertificate.Builder().build().certificatePem()
                + "\n" + new HeldCertificate.Builder().build().certificatePem());

        assertEquals(2, CertificateFiles.certificates(bundle).size());
    }

    @Test
    void aCertDirWithAKeyButNoCertificateIsAnErrorLikeDockers() throws Exception {
        Files.writeString(dir.resolve("client.key"), new HeldCertificate.Builder().build().privateKeyPkcs8Pem());

        TlsException error = assertThrows(TlsException.class, () -> CertsDirectory.read(dir));

        assertTrue(error.getMessage().contains("missing client certificate client.cert"), error.getMessage());
    }

    @Test
    void aCertDirWithACertificateButNoKeyIsAnErrorLikeDockers() throws Exception {
        Files.writeString(dir.resolve("ca.cert"), new HeldCertificate.Builder().build().certificatePem());

        TlsException error = assertThrows(TlsException.class, () -> CertsDirectory.read(dir));

        assertTrue(error.getMessage().contains("missing key ca.key"), error.getMessage());
        assertTrue(error.getMessage().contains(".crt"), "hints at the CA extension: " + error.getMessage());
    }
}

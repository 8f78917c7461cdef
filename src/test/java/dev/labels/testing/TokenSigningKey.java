package dev.labels.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A throwaway RSA key and self-signed certificate that the {@link TestTokenServer} signs tokens with and the
 * registry trusts through {@code auth.token.rootcertbundle}.
 *
 * <p>Made with {@code openssl} because the JDK can load keys but has no public API to issue a certificate.
 * OpenSSL 3 writes {@code -newkey rsa:2048 -nodes} keys as unencrypted PKCS#8 PEM, which the JDK reads
 * with {@link PKCS8EncodedKeySpec} and no extra library.
 */
final class TokenSigningKey {

    static final String SUBJECT = "/CN=labels-test-token-signer";

    private final Path certificateFile;
    private final PrivateKey privateKey;
    private final String certificateBase64Der;

    private TokenSigningKey(Path certificateFile, PrivateKey privateKey, String certificateBase64Der) {
        this.certificateFile = certificateFile;
        this.privateKey = privateKey;
        this.certificateBase64Der = certificateBase64Der;
    }

    /** Generates {@code token-signer.key} and {@code token-signer.crt} in {@code folder} and loads them. */
    static TokenSigningKey generate(Path folder) {
        Path keyFile = folder.resolve("token-signer.key");
        Path certFile = folder.resolve("token-signer.crt");
        ProcessRunner.Result result = ProcessRunner.run(List.of("openssl", "req", "-x509",
                        "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", SUBJECT,
                        "-keyout", keyFile.toString(), "-out", certFile.toString()),
                Map.of(), folder, Duration.ofSeconds(30));
        if (!result.succeeded()) {
            throw new IllegalStateException("openssl could not make the token signing certificate "
                    + "(install it with: apt-get install -y openssl)\n" + result.describe());
        }
        try {
            X509Certificate certificate;
            try (var in = Files.newInputStream(certFile)) {
                certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            PrivateKey key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(pemBody(Files.readString(keyFile), "PRIVATE KEY")));
            return new TokenSigningKey(certFile, key,
                    Base64.getEncoder().encodeToString(certificate.getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the openssl output in " + folder, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not load the openssl key or certificate in " + folder, e);
        }
    }

    /** The PEM certificate file, for the registry's {@code rootcertbundle}. */
    Path certificateFile() {
        return certificateFile;
    }

    /**
     * The certificate as standard (not URL-safe) base64 DER: the form the JWT {@code x5c} header wants
     * (RFC 7515 section 4.1.6), and Distribution decodes it with {@code base64.StdEncoding}.
     */
    String certificateBase64Der() {
        return certificateBase64Der;
    }

    /** RS256: RSASSA-PKCS1-v1_5 with SHA-256 (RFC 7518 section 3.3). */
    byte[] signRs256(byte[] data) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign a test token", e);
        }
    }

    private static byte[] pemBody(String pem, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < 0) {
            throw new IllegalStateException("expected a PEM block '" + begin + "' (PKCS#8, as OpenSSL 3 writes it), got: "
                    + pem.lines().findFirst().orElse("<empty>"));
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to).getBytes(StandardCharsets.US_ASCII));
    }
}

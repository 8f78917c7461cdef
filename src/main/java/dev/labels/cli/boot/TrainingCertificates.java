package dev.labels.cli.boot;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The training registry's TLS identity, made in memory for one training: an RSA 2048 key (what Docker Hub,
 * ghcr.io and most registries present) and two X.509 v3 certificates signed with SHA256withRSA, a CA and a
 * server certificate it issued for 127.0.0.1 and localhost. Not one self-signed certificate: the JDK accepts a
 * certificate that is itself a trusted one without validating a path, and every real registry's chain needs
 * that validation. The CA is what the training trusts, as a user trusts their registry's CA; both certificates
 * share the one key, as generating an RSA key is the dearest part of the training. The key never leaves memory.
 */
final class TrainingCertificates {
    static final String AUTHORITY_NAME = "labels training CA";
    static final String SERVER_NAME = "127.0.0.1";
    static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    private static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    /** Valid from an hour ago, against a clock a little behind, for a day: a training lasts seconds. */
    private static final Duration SLACK = Duration.ofHours(1);
    private static final Duration LIFETIME = Duration.ofDays(1);

    private final X509Certificate authority;
    private final X509Certificate server;
    private final PrivateKey key;

    TrainingCertificates(X509Certificate authority, X509Certificate server, PrivateKey key) {
        this.authority = authority;
        this.server = server;
        this.key = key;
    }

    static TrainingCertificates make() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Instant now = Instant.now();
        byte[] ca = TrainingDer.sequence(
                extension(BASIC_CONSTRAINTS, true, TrainingDer.sequence(TrainingDer.bool(true))),
                // keyCertSign (bit 5) and cRLSign (bit 6): 0000 0110, the last bit unused.
                extension(KEY_USAGE, true, TrainingDer.bitString(new byte[] {0x06}, 1)));
        byte[] leaf = TrainingDer.sequence(
                extension(BASIC_CONSTRAINTS, true, TrainingDer.sequence()),
                // digitalSignature (bit 0) and keyEncipherment (bit 2): 1010 0000, the last five bits unused.
                extension(KEY_USAGE, true, TrainingDer.bitString(new byte[] {(byte) 0xA0}, 5)),
                extension(EXTENDED_KEY_USAGE, false, TrainingDer.sequence(TrainingDer.oid(SERVER_AUTH))),
                // GeneralName iPAddress [7] and dNSName [2], both IMPLICIT.
                extension(SUBJECT_ALT_NAME, false, TrainingDer.sequence(
                        TrainingDer.implicit(7, new byte[] {127, 0, 0, 1}),
                        TrainingDer.implicit(2, "localhost".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))));
        return new TrainingCertificates(
                sign(AUTHORITY_NAME, AUTHORITY_NAME, keys, now, ca),
                sign(AUTHORITY_NAME, SERVER_NAME, keys, now, leaf), keys.getPrivate());
    }

    X509Certificate authority() {
        return authority;
    }

    PrivateKey key() {
        return key;
    }

    X509Certificate server() {
        return server;
    }

    /** The CA as a user's {@code ca.crt} holds it. */
    String authorityPem() throws GeneralSecurityException {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(authority.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    /** A server context presenting the server certificate alone, as registries leave their root CA out. */
    SSLContext serverContext() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {new ServerKey()}, null, new SecureRandom());
        return context;
    }

    /** RFC 5280 4.1: the TBSCertificate, signed, with its algorithm and signature. */
    private static X509Certificate sign(String issuer, String subject, KeyPair keys, Instant now, byte[] extensions)
            throws GeneralSecurityException {
        byte[] algorithm = TrainingDer.sequence(TrainingDer.oid(SHA256_WITH_RSA), TrainingDer.nothing());
        byte[] tbs = TrainingDer.sequence(
                TrainingDer.explicit(0, TrainingDer.integer(BigInteger.TWO)), // v3
                TrainingDer.integer(new BigInteger(63, new SecureRandom()).add(BigInteger.ONE)),
                algorithm,
                name(issuer),
                TrainingDer.sequence(TrainingDer.time(now.minus(SLACK)), TrainingDer.time(now.plus(LIFETIME))),
                name(subject),
                keys.getPublic().getEncoded(), // already a DER SubjectPublicKeyInfo
                TrainingDer.explicit(3, extensions));
        Signature signer = Signature.getInstance(SIGNATURE_ALGORITHM);
        signer.initSign(keys.getPrivate());
        signer.update(tbs);
        byte[] certificate = TrainingDer.sequence(tbs, algorithm, TrainingDer.bitString(signer.sign()));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate));
    }

    private static byte[] name(String commonName) {
        return TrainingDer.sequence(TrainingDer.set(TrainingDer.sequence(TrainingDer.oid(COMMON_NAME),
                TrainingDer.utf8String(commonName))));
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical
                ? TrainingDer.sequence(TrainingDer.oid(oid), TrainingDer.bool(true), TrainingDer.octetString(value))
                : TrainingDer.sequence(TrainingDer.oid(oid), TrainingDer.octetString(value));
    }

    /**
     * The server's key, handed to the JDK directly: an in-memory key store would encrypt it with thousands of
     * PBKDF2 rounds only for the key manager to decrypt it again.
     */
    private final class ServerKey extends X509ExtendedKeyManager {
        private static final String ALIAS = "training";

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return "RSA".equals(keyType) ? ALIAS : null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return "RSA".equals(keyType) ? ALIAS : null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return "RSA".equals(keyType) ? new String[] {ALIAS} : null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return ALIAS.equals(alias) ? new X509Certificate[] {server} : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return ALIAS.equals(alias) ? key : null;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}

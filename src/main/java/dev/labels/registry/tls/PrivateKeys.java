package dev.labels.registry.tls;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;

/**
 * Private keys in the PEM forms openssl and Docker's docs produce, as the JDK's {@link PrivateKey}:
 * <ul>
 *   <li>{@code PRIVATE KEY}: PKCS#8 (RFC 5208), which the JDK reads as is (RSA, EC or Ed25519);</li>
 *   <li>{@code RSA PRIVATE KEY}: PKCS#1 (RFC 8017, A.1.2), wrapped into PKCS#8 with the rsaEncryption
 *       algorithm identifier;</li>
 *   <li>{@code EC PRIVATE KEY}: SEC1 (RFC 5915), wrapped into PKCS#8 with id-ecPublicKey and the named curve
 *       the key itself carries in {@code parameters [0]}.</li>
 * </ul>
 * Encrypted keys are refused with a message that says how to decrypt them: there is nobody to ask for a
 * passphrase in a pipeline.
 */
final class PrivateKeys {
    /** 1.2.840.113549.1.1.1 rsaEncryption, then NULL parameters. */
    private static final byte[] RSA_ALGORITHM = Der.tlv(Der.SEQUENCE,
            new byte[] {0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01},
            new byte[] {Der.NULL, 0x00});
    /** 1.2.840.10045.2.1 id-ecPublicKey. */
    private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01};
    private static final byte[] VERSION_0 = {Der.INTEGER, 0x01, 0x00};
    private static final List<String> ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");

    private PrivateKeys() {
    }

    /** The first private key among a file's PEM blocks. */
    static PrivateKey parse(List<Pem.Block> blocks, String file) throws TlsException {
        for (Pem.Block block : blocks) {
            if (!block.type().endsWith("PRIVATE KEY")) {
                continue; // EC PARAMETERS, certificates bundled with the key, ...
            }
            if (block.encrypted()) {
                throw new TlsException(file + " is an encrypted private key; decrypt it first "
                        + "(openssl pkey -in KEY -out KEY.decrypted)");
            }
            byte[] pkcs8 = switch (block.type()) {
                case "PRIVATE KEY" -> block.der();
                case "RSA PRIVATE KEY" -> pkcs8(RSA_ALGORITHM, block.der());
                case "EC PRIVATE KEY" -> pkcs8(Der.tlv(Der.SEQUENCE, EC_PUBLIC_KEY_OID, curveOf(block.der(), file)),
                        block.der());
                default -> throw new TlsException(file + ": \"" + block.type() + "\" keys are not supported; "
                        + "convert it to PKCS#8 (openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8)");
            };
            return load(pkcs8, file);
        }
        throw new TlsException(file + " holds no PEM private key");
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier, OCTET STRING privateKey }. */
    static byte[] pkcs8(byte[] algorithm, byte[] key) {
        return Der.tlv(Der.SEQUENCE, VERSION_0, algorithm, Der.tlv(Der.OCTET_STRING, key));
    }

    /** The named-curve OID (its whole TLV) from ECPrivateKey ::= SEQUENCE { version, key, [0] params, [1] pub }. */
    private static byte[] curveOf(byte[] sec1, String file) throws TlsException {
        try {
            Der.Element sequence = Der.read(sec1, 0);
            int position = sequence.start();
            while (position < sequence.end()) {
                Der.Element element = Der.read(sec1, position);
                if (element.tag() == Der.CONTEXT_0) {
                    byte[] oid = element.content();
                    if (Der.read(oid, 0).tag() != Der.OID) {
                        break; // explicit curve parameters: nobody writes those any more
                    }
                    return oid;
                }
                position = element.end();
            }
        } catch (IllegalArgumentException e) {
            throw new TlsException(file + " is not a valid EC private key: " + e.getMessage());
        }
        throw new TlsException(file + ": the EC private key does not name its curve; convert it to PKCS#8 "
                + "(openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8)");
    }

    private static PrivateKey load(byte[] pkcs8, String file) throws TlsException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pkcs8);
        for (String algorithm : ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException | RuntimeException e) {
                // Not this algorithm: PKCS#8 names it inside, and each factory refuses the others.
            }
        }
        throw new TlsException(file + " is not an RSA, EC or Ed25519 private key the JVM can read");
    }
}

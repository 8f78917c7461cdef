package dev.labels.registry.tls;

import dev.labels.registry.http.BoundedFiles;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Security;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.security.auth.x500.X500Principal;

/**
 * The JVM's default trust store, its certificates read but not parsed ({@link UnparsedCertificate}). Only where
 * the JDK itself would read it plainly: no {@code javax.net.ssl.trustStore*} property, the store the JDK picks
 * ({@code lib/security/jssecacerts}, else {@code cacerts}) in the JKS format (the JDK's own on most builds,
 * Debian's and Temurin's among them), holding trusted certificates only. Anything else is left to the JDK.
 */
final class SystemTrustStore {
    private static final int JKS_MAGIC = 0xFEEDFEED;
    private static final int TRUSTED_CERTIFICATE = 2;
    /** cacerts is under 200 KB; a store many times that is not the JDK's own. */
    private static final int MAX_BYTES = 16 * 1024 * 1024;

    private SystemTrustStore() {
    }

    /** Its certificates, or empty when the JDK must read the store itself. */
    static Optional<List<UnparsedCertificate>> read() {
        return read(Path.of(System.getProperty("java.home")), System::getProperty, Security::getProperty,
                KeyStore.getDefaultType());
    }

    /**
     * As {@link #read()}, for a JVM at {@code javaHome} with these system and security properties: the JDK's
     * choice of store ({@code sun.security.ssl.TrustStoreManager}) and of its reader ({@code KeyStoreDelegator}).
     */
    static Optional<List<UnparsedCertificate>> read(Path javaHome, Function<String, String> systemProperty,
            Function<String, String> securityProperty, String defaultType) {
        for (String property : List.of("javax.net.ssl.trustStore", "javax.net.ssl.trustStoreType",
                "javax.net.ssl.trustStoreProvider", "javax.net.ssl.trustStorePassword")) {
            if (systemProperty.apply(property) != null) {
                return Optional.empty();
            }
        }
        String type = defaultType.toLowerCase(Locale.ROOT);
        boolean readsJks = type.equals("jks")
                || type.equals("pkcs12") && "true".equalsIgnoreCase(securityProperty.apply("keystore.type.compat"));
        if (!readsJks) {
            return Optional.empty();
        }
        // As the JDK picks it: the first of the two that is a file it can read.
        Path security = javaHome.resolve("lib").resolve("security");
        File store = security.resolve("jssecacerts").toFile();
        if (!store.isFile() || !store.canRead()) {
            store = security.resolve("cacerts").toFile();
            if (!store.isFile() || !store.canRead()) {
                return Optional.empty();
            }
        }
        try {
            return parse(BoundedFiles.read(store.toPath(), MAX_BYTES));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The certificates of a JKS store of trusted certificates (the integrity hash at its end is not checked, as
     * the JDK does not when it reads a trust store without a password); empty for any other store.
     */
    static Optional<List<UnparsedCertificate>> parse(byte[] store) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(store));
        if (store.length < 12 || in.readInt() != JKS_MAGIC) {
            return Optional.empty();
        }
        int version = in.readInt();
        int count = in.readInt();
        if (version != 2 || count < 0 || count > store.length / 16) {
            return Optional.empty();
        }
        List<UnparsedCertificate> certificates = new ArrayList<>(count);
        Set<String> aliases = new HashSet<>();
        for (int i = 0; i < count; i++) {
            if (in.readInt() != TRUSTED_CERTIFICATE) {
                return Optional.empty();
            }
            // The JDK keeps the last entry of an alias given twice: such a store is left to it.
            if (!aliases.add(in.readUTF())) {
                return Optional.empty();
            }
            in.readLong(); // date
            if (!in.readUTF().equals("X.509")) {
                return Optional.empty();
            }
            int length = in.readInt();
            if (length <= 0 || length > in.available()) {
                return Optional.empty();
            }
            byte[] encoded = in.readNBytes(length);
            certificates.add(new UnparsedCertificate(encoded, subjectOf(encoded)));
        }
        return Optional.of(List.copyOf(certificates));
    }

    /** The subject name of a DER certificate: the sixth field of its TBSCertificate, the fifth without a version. */
    static X500Principal subjectOf(byte[] encoded) {
        Der.Element certificate = Der.read(encoded, 0);
        Der.Element tbs = Der.read(encoded, certificate.start());
        int offset = tbs.start();
        Der.Element field = Der.read(encoded, offset);
        if (field.tag() == Der.CONTEXT_0) { // version
            offset = field.end();
        }
        for (int skipped = 0; skipped < 4; skipped++) { // serial, signature, issuer, validity
            offset = Der.read(encoded, offset).end();
        }
        Der.Element subject = Der.read(encoded, offset);
        if (subject.tag() != Der.SEQUENCE || subject.end() > tbs.end()) {
            throw new IllegalArgumentException("no subject name");
        }
        byte[] name = new byte[subject.end() - offset];
        System.arraycopy(encoded, offset, name, 0, name.length);
        return new X500Principal(name);
    }
}

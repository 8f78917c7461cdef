package dev.labels.registry.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JVM's trust, once per run: its default store indexed by subject ({@link IndexedTrust}) where it can be
 * read unparsed ({@link SystemTrustStore}), else the JDK's own trust manager over it.
 */
public final class PlatformTrust {
    private static X509ExtendedTrustManager trust;

    private PlatformTrust() {
    }

    /** Synchronized: the head start makes it while the main thread starts up, which then waits, not redoes it. */
    public static synchronized X509ExtendedTrustManager get() throws GeneralSecurityException {
        if (trust == null) {
            Optional<List<UnparsedCertificate>> store = SystemTrustStore.read();
            trust = store.isPresent() ? new IndexedTrust(store.get()) : jdk();
        }
        return trust;
    }

    /** The JDK's PKIX trust manager over these CAs alone. */
    static X509ExtendedTrustManager jdk(List<X509Certificate> authorities) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot make an in-memory key store", e);
        }
        for (int i = 0; i < authorities.size(); i++) {
            store.setCertificateEntry("ca-" + i, authorities.get(i));
        }
        return over(store);
    }

    /** The JDK's PKIX trust manager over the JVM's default store, as the JDK reads it. */
    static X509ExtendedTrustManager jdk() throws GeneralSecurityException {
        return over(null);
    }

    private static X509ExtendedTrustManager over(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager extended) {
                return extended;
            }
        }
        throw new GeneralSecurityException("the JVM has no X.509 trust manager");
    }
}

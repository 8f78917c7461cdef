package dev.labels.registry.tls;

import java.security.GeneralSecurityException;
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
        X509ExtendedTrustManager manager = trust;
        if (manager == null) {
            manager = SystemTrustStore.read().<X509ExtendedTrustManager>map(IndexedTrust::new)
                    .orElse(null);
            if (manager == null) {
                manager = IndexedTrust.extended(null);
            }
            trust = manager;
        }
        return manager;
    }
}

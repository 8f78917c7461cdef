package dev.labels.registry.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * What one registry's TLS needs beyond the JVM's defaults: more CAs to trust (added to the JVM's trust
 * store, never replacing it, as Docker adds certs.d CAs to the system pool), client certificates, or no
 * verification at all ({@code --insecure}, or {@code "insecure": true} in the config file).
 */
public record TlsMaterial(List<X509Certificate> authorities, List<ClientIdentity> identities, boolean trustAll) {
    /** The key store below lives only in memory; its password protects nothing and is not a secret. */
    private static final char[] IN_MEMORY_PASSWORD = "labels".toCharArray();

    public TlsMaterial {
        authorities = List.copyOf(authorities);
        identities = List.copyOf(identities);
    }

    /** The socket factory and the trust manager it uses (OkHttp needs both to clean certificate chains). */
    public record Sockets(SSLSocketFactory factory, X509TrustManager trustManager) {
    }

    public Sockets sockets() throws TlsException {
        try {
            X509TrustManager trust = trustAll ? TrustEverything.INSTANCE : trustManager();
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(), new TrustManager[] {trust}, new SecureRandom());
            return new Sockets(context.getSocketFactory(), trust);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new TlsException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** The JVM's trusted CAs plus ours. */
    private X509TrustManager trustManager() throws GeneralSecurityException {
        if (authorities.isEmpty()) {
            return PlatformTrust.get();
        }
        return new EitherTrust(PlatformTrust.jdk(authorities), PlatformTrust.get());
    }

    private KeyManager[] keyManagers() throws GeneralSecurityException, java.io.IOException {
        if (identities.isEmpty()) {
            return null;
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (int i = 0; i < identities.size(); i++) {
            ClientIdentity identity = identities.get(i);
            store.setKeyEntry("client-" + i, identity.key(), IN_MEMORY_PASSWORD,
                    identity.chain().toArray(X509Certificate[]::new));
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, IN_MEMORY_PASSWORD);
        return factory.getKeyManagers();
    }

    /** No verification at all: the user said so for this registry. */
    private static final class TrustEverything implements X509TrustManager {
        static final TrustEverything INSTANCE = new TrustEverything();

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}

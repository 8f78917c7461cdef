package dev.labels.registry.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A client certificate for mutual TLS and its key. {@link #toString()} never shows the key.
 *
 * @param chain the certificate first, then any intermediates the file holds
 * @param file  the certificate file, for messages
 */
public record ClientIdentity(PrivateKey key, List<X509Certificate> chain, String file) {

    @Override
    public String toString() {
        return "ClientIdentity[" + file + "]";
    }
}

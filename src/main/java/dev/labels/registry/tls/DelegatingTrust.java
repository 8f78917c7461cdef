package dev.labels.registry.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager that decides which of the JDK's trust managers judges a chain, and lets it judge with the
 * check of the same kind and the same connection the JDK asked for, so that its algorithm constraints apply.
 */
abstract class DelegatingTrust extends X509ExtendedTrustManager {
    /** One check of a chain, of the kind the JDK asked for, by one trust manager. */
    interface Check {
        void by(X509ExtendedTrustManager manager) throws CertificateException;
    }

    /** Has {@code check} made by the trust manager (or managers) that judge {@code chain}. */
    abstract void check(X509Certificate[] chain, Check check) throws CertificateException;

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, manager -> manager.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, manager -> manager.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, manager -> manager.checkServerTrusted(chain, authType));
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, manager -> manager.checkClientTrusted(chain, authType, socket));
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, manager -> manager.checkClientTrusted(chain, authType, engine));
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, manager -> manager.checkClientTrusted(chain, authType));
    }
}

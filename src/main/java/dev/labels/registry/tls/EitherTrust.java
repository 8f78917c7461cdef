package dev.labels.registry.tls;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts what the user's CAs or the JVM's trust store trusts, as one store holding both would: a certification
 * path ends at exactly one anchor, so it is valid under the union of two sets of anchors exactly when it is
 * valid under one of them. Asking the two in turn spares copying the JVM's hundred and more CAs into a new
 * store for every registry that has CAs of its own. Each check is the JDK's own, with the connection it is
 * for, so its algorithm constraints apply as they would to one store.
 */
final class EitherTrust extends DelegatingTrust {
    private final X509ExtendedTrustManager own;
    private final X509ExtendedTrustManager platform;

    /** @param own trusts the user's CAs alone; asked first, as the registry's own certificates are likelier */
    EitherTrust(X509ExtendedTrustManager own, X509ExtendedTrustManager platform) {
        this.own = own;
        this.platform = platform;
    }

    /**
     * When both refuse, the reason given is the user's CAs' when they found a path and refused it (an expired
     * or weak certificate: the user needs to hear that), else the JVM store's, which is what one store holding
     * both would have said; the other reason is kept as suppressed.
     */
    @Override
    void check(X509Certificate[] chain, Check check) throws CertificateException {
        try {
            check.by(own);
        } catch (CertificateException refusedByOwn) {
            try {
                check.by(platform);
            } catch (CertificateException refusedByPlatform) {
                boolean ownFoundNoPath = foundNoPath(refusedByOwn);
                CertificateException refused = ownFoundNoPath ? refusedByPlatform : refusedByOwn;
                refused.addSuppressed(ownFoundNoPath ? refusedByOwn : refusedByPlatform);
                throw refused;
            }
        }
    }

    private static boolean foundNoPath(Throwable refusal) {
        for (Throwable cause = refusal; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertPathBuilderException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        X509Certificate[] ours = own.getAcceptedIssuers();
        X509Certificate[] theirs = platform.getAcceptedIssuers();
        X509Certificate[] all = Arrays.copyOf(ours, ours.length + theirs.length);
        System.arraycopy(theirs, 0, all, ours.length, theirs.length);
        return all;
    }
}

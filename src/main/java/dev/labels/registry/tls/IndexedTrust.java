package dev.labels.registry.tls;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * The JVM's trust store, with its CAs parsed only when a chain names them. A certification path ends at an
 * anchor whose subject is the issuer of a certificate of the chain (or is a certificate of the chain itself),
 * so a chain is checked by the JDK's own trust manager over just the CAs so named, which trusts no chain that
 * one over the whole store would refuse. A chain it refuses, or that names none of the CAs, goes to the JDK's
 * trust manager over the whole store, which decides and gives its usual reason: a path through an
 * intermediate the JDK fetched itself, or a revocation check that needs another CA, is judged as it would be.
 */
final class IndexedTrust extends DelegatingTrust {
    private final List<UnparsedCertificate> authorities;
    private final Map<Set<Integer>, X509ExtendedTrustManager> byAuthorities = new ConcurrentHashMap<>();
    private final WholeStore wholeStore;
    private volatile X509ExtendedTrustManager whole;

    /** The JDK's trust manager over the whole store, made only when needed. */
    interface WholeStore {
        X509ExtendedTrustManager make() throws GeneralSecurityException;
    }

    IndexedTrust(List<UnparsedCertificate> authorities) {
        this(authorities, PlatformTrust::jdk);
    }

    IndexedTrust(List<UnparsedCertificate> authorities, WholeStore wholeStore) {
        this.authorities = List.copyOf(authorities);
        this.wholeStore = wholeStore;
        // A name's hash is its canonical form, computed on first use and kept: OkHttp's index and this class
        // hash every CA's name. Done here, it is done by the head start, which builds the run's trust first.
        for (UnparsedCertificate authority : this.authorities) {
            authority.getSubjectX500Principal().hashCode();
        }
    }


    @Override
    void check(X509Certificate[] chain, Check check) throws CertificateException {
        Set<X500Principal> named = new HashSet<>();
        for (X509Certificate certificate : chain == null ? new X509Certificate[0] : chain) {
            named.add(certificate.getIssuerX500Principal());
            named.add(certificate.getSubjectX500Principal());
        }
        Set<Integer> picked = new HashSet<>();
        for (int i = 0; i < authorities.size(); i++) {
            if (named.contains(authorities.get(i).getSubjectX500Principal())) {
                picked.add(i);
            }
        }
        if (!picked.isEmpty()) {
            try {
                check.by(over(picked));
                return;
            } catch (GeneralSecurityException | IllegalStateException refused) {
                // The JDK decides over the whole store: a path through an intermediate it fetched (AIA), a
                // revocation check that needs another CA, a CA of the store that does not parse.
            }
        }
        X509ExtendedTrustManager manager;
        try {
            manager = whole();
        } catch (GeneralSecurityException e) {
            throw new CertificateException("cannot read the JVM's trust store: " + e.getMessage(), e);
        }
        check.by(manager);
    }

    private X509ExtendedTrustManager over(Set<Integer> picked) throws GeneralSecurityException {
        X509ExtendedTrustManager manager = byAuthorities.get(picked);
        if (manager == null) {
            List<X509Certificate> named = new ArrayList<>();
            for (int i : picked) {
                named.add(authorities.get(i).parsed());
            }
            manager = PlatformTrust.jdk(named);
            byAuthorities.putIfAbsent(Set.copyOf(picked), manager);
        }
        return manager;
    }

    private X509ExtendedTrustManager whole() throws GeneralSecurityException {
        X509ExtendedTrustManager manager = whole;
        if (manager == null) {
            manager = wholeStore.make();
            whole = manager;
        }
        return manager;
    }

    /** Every CA of the store, unparsed: OkHttp indexes them by subject whenever a client is built. */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return authorities.toArray(new X509Certificate[0]);
    }
}

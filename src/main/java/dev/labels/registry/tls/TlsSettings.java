package dev.labels.registry.tls;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Gathers the TLS material of one registry from everywhere the user may have put it: {@code --ca-cert}
 * (every registry), the registry's {@code "ca"} in the config file, and its certs.d folder (or
 * {@code --cert-dir}).
 */
public final class TlsSettings {
    private final TlsFiles files;
    private List<X509Certificate> global;

    public TlsSettings(TlsFiles files) {
        this.files = files;
    }

    /** The {@code --ca-cert} certificates, read once. */
    public synchronized List<X509Certificate> globalAuthorities() throws TlsException {
        if (global == null) {
            List<X509Certificate> all = new ArrayList<>();
            for (Path file : files.caCertificates()) {
                all.addAll(CertificateFiles.certificates(file));
            }
            global = List.copyOf(all);
        }
        return global;
    }

    /**
     * @param registry the registry name (host[:port]) whose certs.d folder applies
     * @param ca       the registry's CA file from the config file, or null
     * @param trustAll whether the user turned verification off for it
     */
    public TlsMaterial materialFor(String registry, Path ca, boolean trustAll) throws TlsException {
        List<X509Certificate> authorities = new ArrayList<>(globalAuthorities());
        if (ca != null) {
            authorities.addAll(CertificateFiles.certificates(ca));
        }
        Path folder = files.folderFor(registry);
        CertsDirectory directory = folder == null ? CertsDirectory.EMPTY : CertsDirectory.read(folder);
        authorities.addAll(directory.authorities());
        return new TlsMaterial(authorities, directory.identities(), trustAll);
    }

    /** True when nothing but {@code --ca-cert} applies, so one shared client serves every such registry. */
    public boolean onlyGlobal(String registry, Path ca, boolean trustAll) {
        return ca == null && !trustAll && files.folderFor(registry) == null;
    }
}

package dev.labels.registry.tls;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.Principal;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.io.ByteArrayInputStream;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * A CA certificate of the JVM's trust store, read but not yet parsed: its subject is known from the bytes, and
 * the certificate is parsed the first time anything else is asked of it. OkHttp asks a trust manager for all of
 * its CAs whenever a client is built, and only their subjects are used; parsing the hundred and more of them
 * was a noticeable part of every HTTPS run's start.
 */
final class UnparsedCertificate extends X509Certificate {
    private static final long serialVersionUID = 1L;
    private final byte[] encoded;
    private final X500Principal subject;
    private transient volatile X509Certificate parsed;

    UnparsedCertificate(byte[] encoded, X500Principal subject) {
        this.encoded = encoded.clone();
        this.subject = subject;
    }

    /** The certificate itself; an unreadable one fails here as it would have when the store was loaded. */
    X509Certificate parsed() {
        X509Certificate certificate = parsed;
        if (certificate == null) {
            try {
                certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(encoded));
            } catch (CertificateException e) {
                throw new IllegalStateException("unreadable certificate in the JVM's trust store: " + e.getMessage(), e);
            }
            parsed = certificate;
        }
        return certificate;
    }

    /** For tests: whether anything has needed it parsed yet (the trust store is read without parsing each CA). */
    boolean parsedAlready() {
        return parsed != null;
    }

    @Override
    public X500Principal getSubjectX500Principal() {
        return subject;
    }

    @Override
    public byte[] getEncoded() {
        return encoded.clone();
    }

    @Override
    public X500Principal getIssuerX500Principal() {
        return parsed().getIssuerX500Principal();
    }

    @Override
    public void checkValidity() throws CertificateExpiredException, CertificateNotYetValidException {
        parsed().checkValidity();
    }

    @Override
    public void checkValidity(Date date) throws CertificateExpiredException, CertificateNotYetValidException {
        parsed().checkValidity(date);
    }

    @Override
    public int getVersion() {
        return parsed().getVersion();
    }

    @Override
    public BigInteger getSerialNumber() {
        return parsed().getSerialNumber();
    }

    @Override
    @SuppressWarnings("deprecation")
    public Principal getIssuerDN() {
        return parsed().getIssuerDN();
    }

    @Override
    @SuppressWarnings("deprecation")
    public Principal getSubjectDN() {
        return parsed().getSubjectDN();
    }

    @Override
    public Date getNotBefore() {
        return parsed().getNotBefore();
    }

    @Override
    public Date getNotAfter() {
        return parsed().getNotAfter();
    }

    @Override
    public byte[] getTBSCertificate() throws CertificateEncodingException {
        return parsed().getTBSCertificate();
    }

    @Override
    public byte[] getSignature() {
        return parsed().getSignature();
    }

    @Override
    public String getSigAlgName() {
        return parsed().getSigAlgName();
    }

    @Override
    public String getSigAlgOID() {
        return parsed().getSigAlgOID();
    }

    @Override
    public byte[] getSigAlgParams() {
        return parsed().getSigAlgParams();
    }

    @Override
    public boolean[] getIssuerUniqueID() {
        return parsed().getIssuerUniqueID();
    }

    @Override
    public boolean[] getSubjectUniqueID() {
        return parsed().getSubjectUniqueID();
    }

    @Override
    public boolean[] getKeyUsage() {
        return parsed().getKeyUsage();
    }

    @Override
    public List<String> getExtendedKeyUsage() throws CertificateParsingException {
        return parsed().getExtendedKeyUsage();
    }

    @Override
    public int getBasicConstraints() {
        return parsed().getBasicConstraints();
    }

    @Override
    public Collection<List<?>> getSubjectAlternativeNames() throws CertificateParsingException {
        return parsed().getSubjectAlternativeNames();
    }

    @Override
    public Collection<List<?>> getIssuerAlternativeNames() throws CertificateParsingException {
        return parsed().getIssuerAlternativeNames();
    }

    @Override
    public void verify(PublicKey key) throws CertificateException, NoSuchAlgorithmException, InvalidKeyException,
            NoSuchProviderException, SignatureException {
        parsed().verify(key);
    }

    @Override
    public void verify(PublicKey key, String sigProvider) throws CertificateException, NoSuchAlgorithmException,
            InvalidKeyException, NoSuchProviderException, SignatureException {
        parsed().verify(key, sigProvider);
    }

    @Override
    public void verify(PublicKey key, Provider sigProvider) throws CertificateException, NoSuchAlgorithmException,
            InvalidKeyException, SignatureException {
        parsed().verify(key, sigProvider);
    }

    @Override
    public PublicKey getPublicKey() {
        return parsed().getPublicKey();
    }

    @Override
    public boolean hasUnsupportedCriticalExtension() {
        return parsed().hasUnsupportedCriticalExtension();
    }

    @Override
    public Set<String> getCriticalExtensionOIDs() {
        return parsed().getCriticalExtensionOIDs();
    }

    @Override
    public Set<String> getNonCriticalExtensionOIDs() {
        return parsed().getNonCriticalExtensionOIDs();
    }

    @Override
    public byte[] getExtensionValue(String oid) {
        return parsed().getExtensionValue(oid);
    }

    @Override
    public String toString() {
        return parsed().toString();
    }
}

package dev.labels.registry.tls;

import java.io.ByteArrayInputStream;
import dev.labels.registry.http.BoundedFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Reads PEM certificate and key files; every error names the file. */
final class CertificateFiles {
    /** A bundle of every public CA is about 200 KiB; a certificate or key file larger than this is not one. */
    private static final int MAX_BYTES = 1024 * 1024;

    private CertificateFiles() {
    }

    /** All the certificates in a PEM file (a bundle may hold many). */
    static List<X509Certificate> certificates(Path file) throws TlsException {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Pem.Block block : blocks(file)) {
                if (block.type().equals("CERTIFICATE")) {
                    certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (CertificateException e) {
            throw new TlsException(file + " holds a certificate that cannot be read: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new TlsException(file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    static PrivateKey privateKey(Path file) throws TlsException {
        return PrivateKeys.parse(blocks(file), file.toString());
    }

    private static List<Pem.Block> blocks(Path file) throws TlsException {
        try {
            // ISO-8859-1 reads any bytes: a DER file or a UTF-8 comment must give "no PEM", not a decoding error.
            return Pem.blocks(new String(BoundedFiles.read(file, MAX_BYTES), StandardCharsets.ISO_8859_1));
        } catch (BoundedFiles.TooLargeException e) {
            throw new TlsException(e.getMessage());
        } catch (IOException e) {
            throw new TlsException("cannot read " + file + ": " + describe(e), e);
        } catch (IllegalArgumentException e) {
            throw new TlsException(file + " is not valid PEM: " + e.getMessage(), e);
        }
    }

    private static String describe(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such file"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}

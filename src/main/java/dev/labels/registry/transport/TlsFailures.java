package dev.labels.registry.transport;

import dev.labels.error.LabelsException.Kind;
import dev.labels.registry.tls.TlsFiles;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Turns a failed TLS handshake into a message that says what to do: the JDK's "PKIX path building failed"
 * means nothing to most users, "certificate of HOST is not trusted; use --ca-cert ..." does.
 */
final class TlsFailures {

    private TlsFailures() {
    }

    static RegistryException describe(Operation operation, Endpoint endpoint, SSLException e, TlsFiles tls) {
        String name = endpoint.credentialKey();
        Throwable cause = certificateProblem(e);
        if (cause instanceof CertificateExpiredException) {
            return operation.fail(Kind.NETWORK, "certificate of " + name + " has expired", 0, e);
        }
        if (cause != null) {
            return operation.fail(Kind.NETWORK, "certificate of " + name + " is not trusted; use --ca-cert or "
                    + tls.caHint(name), 0, e);
        }
        if (e instanceof SSLPeerUnverifiedException) {
            return operation.fail(Kind.NETWORK, "certificate of " + name + " is not valid for host "
                    + endpoint.base().host() + ": " + e.getMessage(), 0, e);
        }
        String message = String.valueOf(e.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("bad_certificate") || lower.contains("certificate_required")) {
            return operation.fail(Kind.NETWORK, name + " refused the TLS handshake (" + message + ")"
                    + clientCertificateHint(endpoint, tls), 0, e);
        }
        return operation.fail(Kind.NETWORK, "TLS failure talking to " + endpoint.base().host() + ": " + message, 0, e);
    }

    /**
     * With TLS 1.3 the server checks the client certificate after the client has finished its handshake, so a
     * registry that requires one and got none shows up as a reset or broken connection on the first write,
     * not as a handshake error: say what that usually means.
     */
    static String clientCertificateHint(Endpoint endpoint, TlsFiles tls) {
        String name = endpoint.credentialKey();
        return "; if " + name + " requires a client certificate, put NAME.cert and NAME.key in "
                + tls.folderHint(name) + "/ or use --cert-dir";
    }

    static boolean looksLikeAClosedHandshake(Endpoint endpoint, java.io.IOException e) {
        return endpoint.base().isHttps() && closedSocket(e, 0);
    }

    /** How a server that refuses the handshake after the fact shows up, by the JDK's and the alerts' words. */
    private static final java.util.List<String> CLOSED_HANDSHAKE = java.util.List.of("broken pipe",
            "connection reset", "terminated the handshake", "certificate_required", "bad_certificate",
            "exhausted all routes");

    /**
     * A reset, a broken pipe or a refusing alert anywhere in the failure: the JDK reports it as a
     * SocketException or wrapped in an SSLException, and OkHttp directly, as the cause, as "exhausted all
     * routes" after trying every route, or, when HTTP/2 was negotiated, as its connection being shut down.
     * Which one a run sees depends on timing.
     */
    private static boolean closedSocket(Throwable e, int depth) {
        if (e == null || depth > 8) {
            return false;
        }
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if ((e instanceof java.net.SocketException || e instanceof javax.net.ssl.SSLException)
                && CLOSED_HANDSHAKE.stream().anyMatch(message::contains)) {
            return true;
        }
        if (e.getClass().getName().equals("okhttp3.internal.http2.ConnectionShutdownException")
                || (e instanceof java.io.IOException && message.contains("exhausted all routes"))) {
            return true;
        }
        for (Throwable suppressed : e.getSuppressed()) {
            if (closedSocket(suppressed, depth + 1)) {
                return true;
            }
        }
        return closedSocket(e.getCause(), depth + 1);
    }

    /**
     * Whether this failure shows that the server speaks TLS: it sent a certificate, and the JVM rejected it. Plain
     * HTTP cannot help then.
     */
    static boolean provesTls(SSLException e) {
        return e instanceof SSLPeerUnverifiedException || certificateProblem(e) != null;
    }

    /** The certificate error behind a handshake failure, if that is what it was. */
    private static Throwable certificateProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException || t instanceof java.security.cert.CertPathValidatorException
                    || t instanceof java.security.cert.CertPathBuilderException) {
                for (Throwable inner = t; inner != null; inner = inner.getCause()) {
                    if (inner instanceof CertificateExpiredException) {
                        return inner;
                    }
                }
                return t;
            }
        }
        return null;
    }
}

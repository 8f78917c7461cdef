package dev.labels.registry;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import okhttp3.HttpUrl;
import okhttp3.Response;

/**
 * The first request to a loopback registry goes over plain HTTP, without credentials, and its outcome says
 * which scheme the registry speaks. Registries on a developer's or CI machine ({@code registry:2} on
 * {@code localhost:5000}) nearly all speak plain HTTP, and trying TLS first would cost every cold run the whole
 * TLS set-up (the trust store, the handshake code: about 0.1 s in a JVM) only to fail. Loopback traffic never
 * leaves the machine, and the probe carries no {@code Authorization}, so nothing is exposed by asking in the
 * clear first.
 *
 * <p>A server that speaks TLS shows it at once: Go's servers (the registry itself) and nginx answer a
 * plaintext request with a 400 (or a redirect to HTTPS on the same port), the JDK's and most others close the
 * connection. Registries answer API requests
 * with {@code Docker-Distribution-API-Version}, so a 400 that lacks it is taken for the TLS server's complaint.
 * A registry that really answered 400 is tried over HTTPS, fails there, and falls back to plain HTTP, where its
 * 400 is reported; nothing is lost, at the cost of one extra round trip in that rare case.
 *
 * <p>Also the tag of the probe request: its transport failures are not retried, because a closed connection
 * is the answer here, not a hiccup.
 */
final class SchemeProbe {
    static final SchemeProbe TAG = new SchemeProbe();

    private static final String API_VERSION_HEADER = "Docker-Distribution-API-Version";

    private SchemeProbe() {
    }

    /**
     * Whether this answer to the plain-HTTP probe is a TLS server's refusal rather than a registry's answer: a
     * bare 400, or a redirect to HTTPS on the same host and port (nginx can be set to answer a plaintext request
     * so, with its error page 497).
     */
    static boolean refusedPlainHttp(Response response) {
        if (response.code() == 400) {
            return response.header(API_VERSION_HEADER) == null;
        }
        if (!response.isRedirect()) {
            return false;
        }
        HttpUrl asked = response.request().url();
        String location = response.header("Location");
        HttpUrl target = location == null ? null : asked.resolve(location);
        return target != null && target.isHttps() && target.host().equals(asked.host()) && target.port() == asked.port();
    }

    /**
     * Whether this failure of the plain-HTTP probe means the server may speak TLS. Not when nothing listens
     * (TLS would be refused just the same), the name does not resolve, or time ran out.
     */
    static boolean refusedPlainHttp(IOException failure) {
        return !(failure instanceof ConnectException || failure instanceof UnknownHostException
                || failure instanceof InterruptedIOException);
    }
}

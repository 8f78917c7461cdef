package dev.labels.registry.transport;

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
 * TLS set-up (the trust store, the handshake code, dear in a JVM) only to fail. Loopback traffic never
 * leaves the machine, and the probe carries no {@code Authorization}, so nothing is exposed by asking in the
 * clear first.
 *
 * <p>A server that speaks TLS shows it at once: Go's servers (the registry itself) and nginx answer a
 * plaintext request with a 400 (or a redirect to HTTPS on the same port), the JDK's and most others close the
 * connection. So after a 400 the registry is asked over HTTPS. A registry that really answered 400 fails there
 * and is asked over plain HTTP again, where its 400 is reported (registries answer API requests with
 * {@code Docker-Distribution-API-Version}; a 400 without it is a TLS server's, and then the TLS failure is
 * reported instead): nothing is lost, at the cost of two extra round trips in that rare case.
 *
 * <p>Also the tag of the probe request: a closed or garbled connection is not retried, because it is the
 * answer here, not a hiccup. (Connection refused and timeouts are retried as for any request.)
 */
final class SchemeProbe {
    static final SchemeProbe TAG = new SchemeProbe();

    private static final String API_VERSION_HEADER = "Docker-Distribution-API-Version";

    private SchemeProbe() {
    }

    /**
     * Whether the server that gave this answer to the plain-HTTP probe may speak TLS: any 400, or a redirect to
     * HTTPS on the same host and port (nginx can be set to answer a plaintext request so, with its error page
     * 497). A registry's own 400 comes back when TLS fails and plain HTTP is asked again, and is reported then.
     */
    static boolean worthTryingTls(Response probeAnswer) {
        return probeAnswer.code() == 400 || redirectsToHttpsHere(probeAnswer);
    }

    /**
     * Whether this plain-HTTP answer is a TLS server's refusal rather than a registry's answer: a 400 without
     * the header registries answer with, or a redirect to HTTPS on the same host and port. Asked once TLS has
     * failed too: then the TLS failure is the one to report.
     */
    static boolean refusedPlainHttp(Response response) {
        return (response.code() == 400 && response.header(API_VERSION_HEADER) == null) || redirectsToHttpsHere(response);
    }

    private static boolean redirectsToHttpsHere(Response response) {
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

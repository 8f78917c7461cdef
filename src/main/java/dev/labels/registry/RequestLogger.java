package dev.labels.registry;

import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code -v}: one line per HTTP exchange on the wire (redirect hops included): method, URL, status, time.
 * Headers are never logged, and query values that look like secrets (pre-signed blob URLs carry signatures
 * and tokens) are redacted.
 */
final class RequestLogger implements Interceptor {
    private static final Logger LOG = LoggerFactory.getLogger("labels.http");
    private static final Pattern SECRET_PARAMETER =
            Pattern.compile(".*(sig|token|secret|password|credential|key|auth).*");

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        long start = System.nanoTime();
        try {
            Response response = chain.proceed(request);
            LOG.debug("{} {} -> {} ({} ms)", request.method(), redact(request.url()), response.code(), millis(start));
            return response;
        } catch (IOException e) {
            LOG.debug("{} {} -> failed: {} ({} ms)", request.method(), redact(request.url()),
                    e.getClass().getSimpleName(), millis(start));
            throw e;
        }
    }

    static String redact(HttpUrl url) {
        HttpUrl.Builder builder = url.newBuilder().username("").password("").query(null);
        for (int i = 0; i < url.querySize(); i++) {
            String name = url.queryParameterName(i);
            boolean secret = SECRET_PARAMETER.matcher(name.toLowerCase(Locale.ROOT)).matches();
            builder.addQueryParameter(name, secret ? "REDACTED" : url.queryParameterValue(i));
        }
        return builder.build().toString();
    }

    /** A Location header for a message: redacted like a logged URL when it is one, else as it came. */
    static String redactLocation(String location) {
        HttpUrl url = HttpUrl.parse(location);
        return url == null ? location : redact(url);
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}

package dev.labels.registry.transport;

import dev.labels.text.UrlRedaction;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * {@code -v}: one line per HTTP exchange on the wire (redirect hops included): method, URL, status, time.
 * Headers are never logged, and URLs lose their user information and query values ({@link UrlRedaction}):
 * pre-signed blob URLs carry signatures and tokens there.
 */
final class RequestLogger implements Interceptor {

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        long start = System.nanoTime();
        String url = UrlRedaction.redact(request.url().toString());
        try {
            Response response = chain.proceed(request);
            HttpLog.debug("{} {} -> {} ({} ms)", request.method(), url, response.code(), millis(start));
            return response;
        } catch (IOException e) {
            HttpLog.debug("{} {} -> failed: {} ({} ms)", request.method(), url, e.getClass().getSimpleName(),
                    millis(start));
            throw e;
        }
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}

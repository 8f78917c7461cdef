package dev.labels.testing;

import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * The one OkHttp client the harness uses to talk to its own loopback servers. Sharing it shares the
 * connection pool and threads; the short timeouts turn a hung local server into a quick, clear failure.
 */
final class TestHttp {

    static final OkHttpClient CLIENT = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(2))
            .readTimeout(Duration.ofSeconds(15))
            .writeTimeout(Duration.ofSeconds(15))
            // The harness wants each answer exactly as the registry sent it: no silent redirects or retries.
            .followRedirects(false)
            .retryOnConnectionFailure(false)
            .build();

    private TestHttp() {
    }
}

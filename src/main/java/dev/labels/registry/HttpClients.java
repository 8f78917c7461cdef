package dev.labels.registry;

import dev.labels.Version;
import dev.labels.registry.proxy.EnvironmentProxySelector;
import dev.labels.registry.proxy.ProxyAuthenticator;
import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * Builds the one OkHttpClient of a run. Every registry, token service and blob host shares its connection pool
 * and dispatcher; registries with their own TLS settings get a client derived from it ({@link TlsClients}).
 */
final class HttpClients {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Time allowed between two reads: a registry that stalls mid-body fails instead of hanging the pipeline. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    static final int IDLE_CONNECTIONS = 16;
    static final String USER_AGENT = "labels/" + Version.VALUE;

    private HttpClients() {
    }

    static OkHttpClient create(RegistryConfig config) {
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                // Batches run up to --jobs requests at once; keep that many connections for reuse (HTTP/1.1).
                .connectionPool(new okhttp3.ConnectionPool(IDLE_CONNECTIONS, 5, java.util.concurrent.TimeUnit.MINUTES))
                .connectTimeout(CONNECT_TIMEOUT)
                .readTimeout(READ_TIMEOUT)
                .writeTimeout(READ_TIMEOUT)
                .followRedirects(true)
                // Registries redirect blob reads to S3 or a CDN; OkHttp drops Authorization when a redirect
                // leaves the host. An HTTPS registry redirecting to plain HTTP is not followed at all: the 3xx
                // comes back to us and is refused.
                .followSslRedirects(false)
                .addInterceptor(chain -> chain.proceed(
                        chain.request().newBuilder().header("User-Agent", USER_AGENT).build()));
        if (!config.proxies().isEmpty()) {
            // Without proxy variables OkHttp keeps the JVM's own selector (the http.proxyHost properties).
            builder.proxySelector(new EnvironmentProxySelector(config.proxies()))
                    .proxyAuthenticator(new ProxyAuthenticator(config.proxies()));
        }
        if (config.verbose()) {
            builder.addNetworkInterceptor(new RequestLogger());
        }
        return builder.build();
    }
}

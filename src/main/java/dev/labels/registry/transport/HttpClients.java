package dev.labels.registry.transport;

import dev.labels.Version;
import dev.labels.registry.proxy.EnvironmentProxySelector;
import dev.labels.registry.proxy.ProxyAuthenticator;
import dev.labels.registry.proxy.ProxyAuthorizationScope;
import dev.labels.registry.tls.PlatformTrust;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Builds the one OkHttpClient of a run. Every registry, token service and blob host shares its connection pool
 * and dispatcher. It speaks plain HTTP only: HTTPS requests go through a client derived from it with TLS
 * ({@link TlsClients}), made on the first HTTPS request, so that a run that never needs TLS never pays for it.
 */
public final class HttpClients {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Time allowed between two reads: a registry that stalls mid-body fails instead of hanging the pipeline. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    static final int IDLE_CONNECTIONS = 64;
    static final String USER_AGENT = "labels/" + Version.VALUE;

    private HttpClients() {
    }

    public static OkHttpClient create(RegistryConfig config) {
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                // Batches run up to --jobs requests at once, to a registry, its blob storage and its token
                // service: keep their connections for reuse (HTTP/1.1); the default 16 jobs use about 40.
                .connectionPool(new okhttp3.ConnectionPool(IDLE_CONNECTIONS, 5, java.util.concurrent.TimeUnit.MINUTES))
                .connectionSpecs(List.of(ConnectionSpec.CLEARTEXT))
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
                    .proxyAuthenticator(new ProxyAuthenticator(config.proxies()))
                    .addNetworkInterceptor(new ProxyAuthorizationScope());
        }
        if (config.verbose()) {
            builder.addNetworkInterceptor(new RequestLogger());
        }
        return builder.build();
    }

    /**
     * Loads and initialises what the first request of a run needs, on another thread while the command line is
     * parsed: OkHttp's client (its task runner and logging), the IDN tables it checks every host name with, the
     * security providers, and with {@code tls} the JVM's trust store and TLS stack, up to a ClientHello made in
     * memory. No network, no files but the JVM's own; nothing is built that a run then uses but the JVM's trust
     * ({@link PlatformTrust}, made once per run), only class state that the JDK and OkHttp keep. A failure loses
     * only the head start: the same work fails again where it is done.
     */
    public static void warmUp(boolean tls) throws GeneralSecurityException, IOException {
        HttpUrl.get("http://localhost/");
        new OkHttpClient.Builder().connectionSpecs(List.of(ConnectionSpec.CLEARTEXT)).build();
        // The trust store before the providers: it needs none of them, and the main thread needs it first.
        TrustManager trust = tls ? PlatformTrust.get() : null;
        // OkHttp looks for a TLS provider on its first call, plain HTTP or not: the JDK loads them all.
        java.security.Security.getProviders();
        if (tls) {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            SSLEngine engine = context.createSSLEngine("localhost", 443);
            engine.setUseClientMode(true);
            engine.beginHandshake();
            engine.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(engine.getSession().getPacketBufferSize()));
        }
    }
}

package dev.labels.registry;

import dev.labels.Version;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/** Builds the one OkHttpClient of a run. Every registry, token service and blob host shares its connection pool. */
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
        if (config.verbose()) {
            builder.addNetworkInterceptor(new RequestLogger());
        }
        if (config.insecure()) {
            trustEverything(builder);
        }
        return builder.build();
    }

    /** --insecure: the user accepts any certificate, as with skopeo's --tls-verify=false. */
    private static void trustEverything(OkHttpClient.Builder builder) {
        X509TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
            builder.sslSocketFactory(context.getSocketFactory(), trustAll).hostnameVerifier((host, session) -> true);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JVM", e);
        }
    }
}

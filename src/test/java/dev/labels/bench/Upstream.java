package dev.labels.bench;

import dev.labels.bench.HttpMessages.Response;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The real registry behind the proxy (Distribution on loopback, no auth): GET and HEAD forwarded as they
 * came, with the headers registry clients read passed back.
 */
final class Upstream implements AutoCloseable {
    /** Manifests and configs are kilobytes; the benchmark pushes nothing larger. */
    private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    /** The answer headers that registry clients read; the rest (Date, X-Content-Type-Options) are dropped. */
    private static final List<String> PASSED_HEADERS = List.of(
            "Content-Type", "Docker-Content-Digest", "Docker-Distribution-Api-Version", "Link", "Etag");

    private final String baseUrl;
    private final OkHttpClient http = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(30))
            // The proxy passes answers on as they are: a redirect is the client's to follow.
            .followRedirects(false)
            .followSslRedirects(false)
            .retryOnConnectionFailure(false)
            .build();

    /** @param baseUrl e.g. {@code http://127.0.0.1:5000}, no trailing slash */
    Upstream(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * @param pathAndQuery built by the proxy from validated parts, e.g. {@code /v2/bench/app/manifests/1}
     * @param accept       the client's Accept header, or null
     */
    Response forward(String method, String pathAndQuery, String accept) throws IOException {
        Request.Builder request = new Request.Builder().url(baseUrl + pathAndQuery).method(method, null)
                // Without this OkHttp asks for gzip and unzips it silently, changing the length a HEAD reports.
                .header("Accept-Encoding", "identity");
        if (accept != null) {
            request.header("Accept", accept);
        }
        try (okhttp3.Response response = http.newCall(request.build()).execute()) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (String name : PASSED_HEADERS) {
                String value = response.header(name);
                if (value != null) {
                    headers.put(name, value);
                }
            }
            byte[] body = method.equals("HEAD") ? new byte[0] : readBounded(response);
            long length = method.equals("HEAD") ? announcedLength(response) : body.length;
            String reason = response.message().isEmpty() ? "Status" : response.message();
            return new Response(response.code(), reason, headers, body, length);
        }
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private static byte[] readBounded(okhttp3.Response response) throws IOException {
        try (InputStream in = response.body().byteStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new IOException("the registry answered more than " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        }
    }

    private static long announcedLength(okhttp3.Response response) {
        try {
            return Long.parseLong(response.header("Content-Length", "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

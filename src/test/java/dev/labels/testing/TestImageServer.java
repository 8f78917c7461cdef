package dev.labels.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okio.Buffer;

/**
 * A MockWebServer that serves single-platform images over the distribution API, for CLI tests of the ways
 * a registry is reached: plain or TLS (optionally requiring a client certificate), no auth, Basic, or Bearer
 * with a token service on {@code /token} of the same server (GET with Basic credentials, or the OAuth2 POST
 * with a refresh token). It can also fail every request, or play an HTTP proxy: requests in absolute form
 * ({@code GET http://host/v2/...}) are routed by their path, and {@link #requireProxyCredentials} makes it
 * answer 407 until it gets them.
 */
public final class TestImageServer implements AutoCloseable {
    public enum Auth { NONE, BASIC, BEARER }

    public static final String USER = "image-user";
    public static final String PASSWORD = "pa55:word-secret";
    /** The token the registry accepts in Bearer mode; also usable as a {@code registrytoken}. */
    public static final String TOKEN = "registry-token-3f9a71";
    /** The identity (refresh) token the token service exchanges for {@link #TOKEN}. */
    public static final String REFRESH_TOKEN = "refresh-token-7c1d22";
    static final String DOCKER_V2 = "application/vnd.docker.distribution.manifest.v2+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockWebServer server = new MockWebServer();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final boolean https;
    private volatile Auth auth = Auth.NONE;
    private volatile String user = USER;
    private volatile String password = PASSWORD;
    private volatile int failure;
    private volatile String proxyAuthorization;
    private volatile boolean tokensGrantNothing;

    private TestImageServer(boolean https) {
        this.https = https;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                return serve(request);
            }
        });
    }

    public static TestImageServer start() {
        return started(new TestImageServer(false));
    }

    /** Over TLS with {@code certificates}; with {@code clientAuth}, the handshake needs a client certificate. */
    public static TestImageServer startHttps(HandshakeCertificates certificates, boolean clientAuth) {
        TestImageServer image = new TestImageServer(true);
        image.server.useHttps(certificates.sslSocketFactory(), false);
        if (clientAuth) {
            image.server.requireClientAuth();
        }
        return started(image);
    }

    private static TestImageServer started(TestImageServer image) {
        try {
            image.server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return image;
    }

    public TestImageServer auth(Auth mode) {
        this.auth = mode;
        return this;
    }

    public TestImageServer credentials(String user, String password) {
        this.user = user;
        this.password = password;
        return this;
    }

    /** Every registry request (not /token) gets this status, e.g. 503. */
    public TestImageServer failing(int status) {
        this.failure = status;
        return this;
    }

    /** Plays a proxy that wants Basic {@code Proxy-Authorization}. */
    public TestImageServer requireProxyCredentials(String user, String password) {
        this.proxyAuthorization = basic(user, password);
        return this;
    }

    /** The token service hands out tokens the registry refuses (insufficient_scope). */
    public TestImageServer tokensGrantNothing() {
        this.tokensGrantNothing = true;
        return this;
    }

    /** Stores an image under repository:tag; returns its labels, which say where it was served from. */
    public Map<String, String> push(String repository, String tag) {
        Map<String, String> labels = Map.of("image", repository + ":" + tag, "served-by", "port-" + server.getPort());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architecture", "amd64");
        config.put("os", "linux");
        config.put("config", Map.of("Labels", labels));
        config.put("rootfs", Map.of("type", "layers", "diff_ids", List.of()));
        byte[] configBytes = json(config);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", DOCKER_V2);
        manifest.put("config", Map.of("mediaType", "application/vnd.docker.container.image.v1+json",
                "digest", sha256(configBytes), "size", configBytes.length));
        manifest.put("layers", List.of());
        byte[] manifestBytes = json(manifest);
        blobs.put(sha256(configBytes), configBytes);
        manifests.put(repository + "@" + tag, manifestBytes);
        manifests.put(repository + "@" + sha256(manifestBytes), manifestBytes);
        return labels;
    }

    /** {@code localhost:PORT}, the registry part of a reference. */
    public String host() {
        return "localhost:" + server.getPort();
    }

    public int port() {
        return server.getPort();
    }

    /** {@code http(s)://localhost:PORT} */
    public String url() {
        return (https ? "https://" : "http://") + host();
    }

    public List<RecordedRequest> requests() {
        return requests;
    }

    /** The path of a request, also when it came in absolute form through a proxy. */
    public static String target(RecordedRequest request) {
        String[] parts = request.getRequestLine().split(" ");
        String target = parts.length > 1 ? parts[1] : "/";
        HttpUrl absolute = HttpUrl.parse(target);
        return absolute != null ? absolute.encodedPath() : target;
    }

    public static String basic(String user, String password) {
        return okhttp3.Credentials.basic(user, password, StandardCharsets.UTF_8);
    }

    private MockResponse serve(RecordedRequest request) {
        String expectedProxy = proxyAuthorization;
        if (expectedProxy != null && !expectedProxy.equals(request.getHeader("Proxy-Authorization"))) {
            return new MockResponse().setResponseCode(407).setHeader("Proxy-Authenticate", "Basic realm=\"test-proxy\"");
        }
        String path = target(request);
        if (path.startsWith("/token")) {
            return token(request);
        }
        if (failure != 0) {
            return error(failure, "UNAVAILABLE", "failing on purpose");
        }
        if (!path.startsWith("/v2/")) {
            return error(404, "NOT_FOUND", "no such route");
        }
        String repository = repositoryOf(path);
        if (!authorized(request.getHeader("Authorization"))) {
            return challenge(repository);
        }
        int manifestsAt = path.indexOf("/manifests/");
        if (manifestsAt > 0) {
            byte[] body = manifests.get(repository + "@" + path.substring(manifestsAt + "/manifests/".length()));
            return body == null ? error(404, "MANIFEST_UNKNOWN", "manifest unknown")
                    : new MockResponse().setHeader("Content-Type", DOCKER_V2).setBody(new Buffer().write(body));
        }
        int blobsAt = path.indexOf("/blobs/");
        byte[] blob = blobsAt > 0 ? blobs.get(path.substring(blobsAt + "/blobs/".length())) : null;
        return blob == null ? error(404, "BLOB_UNKNOWN", "blob unknown") : new MockResponse().setBody(new Buffer().write(blob));
    }

    private boolean authorized(String header) {
        return switch (auth) {
            case NONE -> true;
            case BASIC -> basic(user, password).equals(header);
            case BEARER -> ("Bearer " + TOKEN).equals(header);
        };
    }

    private MockResponse challenge(String repository) {
        String value = auth == Auth.BASIC ? "Basic realm=\"test\""
                : "Bearer realm=\"" + url() + "/token\",service=\"test-registry\",scope=\"repository:" + repository + ":pull\"";
        return error(401, "UNAUTHORIZED", "authentication required").setHeader("WWW-Authenticate", value);
    }

    private MockResponse token(RecordedRequest request) {
        boolean granted;
        if (request.getMethod().equals("POST")) {
            Map<String, String> form = form(request.getBody().clone().readUtf8());
            granted = "refresh_token".equals(form.get("grant_type")) && REFRESH_TOKEN.equals(form.get("refresh_token"));
        } else {
            granted = basic(user, password).equals(request.getHeader("Authorization"));
            if (request.getHeader("Authorization") == null) {
                return new MockResponse().setBody("{\"token\":\"anonymous-token\",\"expires_in\":300}");
            }
        }
        if (!granted) {
            return new MockResponse().setResponseCode(401).setBody("{\"details\":\"incorrect username or password\"}");
        }
        String token = tokensGrantNothing ? "token-without-access" : TOKEN;
        return new MockResponse().setBody("{\"access_token\":\"" + token + "\",\"expires_in\":300}");
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        return form;
    }

    private static String decode(String text) {
        return java.net.URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static MockResponse error(int status, String code, String message) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}]}");
    }

    private static String repositoryOf(String path) {
        String rest = path.substring("/v2/".length());
        int end = rest.indexOf("/manifests/");
        if (end < 0) {
            end = rest.indexOf("/blobs/");
        }
        return end < 0 ? rest : rest.substring(0, end);
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Form values of the POST requests the token service got, for tests of the OAuth2 exchange. */
    public static Map<String, String> formOf(RecordedRequest request) {
        return form(request.getBody().clone().readUtf8());
    }

    @Override
    public void close() {
        try {
            server.shutdown();
        } catch (IOException e) {
            // Shutting down a test server: nothing useful to do with a failure here.
        }
    }
}

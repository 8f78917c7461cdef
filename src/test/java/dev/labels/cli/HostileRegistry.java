package dev.labels.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;

/**
 * A registry (plain HTTP, reached through --mirror) serving one image, registry.example.com/team/app:1, with an
 * optional token service, that answers with whatever fault a test sets. It is hostile on purpose: every error
 * it sends quotes the Authorization header it was sent, as a careless registry might.
 */
final class HostileRegistry implements AutoCloseable {
    enum Auth { NONE, BASIC, BEARER }

    static final String REFERENCE = "registry.example.com/team/app:1";
    static final String USER = "ci-bot";
    static final String PASSWORD = "s3cr3t-Pa55word!";
    static final String TOKEN = "tok-9f8e7d6c5b4a3f2e1d";
    static final String DOCKER_V2 = "application/vnd.docker.distribution.manifest.v2+json";
    static final Map<String, String> LABELS = Map.of("team", "dodo");

    final MockWebServer registry = new MockWebServer();
    final MockWebServer tokens = new MockWebServer();
    final byte[] config;
    final byte[] manifest;
    private final Auth auth;
    /** When set, answers registry requests in place of the normal answer (return null for normal). */
    volatile Function<RecordedRequest, MockResponse> registryFault = request -> null;
    /** When set, answers token requests in place of the normal answer (return null for normal). */
    volatile Function<RecordedRequest, MockResponse> tokenFault = request -> null;

    HostileRegistry(Auth auth) throws IOException {
        this.auth = auth;
        ObjectMapper json = new ObjectMapper();
        config = json.writeValueAsBytes(Map.of("architecture", "amd64", "os", "linux",
                "config", Map.of("Labels", LABELS), "rootfs", Map.of("type", "layers", "diff_ids", List.of())));
        manifest = json.writeValueAsBytes(Map.of("schemaVersion", 2, "mediaType", DOCKER_V2,
                "config", Map.of("mediaType", "application/vnd.docker.container.image.v1+json",
                        "digest", sha256(config), "size", config.length),
                "layers", List.of()));
        registry.setDispatcher(dispatcher(this::serveRegistry));
        tokens.setDispatcher(dispatcher(this::serveToken));
        registry.start();
        tokens.start();
    }

    /** The options that send registry.example.com to this server. */
    List<String> mirror() {
        return List.of("--mirror", "registry.example.com=http://localhost:" + registry.getPort());
    }

    static String basic() {
        return okhttp3.Credentials.basic(USER, PASSWORD, StandardCharsets.UTF_8);
    }

    /** An error document that quotes the Authorization the request carried. */
    static MockResponse echo(int status, RecordedRequest request) {
        String sent = String.valueOf(request.getHeader("Authorization"));
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody("{\"errors\":[{\"code\":\"DENIED\",\"message\":\"you sent Authorization: " + sent + "\"}]}");
    }

    MockResponse manifestAnswer() {
        return new MockResponse().setHeader("Content-Type", DOCKER_V2).setHeader("Docker-Content-Digest", sha256(manifest))
                .setBody(new Buffer().write(manifest));
    }

    private MockResponse serveRegistry(RecordedRequest request) {
        String authorization = request.getHeader("Authorization");
        boolean authorized = switch (auth) {
            case NONE -> true;
            case BASIC -> basic().equals(authorization);
            case BEARER -> ("Bearer " + TOKEN).equals(authorization);
        };
        if (!authorized) {
            String challenge = auth == Auth.BASIC ? "Basic realm=\"hostile\""
                    : "Bearer realm=\"" + tokens.url("/token") + "\",service=\"hostile\"";
            return echo(401, request).setHeader("WWW-Authenticate", challenge);
        }
        MockResponse fault = registryFault.apply(request);
        if (fault != null) {
            return fault;
        }
        String path = request.getPath();
        if (path.contains("/manifests/")) {
            return manifestAnswer();
        }
        if (path.contains("/blobs/" + sha256(config))) {
            return new MockResponse().setBody(new Buffer().write(config));
        }
        return echo(404, request);
    }

    private MockResponse serveToken(RecordedRequest request) {
        MockResponse fault = tokenFault.apply(request);
        if (fault != null) {
            return fault;
        }
        if (!basic().equals(request.getHeader("Authorization"))) {
            return echo(401, request);
        }
        return new MockResponse().setBody("{\"token\":\"" + TOKEN + "\",\"expires_in\":300}");
    }

    static String sha256(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Dispatcher dispatcher(Function<RecordedRequest, MockResponse> handler) {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return handler.apply(request);
            }
        };
    }

    @Override
    public void close() throws IOException {
        registry.shutdown();
        tokens.shutdown();
    }
}

package dev.labels.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labels.testing.LocalRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's fake Docker Hub answers as Docker Hub does, counts what it sees, and copes with clients
 * that misbehave. Not a benchmark: no delays, no timing; it runs with the other tests.
 */
class HubProxyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OkHttpClient HTTP = new OkHttpClient.Builder()
            .followRedirects(false).retryOnConnectionFailure(false)
            .readTimeout(Duration.ofSeconds(10)).build();
    private static final LoopbackHttpServer.Delays NO_DELAY = new LoopbackHttpServer.Delays(Duration.ZERO, Duration.ZERO);

    private static LocalRegistry registry;
    private static HubProxy proxy;

    @BeforeAll
    static void start() throws IOException {
        registry = LocalRegistry.start(LocalRegistry.Mode.ANONYMOUS);
        BenchImages.push(registry, 2, 0);
        proxy = HubProxy.start(registry.url(), NO_DELAY, Duration.ofMinutes(5));
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void anonymousRequestsAreChallengedWithTheTokenRealmAndScope() throws IOException {
        try (Response response = get("/v2/bench/app/manifests/1", null)) {
            assertEquals(401, response.code());
            assertEquals("Bearer realm=\"" + proxy.tokenRealm() + "\",service=\"bench\",scope=\"repository:bench/app:pull\"",
                    response.header("WWW-Authenticate"));
        }
        try (Response response = get("/v2/", null)) {
            assertEquals(401, response.code());
            assertEquals("Bearer realm=\"" + proxy.tokenRealm() + "\",service=\"bench\"", response.header("WWW-Authenticate"));
        }
    }

    @Test
    void aTokenOpensItsRepositoryOnly() throws IOException {
        String token = token("bench/app");
        try (Response response = get("/v2/bench/app/manifests/1", token)) {
            assertEquals(200, response.code());
            assertNotNull(response.header("Docker-Content-Digest"));
        }
        try (Response response = get("/v2/bench/multi/manifests/1", token)) {
            assertEquals(401, response.code(), "a token for bench/app must not open bench/multi");
        }
        try (Response response = get("/v2/", token)) {
            assertEquals(200, response.code());
        }
    }

    @Test
    void blobReadsAreRedirectedToASignedUrlOnTheBlobPort() throws IOException {
        String token = token("bench/app");
        String configDigest;
        try (Response manifest = get("/v2/bench/app/manifests/1", token)) {
            configDigest = JSON.readTree(manifest.body().bytes()).path("config").path("digest").asText();
        }
        String location;
        try (Response redirect = get("/v2/bench/app/blobs/" + configDigest, token)) {
            assertEquals(307, redirect.code());
            location = redirect.header("Location");
        }
        HttpUrl blobUrl = HttpUrl.get(location);
        assertTrue(blobUrl.port() != HttpUrl.get("http://" + proxy.host()).port(), "blobs come from another port");
        try (Response blob = HTTP.newCall(new Request.Builder().url(blobUrl).build()).execute()) {
            assertEquals(200, blob.code());
            byte[] config = blob.body().bytes();
            assertEquals("1", JSON.readTree(config).path("config").path("Labels").path(BenchImages.TAG_LABEL).asText());
        }
        HttpUrl tampered = blobUrl.newBuilder().setQueryParameter("signature", "00").build();
        try (Response refused = HTTP.newCall(new Request.Builder().url(tampered).build()).execute()) {
            assertEquals(403, refused.code());
        }
    }

    @Test
    void headKeepsTheLengthAGetWouldHave() throws IOException {
        String token = token("bench/app");
        long length;
        try (Response get = get("/v2/bench/app/manifests/2", token)) {
            length = get.body().bytes().length;
        }
        Request head = new Request.Builder().url("http://" + proxy.host() + "/v2/bench/app/manifests/2").head()
                .header("Authorization", "Bearer " + token)
                // Without Accept the registry would convert the manifest to schema1, another length.
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json").build();
        try (Response response = HTTP.newCall(head).execute()) {
            assertEquals(200, response.code());
            assertEquals(Long.toString(length), response.header("Content-Length"));
        }
    }

    @Test
    void aTlsClientHelloIsAnsweredWithAPlain400AndCountedAsAProbe() throws IOException {
        Traffic.Snapshot before = proxy.traffic().snapshot();
        String answer = rawExchange(new byte[] {0x16, 0x03, 0x01, 0x00, 0x02, 0x01, 0x00});
        assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        Traffic.Snapshot traffic = proxy.traffic().snapshot().minus(before);
        assertEquals(1, traffic.totalProbes());
        assertEquals(0, traffic.totalRequests());
    }

    @Test
    void garbageAndOversizedRequestsGet400AndAClosedConnection() throws IOException {
        assertTrue(rawExchange("NONSENSE\r\n\r\n".getBytes(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 400 "));
        String longLine = "GET /v2/" + "a".repeat(HttpMessages.MAX_LINE_BYTES) + " HTTP/1.1\r\n\r\n";
        assertTrue(rawExchange(longLine.getBytes(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 400 "));
        String chunked = "GET /v2/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
        assertTrue(rawExchange(chunked.getBytes(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 400 "));
    }

    @Test
    void keepAliveConnectionsServeManyRequestsAndAreCountedOnce() throws IOException {
        Traffic.Snapshot before = proxy.traffic().snapshot();
        String request = "GET /v2/ HTTP/1.1\r\nHost: x\r\n\r\n";
        String last = "GET /v2/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        String answers = rawExchange((request + request + last).getBytes(StandardCharsets.US_ASCII));
        assertEquals(3, answers.split("HTTP/1.1 401 ", -1).length - 1, answers);
        Traffic.Snapshot traffic = proxy.traffic().snapshot().minus(before);
        assertEquals(1, traffic.totalConnections());
        assertEquals(3, traffic.kind(Traffic.Kind.CHALLENGE));
    }

    private static String token(String repository) throws IOException {
        HttpUrl url = HttpUrl.get(proxy.tokenRealm()).newBuilder().addQueryParameter("service", HubProxy.SERVICE)
                .addQueryParameter("scope", "repository:" + repository + ":pull").build();
        try (Response response = HTTP.newCall(new Request.Builder().url(url).build()).execute()) {
            assertEquals(200, response.code());
            var json = JSON.readTree(response.body().bytes());
            assertEquals(300, json.path("expires_in").asInt());
            return json.path("token").asText();
        }
    }

    private static Response get(String path, String token) throws IOException {
        Request.Builder request = new Request.Builder().url("http://" + proxy.host() + path)
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.newCall(request.build()).execute();
    }

    /** Writes raw bytes on a new connection and reads until the proxy closes it. */
    private static String rawExchange(byte[] bytes) throws IOException {
        int port = HttpUrl.get("http://" + proxy.host()).port();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(64 * 1024), StandardCharsets.ISO_8859_1);
        }
    }
}

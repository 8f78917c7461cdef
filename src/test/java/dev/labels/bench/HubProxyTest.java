package dev.labels.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labels.testing.LocalRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's fake Docker Hub answers as Docker Hub does, over plain HTTP and over HTTPS under its three
 * host names, counts what it sees, and copes with clients that misbehave. Not a benchmark: no delays, no
 * timing; it runs with the other tests. It talks to 127.0.0.1 only: the HTTPS names are resolved by the test's
 * own client, never through /etc/hosts or DNS.
 */
class HubProxyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OkHttpClient HTTP = new OkHttpClient.Builder()
            .followRedirects(false).retryOnConnectionFailure(false)
            .readTimeout(Duration.ofSeconds(10)).build();
    /** The proxy's HTTPS names, and only they, resolve to loopback. */
    private static final Dns BENCH_NAMES = name -> {
        if (!HubProxy.TLS_HOSTS.containsValue(name)) {
            throw new UnknownHostException(name + " is not one of the proxy's names");
        }
        return List.of(InetAddress.getLoopbackAddress());
    };
    private static final LoopbackHttpServer.Delays NO_DELAY = new LoopbackHttpServer.Delays(Duration.ZERO, Duration.ZERO);

    private static LocalRegistry registry;
    private static HubProxy proxy;
    private static HubProxy tlsProxy;
    /** Trusts the proxy's CA and nothing else, verifying host names as every client does. */
    private static OkHttpClient https;

    @BeforeAll
    static void start() throws IOException {
        registry = LocalRegistry.start(LocalRegistry.Mode.ANONYMOUS);
        BenchImages.push(registry, 2, 0);
        proxy = HubProxy.start(registry.url(), NO_DELAY, Duration.ofMinutes(5));
        BenchCertificates certificates = new BenchCertificates(HubProxy.TLS_HOSTS.values());
        tlsProxy = HubProxy.startTls(registry.url(), NO_DELAY, Duration.ofMinutes(5), certificates);
        HandshakeCertificates trust = certificates.clientTrust();
        https = HTTP.newBuilder().dns(BENCH_NAMES).sslSocketFactory(trust.sslSocketFactory(), trust.trustManager())
                .build();
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (tlsProxy != null) {
            tlsProxy.close();
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

    @Test
    void overHttpsTheRegistryTokensAndBlobsAnswerUnderTheirOwnNamesWithTheirOwnCertificates() throws IOException {
        Traffic.Snapshot before = tlsProxy.traffic().snapshot();
        String realm;
        try (Response response = https.newCall(new Request.Builder()
                .url(tlsProxy.registryUrl() + "/v2/bench/app/manifests/1").build()).execute()) {
            assertEquals(401, response.code());
            assertServedAs("registry.bench.test", response);
            realm = tlsProxy.tokenRealm();
            assertTrue(realm.startsWith("https://auth.bench.test:"), realm);
            assertTrue(response.header("WWW-Authenticate").startsWith("Bearer realm=\"" + realm + "\""));
        }
        String token;
        HttpUrl tokenUrl = HttpUrl.get(realm).newBuilder().addQueryParameter("service", HubProxy.SERVICE)
                .addQueryParameter("scope", "repository:bench/app:pull").build();
        try (Response response = https.newCall(new Request.Builder().url(tokenUrl).build()).execute()) {
            assertEquals(200, response.code());
            assertServedAs("auth.bench.test", response);
            token = JSON.readTree(response.body().bytes()).path("token").asText();
        }
        String configDigest;
        try (Response manifest = https.newCall(new Request.Builder()
                .url(tlsProxy.registryUrl() + "/v2/bench/app/manifests/1").header("Authorization", "Bearer " + token)
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json").build()).execute()) {
            assertEquals(200, manifest.code());
            configDigest = JSON.readTree(manifest.body().bytes()).path("config").path("digest").asText();
        }
        String location;
        try (Response redirect = https.newCall(new Request.Builder()
                .url(tlsProxy.registryUrl() + "/v2/bench/app/blobs/" + configDigest)
                .header("Authorization", "Bearer " + token).build()).execute()) {
            assertEquals(307, redirect.code());
            location = redirect.header("Location");
            assertTrue(location.startsWith("https://cdn.bench.test:"), location);
        }
        try (Response blob = https.newCall(new Request.Builder().url(location).build()).execute()) {
            assertEquals(200, blob.code());
            assertServedAs("cdn.bench.test", blob);
            assertEquals("1", JSON.readTree(blob.body().bytes()).path("config").path("Labels")
                    .path(BenchImages.TAG_LABEL).asText());
        }
        Traffic.Snapshot traffic = tlsProxy.traffic().snapshot().minus(before);
        assertEquals(5, traffic.totalRequests());
        assertEquals(0, traffic.totalProbes());
        assertEquals(0, traffic.totalFailedHandshakes());
        assertEquals(List.of("TLSv1.3"), tlsProxy.traffic().protocols());
    }

    @Test
    void aHostNameOtherThanTheCertificatesIsRefusedByTheClient() {
        int registryPort = HttpUrl.get(tlsProxy.registryUrl()).port();
        Request wrongName = new Request.Builder().url("https://cdn.bench.test:" + registryPort + "/v2/").build();
        assertThrows(SSLPeerUnverifiedException.class, () -> https.newCall(wrongName).execute().close());
    }

    @Test
    void aClientThatDoesNotTrustTheCaFailsItsHandshakeAndTheProxyCountsIt() throws InterruptedException {
        Traffic.Snapshot before = tlsProxy.traffic().snapshot();
        OkHttpClient systemTrustOnly = HTTP.newBuilder().dns(BENCH_NAMES).build();
        Request request = new Request.Builder().url(tlsProxy.registryUrl() + "/v2/").build();
        assertThrows(SSLHandshakeException.class, () -> systemTrustOnly.newCall(request).execute().close());
        // The proxy learns of it from the client's alert, on its own thread: wait for the count.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (tlsProxy.traffic().snapshot().minus(before).totalFailedHandshakes() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Traffic.Snapshot traffic = tlsProxy.traffic().snapshot().minus(before);
        assertEquals(1, traffic.totalFailedHandshakes());
        assertEquals(0, traffic.totalRequests());
    }

    @Test
    void plainHttpOnAnHttpsPortIsAnsweredWithAPlain400AndCountedAsAProbe() throws IOException {
        Traffic.Snapshot before = tlsProxy.traffic().snapshot();
        String answer = rawExchange(HttpUrl.get(tlsProxy.registryUrl()).port(),
                "GET /v2/ HTTP/1.1\r\nHost: registry.bench.test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        assertTrue(answer.contains("Client sent an HTTP request to an HTTPS server."), answer);
        Traffic.Snapshot traffic = tlsProxy.traffic().snapshot().minus(before);
        assertEquals(1, traffic.totalProbes());
        assertEquals(0, traffic.totalRequests());
    }

    /**
     * The server's certificate names {@code host} and nothing else, and leads to the root through the
     * intermediate, which the client knows only because the server sent it.
     */
    private static void assertServedAs(String host, Response response) {
        List<java.security.cert.Certificate> chain = response.handshake().peerCertificates(); // as OkHttp verified it
        assertEquals(3, chain.size(), "leaf, intermediate, root");
        try {
            Collection<List<?>> names = ((X509Certificate) chain.get(0)).getSubjectAlternativeNames();
            assertEquals(List.of(host), names.stream().map(name -> (String) name.get(1)).toList());
        } catch (CertificateParsingException e) {
            throw new AssertionError(e);
        }
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

    /** Writes raw bytes on a new connection to the plain proxy and reads until the proxy closes it. */
    private static String rawExchange(byte[] bytes) throws IOException {
        return rawExchange(HttpUrl.get("http://" + proxy.host()).port(), bytes);
    }

    private static String rawExchange(int port, byte[] bytes) throws IOException {
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

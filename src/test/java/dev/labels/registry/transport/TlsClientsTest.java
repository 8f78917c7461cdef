package dev.labels.registry.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.cache.ImageCache;
import dev.labels.image.Platform;
import dev.labels.image.ResolvedImage;
import dev.labels.reference.ImageReference;
import dev.labels.registry.ImageResolver;
import dev.labels.registry.transport.Mirror;
import dev.labels.registry.RecordingServers;
import dev.labels.registry.RegistryClient;
import dev.labels.registry.transport.RegistryConfig;
import dev.labels.registry.auth.CredentialSource;
import dev.labels.registry.proxy.ProxySettings;
import dev.labels.registry.tls.TlsException;
import dev.labels.registry.tls.TlsFiles;
import dev.labels.testing.FakeRegistry;
import dev.labels.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The run's base client speaks plain HTTP only, so that a run that never needs TLS never loads the trust store;
 * HTTPS requests, token requests included, get a TLS client derived from it.
 */
class TlsClientsTest {
    private static final HeldCertificate CA = new HeldCertificate.Builder().certificateAuthority(0).build();
    private static final HeldCertificate LOCALHOST = new HeldCertificate.Builder()
            .addSubjectAlternativeName("localhost").signedBy(CA).build();
    private static final Platform AMD64 = new Platform("linux", "amd64", null);
    private static final Map<String, String> LABELS = Map.of("team", "dodo");
    private static final byte[] CONFIG = TestImages.config("linux", "amd64", LABELS);
    private static final byte[] MANIFEST = TestImages.manifest(TestImages.DOCKER_V2, TestImages.DOCKER_CONFIG, CONFIG);
    private static final String REGISTRY = "registry.example.com";
    private static final HttpUrl PLAIN_URL = HttpUrl.get("http://registry.example.com/");
    private static final HttpUrl TLS_URL = HttpUrl.get("https://registry.example.com/");

    @TempDir
    Path folder;
    private final RecordingServers servers = new RecordingServers();
    private FakeRegistry fake;
    private RegistryClient client;

    @AfterEach
    void close() throws Exception {
        if (client != null) {
            client.close();
        }
        if (fake != null) {
            fake.close();
        }
        servers.close();
    }

    /** The machine's own /etc/docker/certs.d must not change which clients are built: an empty root instead. */
    private RegistryConfig config(boolean insecure, List<Mirror> mirrors, List<Path> caCertificates) {
        return new RegistryConfig(insecure, mirrors, CredentialSource.ANONYMOUS, false, Map.of(),
                new TlsFiles(caCertificates, null, folder.resolve("certs.d")), ProxySettings.NONE);
    }

    private RegistryConfig config(boolean insecure) {
        return config(insecure, List.of(), List.of());
    }

    private Path caFile() throws Exception {
        return Files.writeString(folder.resolve("ca.pem"), CA.certificatePem());
    }

    /** A file that cannot be read: any TLS client built with it fails, so a run that builds none must not care. */
    private Path unreadableCaFile() {
        return folder.resolve("no-such-ca.pem");
    }

    private static HandshakeCertificates serverTls(HeldCertificate certificate) {
        return new HandshakeCertificates.Builder().heldCertificate(certificate, CA.certificate()).build();
    }

    /** An anonymous registry serving the image, or a Bearer one sending clients to {@code realm} first. */
    private static Function<RecordedRequest, MockResponse> registry(String realm) {
        return request -> {
            if (realm != null && !("Bearer " + FakeRegistry.TOKEN).equals(request.getHeader("Authorization"))) {
                return FakeRegistry.error(401, "UNAUTHORIZED", "auth")
                        .setHeader("WWW-Authenticate", "Bearer realm=\"" + realm + "\",service=\"s\"");
            }
            if (request.getPath().contains("/manifests/")) {
                return new MockResponse().setHeader("Content-Type", TestImages.DOCKER_V2)
                        .setBody(new Buffer().write(MANIFEST));
            }
            return new MockResponse().setBody(new Buffer().write(CONFIG));
        };
    }

    private static String url(MockWebServer server, boolean https) {
        return (https ? "https://" : "http://") + "localhost:" + server.getPort();
    }

    private ResolvedImage resolve(RegistryConfig config) throws Exception {
        client = new RegistryClient(config);
        return new ImageResolver(client, ImageCache.NONE, AMD64)
                .resolve(ImageReference.parse(REGISTRY + "/team/app:1"), null);
    }

    @Test
    void baseClientSpeaksCleartextOnlyAndLoadsNoTrustStore() {
        OkHttpClient base = HttpClients.create(config(false));

        assertEquals(List.of(ConnectionSpec.CLEARTEXT), base.connectionSpecs());
        assertNull(base.x509TrustManager(), "no trust manager was made for the base client");
    }

    @Test
    void plainHttpUrlGetsTheBaseClientItself() throws Exception {
        RegistryConfig config = config(false);
        OkHttpClient base = HttpClients.create(config);

        assertSame(base, new TlsClients(base, config).forUrl(REGISTRY, PLAIN_URL));
    }

    @Test
    void httpsUrlGetsATlsClientSharingTheBasePoolAndDispatcher() throws Exception {
        RegistryConfig config = config(false);
        OkHttpClient base = HttpClients.create(config);

        OkHttpClient tls = new TlsClients(base, config).forUrl(REGISTRY, TLS_URL);

        assertNotSame(base, tls);
        assertTrue(tls.connectionSpecs().stream().anyMatch(ConnectionSpec::isTls), tls.connectionSpecs().toString());
        assertSame(base.connectionPool(), tls.connectionPool());
        assertSame(base.dispatcher(), tls.dispatcher());
        assertEquals(base.interceptors(), tls.interceptors(), "the User-Agent interceptor is kept");
    }

    /** Insecure, a registry's TLS material is its own: the client is kept by registry, not shared. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void httpsClientIsMadeOnceAndReused(boolean insecure) throws Exception {
        RegistryConfig config = config(insecure);
        TlsClients clients = new TlsClients(HttpClients.create(config), config);

        OkHttpClient first = clients.forUrl(REGISTRY, TLS_URL);

        assertSame(first, clients.forUrl(REGISTRY, TLS_URL));
        assertSame(first, clients.forUrl(REGISTRY, HttpUrl.get("https://registry.example.com/v2/token")));
    }

    @Test
    void plainHttpUrlNeverReadsTheTlsFiles() throws Exception {
        RegistryConfig config = config(false, List.of(), List.of(unreadableCaFile()));
        OkHttpClient base = HttpClients.create(config);
        TlsClients clients = new TlsClients(base, config);

        assertSame(base, clients.forUrl(REGISTRY, PLAIN_URL));
        TlsException error = assertThrows(TlsException.class, () -> clients.forUrl(REGISTRY, TLS_URL));
        assertTrue(error.getMessage().contains(unreadableCaFile().toString()), error.getMessage());
    }

    @Test
    void insecureHttpsClientAcceptsAnyHostName() throws Exception {
        RegistryConfig config = config(true);

        OkHttpClient base = HttpClients.create(config);

        OkHttpClient tls = new TlsClients(base, config).forUrl(REGISTRY, TLS_URL);

        assertNotSame(base.hostnameVerifier(), tls.hostnameVerifier());
        assertTrue(tls.hostnameVerifier().verify("not-" + REGISTRY, null));
    }

    @Test
    void verifiedHttpsClientKeepsOkHttpsHostNameCheck() throws Exception {
        RegistryConfig config = config(false);
        OkHttpClient base = HttpClients.create(config);

        assertSame(base.hostnameVerifier(), new TlsClients(base, config).forUrl(REGISTRY, TLS_URL).hostnameVerifier());
    }

    @Test
    void plainHttpMirrorResolvesWithTheCleartextOnlyClient() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.BEARER);
        fake.pushImage("team/app", "1", LABELS);
        RegistryConfig config = config(false, List.of(Mirror.parse(fake.plainHttpMirror())), List.of(unreadableCaFile()));
        client = new RegistryClient(config);

        ResolvedImage image = new ImageResolver(client, ImageCache.NONE, AMD64)
                .resolve(ImageReference.parse(fake.host() + "/team/app:1"), null);

        assertEquals(LABELS, image.config().labels());
        assertEquals(1, fake.tokenRequests.size(), "the plain-HTTP token realm was used too");
    }

    @Test
    void httpsMirrorResolvesThroughADerivedTlsClient() throws Exception {
        List<RecordedRequest> seen = new CopyOnWriteArrayList<>();
        MockWebServer registry = servers.start(seen, serverTls(LOCALHOST), registry(null));
        RegistryConfig config = config(false, List.of(Mirror.parse(REGISTRY + "=" + url(registry, true))),
                List.of(caFile()));

        assertEquals(LABELS, resolve(config).config().labels());

        assertEquals(HttpClients.USER_AGENT, seen.get(0).getHeader("User-Agent"), "derived from the base client");
        assertNotNull(seen.get(0).getHandshake(), "the request came over TLS");
    }

    @Test
    void plainHttpRegistryMaySendTheTokenRequestToAnHttpsRealm() throws Exception {
        List<RecordedRequest> tokenRequests = new CopyOnWriteArrayList<>();
        MockWebServer tokens = servers.start(tokenRequests, serverTls(LOCALHOST),
                request -> new MockResponse().setBody("{\"token\":\"" + FakeRegistry.TOKEN + "\"}"));
        MockWebServer registry = servers.start(new CopyOnWriteArrayList<>(), null, registry(url(tokens, true) + "/token"));
        RegistryConfig config = config(false, List.of(Mirror.parse(REGISTRY + "=" + url(registry, false))),
                List.of(caFile()));

        assertEquals(LABELS, resolve(config).config().labels());

        assertEquals(1, tokenRequests.size());
        assertNotNull(tokenRequests.get(0).getHandshake(), "the token request came over TLS");
    }

    @Test
    void insecureAcceptsACertificateForAnotherHost() throws Exception {
        HeldCertificate elsewhere = new HeldCertificate.Builder().addSubjectAlternativeName("elsewhere.invalid").build();
        MockWebServer registry = servers.start(new CopyOnWriteArrayList<>(),
                new HandshakeCertificates.Builder().heldCertificate(elsewhere).build(), registry(null));
        RegistryConfig config = config(true, List.of(Mirror.parse(REGISTRY + "=" + url(registry, true))), List.of());

        assertEquals(LABELS, resolve(config).config().labels());
    }
}

package dev.labels.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.cache.ImageCache;
import dev.labels.error.LabelsException.Kind;
import dev.labels.image.Platform;
import dev.labels.image.ResolvedImage;
import dev.labels.reference.ImageReference;
import dev.labels.registry.auth.CredentialSource;
import dev.labels.registry.auth.Credentials;
import dev.labels.registry.auth.StaticCredentials;
import dev.labels.registry.proxy.ProxySettings;
import dev.labels.registry.tls.TlsFiles;
import dev.labels.registry.transport.HttpClients;
import dev.labels.registry.transport.Mirror;
import dev.labels.registry.transport.RecordingSleeper;
import dev.labels.registry.transport.RegistryConfig;
import dev.labels.registry.transport.RegistryException;
import dev.labels.testing.FakeRegistry;
import dev.labels.testing.TestImages;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
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
 * Where credentials and tokens may go: only to the registry's own origin and its token realm, never across a
 * redirect to another host, port or scheme, never from HTTPS down to plain HTTP. OkHttp does part of this
 * (it drops Authorization on a redirect that leaves the origin); these tests pin that we rely on it correctly.
 */
class TrustBoundaryTest {
    @TempDir
    Path folder;
    private static final Platform AMD64 = new Platform("linux", "amd64", null);
    private static final Map<String, String> LABELS = Map.of("team", "dodo");
    private static final String BASIC = okhttp3.Credentials.basic(FakeRegistry.USER, FakeRegistry.PASSWORD);
    private static final byte[] CONFIG = TestImages.config("linux", "amd64", LABELS);
    private static final byte[] MANIFEST = TestImages.manifest(TestImages.DOCKER_V2, TestImages.DOCKER_CONFIG, CONFIG);

    private final RecordingServers servers = new RecordingServers();
    private RegistryClient client;

    @AfterEach
    void close() throws Exception {
        if (client != null) {
            client.close();
        }
        servers.close();
    }

    /** The registry's manifest; its config blob from {@code blob}. Basic auth when {@code basic}. */
    private static Function<RecordedRequest, MockResponse> registry(boolean basic,
                                                                     Function<RecordedRequest, MockResponse> blob) {
        return request -> {
            if (basic && !BASIC.equals(request.getHeader("Authorization"))) {
                return FakeRegistry.error(401, "UNAUTHORIZED", "auth").setHeader("WWW-Authenticate", "Basic realm=\"r\"");
            }
            if (request.getPath().contains("/manifests/")) {
                return new MockResponse().setHeader("Content-Type", TestImages.DOCKER_V2).setBody(new Buffer().write(MANIFEST));
            }
            return blob.apply(request);
        };
    }

    private static MockResponse config() {
        return new MockResponse().setBody(new Buffer().write(CONFIG));
    }

    private static MockResponse redirect(String location) {
        return new MockResponse().setResponseCode(307).setHeader("Location", location);
    }

    /** @param trusted a CA (or self-signed certificate) to trust as {@code --ca-cert} would, or null */
    private ResolvedImage resolve(MockWebServer registry, boolean https, boolean insecure, HeldCertificate trusted)
            throws Exception {
        // The reference names the server, and a mirror on its own host and port says which scheme it speaks.
        String authority = registry.getHostName() + ":" + registry.getPort();
        Mirror mirror = Mirror.parse(authority + "=" + (https ? "https://" : "http://") + authority);
        List<Path> caCertificates = List.of();
        if (trusted != null) {
            Path pem = folder.resolve("ca.pem");
            Files.writeString(pem, trusted.certificatePem());
            caCertificates = List.of(pem);
        }
        RegistryConfig config = new RegistryConfig(insecure, List.of(mirror), new StaticCredentials(
                new Credentials(FakeRegistry.USER, FakeRegistry.PASSWORD, "--creds"), CredentialSource.ANONYMOUS),
                false, Map.of(),
                new TlsFiles(caCertificates, null, folder.resolve("no-certs.d")), ProxySettings.NONE);
        client = RegistryClient.builder(config).waits(new RecordingSleeper(), new Random(1))
                .baseClient(HttpClients.create(config)).build();
        return new ImageResolver(client, ImageCache.NONE, AMD64)
                .resolve(ImageReference.parse(authority + "/team/app:1"), null);
    }

    private static HeldCertificate localhostCertificate() throws Exception {
        return new HeldCertificate.Builder()
                .addSubjectAlternativeName("localhost")
                .addSubjectAlternativeName(InetAddress.getByName("localhost").getCanonicalHostName())
                .build();
    }

    @Test
    void redirectToTheSameHostOnAnotherPortArrivesWithoutAuthorization() throws Exception {
        List<RecordedRequest> storage = new CopyOnWriteArrayList<>();
        MockWebServer other = servers.start(storage, null, request -> config());
        List<RecordedRequest> seen = new CopyOnWriteArrayList<>();
        MockWebServer registry = servers.start(seen, null, registry(true, request ->
                redirect("http://" + other.getHostName() + ":" + other.getPort() + "/blob")));
        assertEquals(registry.getHostName(), other.getHostName(), "same host, only the port differs");

        assertEquals(LABELS, resolve(registry, false, false, null).config().labels());

        assertEquals(1, storage.size());
        assertNull(storage.get(0).getHeader("Authorization"), "credentials must not follow a redirect to another port");
        assertEquals(BASIC, seen.get(seen.size() - 1).getHeader("Authorization"), "the registry itself got them");
    }

    @Test
    void redirectWithinTheRegistrysOwnOriginKeepsAuthorization() throws Exception {
        List<RecordedRequest> seen = new CopyOnWriteArrayList<>();
        MockWebServer registry = servers.start(seen, null, registry(true, request ->
                request.getPath().startsWith("/storage/") ? config() : redirect("/storage/blob")));

        assertEquals(LABELS, resolve(registry, false, false, null).config().labels());

        RecordedRequest storage = seen.get(seen.size() - 1);
        assertEquals("/storage/blob", storage.getPath());
        assertEquals(BASIC, storage.getHeader("Authorization"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void httpsRegistryRedirectingToPlainHttpIsRefusedEvenWithInsecure(boolean insecure) throws Exception {
        HeldCertificate certificate = localhostCertificate();
        HandshakeCertificates serverTls = new HandshakeCertificates.Builder().heldCertificate(certificate).build();
        List<RecordedRequest> plain = new CopyOnWriteArrayList<>();
        MockWebServer plainServer = servers.start(plain, null, request -> config());
        MockWebServer registry = servers.start(new CopyOnWriteArrayList<>(), serverTls, registry(true, request ->
                redirect("http://" + plainServer.getHostName() + ":" + plainServer.getPort() + "/blob")));

        RegistryException error = assertThrows(RegistryException.class,
                () -> resolve(registry, true, insecure, insecure ? null : certificate));

        assertEquals(Kind.REGISTRY_ERROR, error.kind());
        assertTrue(error.getMessage().contains("refused redirect from https to http://"), error.getMessage());
        assertEquals(0, plain.size(), "nothing, least of all credentials, went out over plain HTTP");
    }

    @Test
    void httpsRegistryWithAPlainHttpTokenRealmIsRefused() throws Exception {
        HeldCertificate certificate = localhostCertificate();
        HandshakeCertificates serverTls = new HandshakeCertificates.Builder().heldCertificate(certificate).build();
        List<RecordedRequest> tokenRequests = new CopyOnWriteArrayList<>();
        MockWebServer tokens = servers.start(tokenRequests, null,
                request -> new MockResponse().setBody("{\"token\":\"" + FakeRegistry.TOKEN + "\"}"));
        MockWebServer registry = servers.start(new CopyOnWriteArrayList<>(), serverTls, bearer(tokens.url("/token").toString()));

        RegistryException error = assertThrows(RegistryException.class, () -> resolve(registry, true, false, certificate));

        assertEquals(Kind.UNAUTHORIZED, error.kind());
        assertTrue(error.getMessage().contains("plain-HTTP token service"), error.getMessage());
        assertEquals(0, tokenRequests.size(), "the credentials never went to the plain-HTTP realm");
    }

    @Test
    void plainHttpTokenRealmIsAllowedWithInsecure() throws Exception {
        HeldCertificate certificate = localhostCertificate();
        HandshakeCertificates serverTls = new HandshakeCertificates.Builder().heldCertificate(certificate).build();
        MockWebServer tokens = servers.start(new CopyOnWriteArrayList<>(), null,
                request -> new MockResponse().setBody("{\"token\":\"" + FakeRegistry.TOKEN + "\"}"));
        MockWebServer registry = servers.start(new CopyOnWriteArrayList<>(), serverTls, bearer(tokens.url("/token").toString()));

        assertEquals(LABELS, resolve(registry, true, true, null).config().labels());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://localhost/token", "file:///etc/passwd", "javascript:alert(1)", "/relative/token"})
    void tokenRealmsThatAreNotHttpUrlsAreRefused(String realm) throws Exception {
        MockWebServer registry = servers.start(new CopyOnWriteArrayList<>(), null, bearer(realm));

        RegistryException error = assertThrows(RegistryException.class, () -> resolve(registry, false, false, null));

        assertEquals(Kind.REGISTRY_ERROR, error.kind());
        assertTrue(error.getMessage().contains("is not an http(s) URL"), error.getMessage());
    }

    @Test
    void redirectLoopIsARegistryErrorNotAHang() throws Exception {
        MockWebServer registry = servers.start(new CopyOnWriteArrayList<>(), null, request -> redirect(request.getPath()));

        RegistryException error = assertThrows(RegistryException.class, () -> resolve(registry, false, false, null));

        assertEquals(Kind.REGISTRY_ERROR, error.kind());
        assertTrue(error.getMessage().contains("too many redirects"), error.getMessage());
        assertTrue(error.getMessage().startsWith("reading manifest of " + registry.getHostName() + ":"
                + registry.getPort() + "/team/app:1"), error.getMessage());
    }

    /** A registry that wants a Bearer token from {@code realm} and accepts FakeRegistry.TOKEN. */
    private static Function<RecordedRequest, MockResponse> bearer(String realm) {
        return request -> {
            if (!("Bearer " + FakeRegistry.TOKEN).equals(request.getHeader("Authorization"))) {
                return FakeRegistry.error(401, "UNAUTHORIZED", "auth")
                        .setHeader("WWW-Authenticate", "Bearer realm=\"" + realm + "\",service=\"s\"");
            }
            return request.getPath().contains("/manifests/")
                    ? new MockResponse().setHeader("Content-Type", TestImages.DOCKER_V2).setBody(new Buffer().write(MANIFEST))
                    : config();
        };
    }
}

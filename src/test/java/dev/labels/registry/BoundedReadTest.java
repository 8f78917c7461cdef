package dev.labels.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.cache.ImageCache;
import dev.labels.error.LabelsException.Kind;
import dev.labels.image.Platform;
import dev.labels.reference.ImageReference;
import dev.labels.registry.auth.CredentialSource;
import dev.labels.registry.http.Limits;
import dev.labels.registry.transport.Mirror;
import dev.labels.registry.transport.RecordingSleeper;
import dev.labels.registry.transport.RegistryConfig;
import dev.labels.registry.transport.RegistryException;
import dev.labels.registry.transport.Reliability;
import dev.labels.testing.FakeRegistry;
import dev.labels.testing.FakeRegistry.Server;
import dev.labels.testing.TestImages;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bodies are read up to their limit (Limits) whatever the registry declares: a Content-Length that lies in
 * either direction, or no length at all, never makes us read more than the limit into memory.
 */
class BoundedReadTest {
    private static final Platform AMD64 = new Platform("linux", "amd64", null);
    private static final Map<String, String> LABELS = Map.of("team", "dodo");
    private static final byte[] CONFIG = TestImages.config("linux", "amd64", LABELS);
    private static final byte[] MANIFEST = TestImages.manifest(TestImages.DOCKER_V2, TestImages.DOCKER_CONFIG, CONFIG);

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
    }

    private RegistryException failure(Server server, String pathPart, MockResponse answer) throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.NONE);
        fake.putBlob(CONFIG);
        fake.putManifest("team/app", "1", TestImages.DOCKER_V2, MANIFEST);
        fake.tamper = (s, request, normal) -> s == server && request.getPath().contains(pathPart) ? answer.clone() : normal;
        Mirror plainHttp = Mirror.parse(fake.host() + "=http://" + fake.host());
        client = RegistryClient.builder(new RegistryConfig(false, List.of(plainHttp), CredentialSource.ANONYMOUS, false))
                .reliability(new Reliability(1, Duration.ofSeconds(30))).waits(new RecordingSleeper(), new Random(1))
                .build();
        return assertThrows(RegistryException.class, () -> new ImageResolver(client, ImageCache.NONE, AMD64)
                .resolve(ImageReference.parse(fake.host() + "/team/app:1"), null));
    }

    private static Buffer bytes(long count) {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        Buffer buffer = new Buffer();
        for (long written = 0; written < count; written += chunk.length) {
            buffer.write(chunk, 0, (int) Math.min(chunk.length, count - written));
        }
        return buffer;
    }

    @Test
    void declaredLengthOverTheLimitIsRefusedBeforeReading() throws Exception {
        // Claims 10 GiB, sends a few bytes: refused from the header alone.
        RegistryException error = failure(Server.REGISTRY, "/manifests/", new MockResponse()
                .setHeader("Content-Type", TestImages.DOCKER_V2).setBody("{}")
                .setHeader("Content-Length", String.valueOf(10L << 30)).setSocketPolicy(SocketPolicy.DISCONNECT_AT_END));

        assertEquals(Kind.REGISTRY_ERROR, error.kind());
        assertTrue(error.getMessage().contains("manifest is larger than the limit of " + Limits.MANIFEST_BYTES),
                error.getMessage());
    }

    @Test
    void chunkedManifestWithNoLengthIsCutAtTheLimit() throws Exception {
        RegistryException error = failure(Server.REGISTRY, "/manifests/", new MockResponse()
                .setHeader("Content-Type", TestImages.DOCKER_V2).setChunkedBody(bytes(Limits.MANIFEST_BYTES + 4096), 8192));

        assertEquals(Kind.REGISTRY_ERROR, error.kind());
        assertTrue(error.getMessage().contains("larger than the limit of " + Limits.MANIFEST_BYTES), error.getMessage());
    }

    @Test
    void chunkedConfigWithNoLengthIsCutAtTheLimit() throws Exception {
        RegistryException error = failure(Server.REGISTRY, "/blobs/", new MockResponse()
                .setChunkedBody(bytes(Limits.CONFIG_BYTES * 2), 64 * 1024));

        assertEquals(Kind.REGISTRY_ERROR, error.kind());
        assertTrue(error.getMessage().startsWith("reading config sha256:"), error.getMessage());
        assertTrue(error.getMessage().contains("larger than the limit of " + Limits.CONFIG_BYTES), error.getMessage());
    }

    @Test
    void declaredLengthShorterThanTheBodyGivesATruncatedManifestNotAnOverRead() throws Exception {
        // Declares 20 bytes and sends the whole manifest: only 20 are read, and they are not a manifest.
        RegistryException error = failure(Server.REGISTRY, "/manifests/", new MockResponse()
                .setHeader("Content-Type", TestImages.DOCKER_V2).setBody(new Buffer().write(MANIFEST))
                .setHeader("Content-Length", "20").setHeader("Connection", "close"));

        assertEquals(Kind.REGISTRY_ERROR, error.kind());
        assertTrue(error.getMessage().startsWith("reading manifest of " + fake.host() + "/team/app:1: "),
                error.getMessage());
    }

    @Test
    void declaredLengthLongerThanTheBodyIsATruncatedAnswer() throws Exception {
        // Declares more than it sends, then hangs up: retried like any dropped connection, then reported.
        RegistryException error = failure(Server.REGISTRY, "/blobs/", new MockResponse()
                .setBody(new Buffer().write(CONFIG)).setHeader("Content-Length", String.valueOf(CONFIG.length + 100))
                .setSocketPolicy(SocketPolicy.DISCONNECT_AT_END));

        assertEquals(Kind.NETWORK, error.kind());
        assertTrue(error.getMessage().contains("unexpected end of stream"), error.getMessage());
        assertTrue(error.getMessage().endsWith("(after 2 tries)"), error.getMessage());
    }

    @Test
    void oversizedTokenResponseIsRefused() throws Exception {
        fake = null;
        RegistryException error;
        try (FakeRegistry bearer = new FakeRegistry(FakeRegistry.Auth.BEARER)) {
            fake = bearer;
            bearer.putBlob(CONFIG);
            bearer.putManifest("team/app", "1", TestImages.DOCKER_V2, MANIFEST);
            bearer.tokenResponse = new MockResponse().setChunkedBody(bytes(Limits.SMALL_BODY_BYTES * 4), 4096);
            Mirror plainHttp = Mirror.parse(bearer.host() + "=http://" + bearer.host());
            client = new RegistryClient(new RegistryConfig(false, List.of(plainHttp), CredentialSource.ANONYMOUS, false));
            error = assertThrows(RegistryException.class, () -> new ImageResolver(client, ImageCache.NONE, AMD64)
                    .resolve(ImageReference.parse(bearer.host() + "/team/app:1"), null));
        }
        fake = null;

        assertTrue(error.getMessage().contains("token response is larger than the limit"), error.getMessage());
    }
}

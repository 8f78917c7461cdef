package dev.labels.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.cache.ImageCache;
import dev.labels.error.LabelsException.Kind;
import dev.labels.image.Platform;
import dev.labels.image.ResolvedImage;
import dev.labels.reference.ImageReference;
import dev.labels.registry.auth.CredentialSource;
import dev.labels.registry.transport.Mirror;
import dev.labels.registry.transport.RegistryConfig;
import dev.labels.registry.transport.RegistryException;
import dev.labels.testing.FakeRegistry;
import dev.labels.testing.TestImages;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A manifest asked for by tag has no digest of ours to check, but the registry's Docker-Content-Digest says
 * what it stored. Bytes that do not hash to it were changed on the way, and are refused.
 */
class ManifestDigestHeaderTest {
    private static final Platform AMD64 = new Platform("linux", "amd64", null);
    private static final Map<String, String> LABELS = Map.of("team", "dodo");

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

    /** Serves team/app:1 with the given Docker-Content-Digest header value (null: none). */
    private ResolvedImage resolve(String mediaType, byte[] manifest, String digestHeader) throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.NONE);
        fake.putBlob(TestImages.config("linux", "amd64", LABELS));
        fake.putManifest("team/app", "1", mediaType, manifest);
        fake.tamper = (server, request, normal) -> {
            if (!request.getPath().contains("/manifests/")) {
                return normal;
            }
            MockResponse answer = normal.clone().removeHeader("Docker-Content-Digest");
            return digestHeader == null ? answer : answer.setHeader("Docker-Content-Digest", digestHeader);
        };
        Mirror plainHttp = Mirror.parse(fake.host() + "=http://" + fake.host());
        client = new RegistryClient(new RegistryConfig(false, List.of(plainHttp), CredentialSource.ANONYMOUS, false));
        return new ImageResolver(client, ImageCache.NONE, AMD64)
                .resolve(ImageReference.parse(fake.host() + "/team/app:1"), null);
    }

    private static byte[] manifest() {
        return TestImages.manifest(TestImages.DOCKER_V2, TestImages.DOCKER_CONFIG,
                TestImages.config("linux", "amd64", LABELS));
    }

    @Test
    void matchingHeaderIsAccepted() throws Exception {
        byte[] manifest = manifest();
        assertEquals(LABELS, resolve(TestImages.DOCKER_V2, manifest, TestImages.sha256(manifest)).config().labels());
    }

    @Test
    void headerThatDisagreesWithTheBodyIsADigestMismatch() {
        byte[] manifest = manifest();
        String other = TestImages.sha256(TestImages.utf8("what the registry stored"));

        RegistryException error = assertThrows(RegistryException.class,
                () -> resolve(TestImages.DOCKER_V2, manifest, other));

        assertEquals(Kind.REGISTRY_ERROR, error.kind());
        assertTrue(error.getMessage().contains("digest mismatch for manifest (its Docker-Content-Digest header"),
                error.getMessage());
        assertTrue(error.getMessage().contains("expected " + other + ", got " + TestImages.sha256(manifest)),
                error.getMessage());
    }

    @Test
    void missingOrUnusableHeaderIsNotChecked() throws Exception {
        assertEquals(LABELS, resolve(TestImages.DOCKER_V2, manifest(), null).config().labels());
        close();
        assertEquals(LABELS, resolve(TestImages.DOCKER_V2, manifest(), "not-a-digest").config().labels());
    }

    /**
     * Schema 1 is no exception: the header is checked against the manifest's digest as the registry computes
     * it, which for a manifest without signatures is the digest of its bytes, whatever the Content-Type says.
     */
    @Test
    void schema1HeadersAreCheckedAgainstTheManifestsDigest() throws Exception {
        String v1 = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"legacy\":\"yes\"}}}";
        byte[] manifest = TestImages.utf8("{\"schemaVersion\":1,\"name\":\"team/app\",\"tag\":\"1\",\"architecture\":\"amd64\","
                + "\"history\":[{\"v1Compatibility\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(v1) + "}]}");
        String prettyJws = "application/vnd.docker.distribution.manifest.v1+prettyjws";

        ResolvedImage image = resolve(prettyJws, manifest, TestImages.sha256(manifest));
        assertEquals(Map.of("legacy", "yes"), image.config().labels());
        assertEquals(TestImages.sha256(manifest), image.manifestDigest());
        close();

        String other = TestImages.sha256(TestImages.utf8("the payload of another manifest"));
        RegistryException error = assertThrows(RegistryException.class, () -> resolve(prettyJws, manifest, other));
        assertEquals(Kind.REGISTRY_ERROR, error.kind());
        assertTrue(error.getMessage().contains("digest mismatch"), error.getMessage());
    }
}

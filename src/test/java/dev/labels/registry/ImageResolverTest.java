package dev.labels.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import dev.labels.registry.transport.Mirror;
import dev.labels.registry.transport.RegistryConfig;
import dev.labels.registry.transport.RegistryException;
import dev.labels.testing.FakeRegistry;
import dev.labels.testing.TestImages;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The whole read path against fake registries with each auth scheme and each manifest shape. */
class ImageResolverTest {
    private static final Platform AMD64 = new Platform("linux", "amd64", null);
    private static final Map<String, String> LABELS = Map.of("blaze.service.deployment.cpu", "0.1", "team", "dodo");

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

    /** The fake speaks plain HTTP: say so, as a user would for such a registry, instead of probing HTTPS. */
    private RegistryClient client(CredentialSource credentials) {
        Mirror plainHttp = Mirror.parse(fake.plainHttpMirror());
        client = new RegistryClient(new RegistryConfig(false, List.of(plainHttp), credentials, false));
        return client;
    }

    private ResolvedImage resolve(String reference, Platform platform, CredentialSource credentials) throws Exception {
        client(credentials);
        return new ImageResolver(client, ImageCache.NONE, AMD64).resolve(ImageReference.parse(reference), platform);
    }

    private RegistryException failure(String reference, Platform platform, CredentialSource credentials) {
        return assertThrows(RegistryException.class, () -> resolve(reference, platform, credentials));
    }

    private byte[] pushImage(String repository, String tag, Map<String, String> labels) {
        return fake.pushImage(repository, tag, labels);
    }

    private static CredentialSource creds() {
        return new StaticCredentials(new Credentials(FakeRegistry.USER, FakeRegistry.PASSWORD, "--creds"),
                CredentialSource.ANONYMOUS);
    }

    @Test
    void readsLabelsFromAnUnauthenticatedRegistry() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.NONE);
        byte[] manifest = pushImage("team/app", "1", LABELS);

        ResolvedImage image = resolve(fake.host() + "/team/app:1", null, CredentialSource.ANONYMOUS);

        assertEquals(LABELS, image.config().labels());
        assertEquals(TestImages.sha256(manifest), image.manifestDigest());
        assertEquals("linux/amd64", image.platform().toString());
    }

    @Test
    void anonymousBearerFetchesATokenFromTheRealmAndRetriesOnce() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.BEARER);
        pushImage("library/alpine", "3", LABELS);

        ResolvedImage image = resolve(fake.host() + "/library/alpine:3", null, CredentialSource.ANONYMOUS);

        assertEquals(LABELS, image.config().labels());
        assertEquals(1, fake.tokenRequests.size(), "one token for the repository, reused for the config blob");
        RecordedRequest token = fake.tokenRequests.get(0);
        assertEquals("fake-registry", token.getRequestUrl().queryParameter("service"));
        assertEquals("repository:library/alpine:pull", token.getRequestUrl().queryParameter("scope"));
        assertNull(token.getHeader("Authorization"), "anonymous token request carries no credentials");
        // manifest (401), manifest (200), config blob (200, token already known).
        assertEquals(3, fake.registryRequests.size());
        assertNull(fake.registryRequests.get(0).getHeader("Authorization"));
        assertEquals("Bearer " + FakeRegistry.TOKEN, fake.registryRequests.get(2).getHeader("Authorization"));
    }

    @Test
    void bearerWithCredentialsSendsBasicToTheTokenServiceOnly() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.BEARER);
        fake.tokenNeedsCredentials = true;
        pushImage("private/app", "1", LABELS);

        ResolvedImage image = resolve(fake.host() + "/private/app:1", null, creds());

        assertEquals(LABELS, image.config().labels());
        RecordedRequest token = fake.tokenRequests.get(0);
        assertEquals(FakeRegistry.basic(), token.getHeader("Authorization"));
        assertEquals(FakeRegistry.USER, token.getRequestUrl().queryParameter("account"));
        for (RecordedRequest request : fake.registryRequests) {
            String authorization = request.getHeader("Authorization");
            assertTrue(authorization == null || authorization.startsWith("Bearer "),
                    "the registry itself only ever sees the token");
        }
    }

    @Test
    void tokenResponseWithOnlyAccessTokenIsAccepted() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.BEARER);
        fake.tokenResponse = new MockResponse().setBody("{\"access_token\":\"" + FakeRegistry.TOKEN + "\"}");
        pushImage("team/app", "1", LABELS);

        assertEquals(LABELS, resolve(fake.host() + "/team/app:1", null, CredentialSource.ANONYMOUS).config().labels());
    }

    @Test
    void tokenServiceRefusingCredentialsIsAnAuthenticationFailure() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.BEARER);
        fake.tokenNeedsCredentials = true;
        pushImage("private/app", "1", LABELS);
        CredentialSource wrong = new StaticCredentials(new Credentials("user", "wrong-password", "--creds"),
                CredentialSource.ANONYMOUS);

        RegistryException error = failure(fake.host() + "/private/app:1", null, wrong);

        assertEquals(Kind.UNAUTHORIZED, error.kind());
        assertTrue(error.getMessage().contains("refused the credentials from --creds"), error.getMessage());
        assertFalse(error.getMessage().contains("wrong-password"), "never the secret");
        assertEquals(1, fake.tokenRequests.size(), "no retry loop against the token service");
    }

    @Test
    void basicOnlyRegistryGetsCredentialsAfterItsChallengeAndThenUpFront() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.BASIC);
        pushImage("team/app", "1", LABELS);

        ResolvedImage image = resolve(fake.host() + "/team/app:1", null, creds());

        assertEquals(LABELS, image.config().labels());
        assertEquals(0, fake.tokenRequests.size());
        assertNull(fake.registryRequests.get(0).getHeader("Authorization"));
        assertEquals(FakeRegistry.basic(), fake.registryRequests.get(1).getHeader("Authorization"));
        assertEquals(FakeRegistry.basic(), fake.registryRequests.get(2).getHeader("Authorization"),
                "the config request authenticates up front");
        assertEquals(3, fake.registryRequests.size());
    }

    @Test
    void basicCredentialsGoToTheRegistryHostAndNowhereElse() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.BASIC);
        fake.redirectBlobs = true;
        pushImage("team/app", "1", LABELS);

        ResolvedImage image = resolve(fake.host() + "/team/app:1", null, creds());

        assertEquals(LABELS, image.config().labels());
        assertEquals(1, fake.storageRequests.size());
        assertNull(fake.storageRequests.get(0).getHeader("Authorization"),
                "the registry's Basic credentials must not follow the redirect to the storage host");
        assertEquals(0, fake.tokenRequests.size());
    }

    @Test
    void basicOnlyRegistryWithoutCredentialsIsAnAuthenticationFailure() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.BASIC);
        pushImage("team/app", "1", LABELS);

        RegistryException error = failure(fake.host() + "/team/app:1", null, CredentialSource.ANONYMOUS);

        assertEquals(Kind.UNAUTHORIZED, error.kind());
        assertTrue(error.getMessage().contains("requires credentials"), error.getMessage());
    }

    @Test
    void anonymousRefusalAfterAFreshTokenReadsAsPrivateOrMissing() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.BEARER);
        fake.tokenResponse = new MockResponse().setBody("{\"token\":\"a-token-without-access\"}");

        RegistryException error = failure(fake.host() + "/someone/private:1", null, CredentialSource.ANONYMOUS);

        assertEquals(Kind.NOT_FOUND, error.kind());
        assertTrue(error.getMessage().contains("private or missing: anonymous access was refused"), error.getMessage());
        assertEquals(2, fake.registryRequests.size(), "one retry after the challenge, no loop");
    }

    @Test
    void blobRedirectToAnotherHostArrivesWithoutAuthorization() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.BEARER);
        fake.redirectBlobs = true;
        pushImage("team/app", "1", LABELS);

        ResolvedImage image = resolve(fake.host() + "/team/app:1", null, CredentialSource.ANONYMOUS);

        assertEquals(LABELS, image.config().labels());
        assertEquals(1, fake.storageRequests.size());
        assertNull(fake.storageRequests.get(0).getHeader("Authorization"),
                "the registry's token must not reach the storage host");
    }

    @Test
    void missingTagIsNotFoundWithTheRegistryErrorCode() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.NONE);

        RegistryException error = failure(fake.host() + "/team/app:nope", null, CredentialSource.ANONYMOUS);

        assertEquals(Kind.NOT_FOUND, error.kind());
        assertEquals("reading manifest of " + fake.host() + "/team/app:nope: MANIFEST_UNKNOWN: manifest unknown",
                error.getMessage());
    }

    @Test
    void configWhoseDigestDoesNotMatchIsRefused() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.NONE);
        byte[] config = TestImages.config("linux", "amd64", LABELS);
        byte[] manifest = TestImages.manifest(TestImages.DOCKER_V2, TestImages.DOCKER_CONFIG, config);
        byte[] forged = TestImages.config("linux", "amd64", Map.of("team", "evil"));
        fake.putBlob(TestImages.sha256(config), forged);
        fake.putManifest("team/app", "1", TestImages.DOCKER_V2, manifest);

        RegistryException error = failure(fake.host() + "/team/app:1", null, CredentialSource.ANONYMOUS);

        assertEquals(Kind.REGISTRY_ERROR, error.kind());
        assertTrue(error.getMessage().contains("digest mismatch"), error.getMessage());
    }

    @Test
    void manifestAskedForByDigestIsVerified() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.NONE);
        byte[] manifest = pushImage("team/app", "1", LABELS);
        byte[] other = pushImage("team/app", "2", Map.of("team", "other"));
        String digest = TestImages.sha256(manifest);
        fake.putManifest("team/app", digest, TestImages.DOCKER_V2, other);

        RegistryException error = failure(fake.host() + "/team/app@" + digest, null, CredentialSource.ANONYMOUS);

        assertTrue(error.getMessage().contains("digest mismatch"), error.getMessage());
    }

    @Test
    void indexWhoseFirstEntryIsAnAttestationResolvesToTheRealImage() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.NONE);
        byte[] amdConfig = TestImages.config("linux", "amd64", Map.of("arch", "amd64"));
        byte[] amd = TestImages.manifest(TestImages.OCI_MANIFEST, TestImages.OCI_CONFIG, amdConfig);
        byte[] attestationConfig = TestImages.utf8("{}");
        byte[] attestation = TestImages.manifest(TestImages.OCI_MANIFEST, TestImages.OCI_CONFIG, attestationConfig);
        byte[] index = TestImages.index(List.of(
                TestImages.entry(TestImages.OCI_MANIFEST, attestation, "unknown", "unknown"),
                TestImages.entry(TestImages.OCI_MANIFEST, amd, "linux", "amd64")));
        fake.putBlob(amdConfig);
        fake.putBlob(attestationConfig);
        fake.putManifest("team/app", TestImages.sha256(attestation), TestImages.OCI_MANIFEST, attestation);
        fake.putManifest("team/app", TestImages.sha256(amd), TestImages.OCI_MANIFEST, amd);
        fake.putManifest("team/app", "1", TestImages.OCI_INDEX, index);

        // Asked for a platform the index lacks and given none: the fallback must skip the attestation.
        ResolvedImage image = new ImageResolver(client(CredentialSource.ANONYMOUS), ImageCache.NONE,
                new Platform("linux", "s390x", null))
                .resolve(ImageReference.parse(fake.host() + "/team/app:1"), null);

        assertEquals(Map.of("arch", "amd64"), image.config().labels());
        assertEquals(TestImages.sha256(amd), image.manifestDigest());
        assertTrue(image.platformFellBack());
    }

    @Test
    void explicitPlatformMissingFromTheIndexNamesThePlatformsThatExist() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.NONE);
        byte[] amdConfig = TestImages.config("linux", "amd64", Map.of());
        byte[] amd = TestImages.manifest(TestImages.OCI_MANIFEST, TestImages.OCI_CONFIG, amdConfig);
        fake.putManifest("team/app", "1", TestImages.OCI_INDEX,
                TestImages.index(List.of(TestImages.entry(TestImages.OCI_MANIFEST, amd, "linux", "amd64"))));

        RegistryException error = failure(fake.host() + "/team/app:1", new Platform("linux", "arm64", null),
                CredentialSource.ANONYMOUS);

        assertEquals(Kind.NOT_FOUND, error.kind());
        assertTrue(error.getMessage().contains("linux/amd64"), error.getMessage());
    }

    @Test
    void schema1LabelsComeFromTheFirstHistoryEntry() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.NONE);
        String v1 = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"legacy\":\"yes\"}}}";
        String manifest = "{\"schemaVersion\":1,\"name\":\"team/old\",\"tag\":\"1\",\"architecture\":\"amd64\","
                + "\"fsLayers\":[{\"blobSum\":\"sha256:a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4\"}],"
                + "\"history\":[{\"v1Compatibility\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(v1) + "}]}";
        fake.putManifest("team/old", "1", "application/vnd.docker.distribution.manifest.v1+json", TestImages.utf8(manifest));

        ResolvedImage image = resolve(fake.host() + "/team/old:1", null, CredentialSource.ANONYMOUS);

        assertEquals(Map.of("legacy", "yes"), image.config().labels());
        assertNull(image.configDigest());
    }

    /**
     * What the walk finds wrong is said with the step, the image and, when a mirror answered for the registry,
     * the host that sent it: the same words at each step of the walk.
     */
    @Test
    void errorsNameTheStepTheImageAndTheMirrorThatAnswered() throws Exception {
        fake = new FakeRegistry(FakeRegistry.Auth.NONE);
        byte[] notJson = TestImages.utf8("{\"os\": ");
        byte[] manifest = TestImages.manifest(TestImages.DOCKER_V2, TestImages.DOCKER_CONFIG, notJson);
        byte[] inner = TestImages.index(List.of());
        fake.putBlob(notJson);
        fake.putManifest("team/app", "1", TestImages.DOCKER_V2, manifest);
        fake.putManifest("team/app", TestImages.sha256(inner), TestImages.OCI_INDEX, inner);
        fake.putManifest("team/app", "2", TestImages.OCI_INDEX,
                TestImages.index(List.of(TestImages.entry(TestImages.OCI_INDEX, inner, "linux", "amd64"))));
        Mirror mirror = Mirror.parse("registry.example.com=http://" + fake.host());
        client = new RegistryClient(new RegistryConfig(false, List.of(mirror), CredentialSource.ANONYMOUS, false));
        ImageResolver resolver = new ImageResolver(client, ImageCache.NONE, AMD64);

        RegistryException config = assertThrows(RegistryException.class,
                () -> resolver.resolve(ImageReference.parse("registry.example.com/team/app:1"), null));
        RegistryException nested = assertThrows(RegistryException.class,
                () -> resolver.resolve(ImageReference.parse("registry.example.com/team/app:2"), null));

        String answer = " (answer from " + fake.host() + ")";
        assertTrue(config.getMessage().startsWith("reading config " + TestImages.sha256(notJson)
                + " of registry.example.com/team/app:1: "), config.getMessage());
        assertTrue(config.getMessage().endsWith(answer), config.getMessage());
        assertEquals("reading manifest of registry.example.com/team/app:2 (linux/amd64): an index inside an index "
                + "is not supported" + answer, nested.getMessage());
        assertEquals(Kind.REGISTRY_ERROR, nested.kind());
    }
}

package dev.labels.testing;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.testing.LocalRegistry.Mode;
import dev.labels.testing.Skopeo.Options;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Proves the harness itself: in every {@link Mode}, the fixtures that {@link Fixtures} pushes read back through
 * skopeo, an independent client, with exactly the labels and digests the harness says they have. If this
 * fails, the tool's integration tests would be judging the tool against a broken yardstick.
 */
class HarnessTest {

    /** One registry per mode, shared by all tests: starting one and pushing takes 1 s, or 6 s under htpasswd. */
    private static final Map<Mode, LocalRegistry> REGISTRIES = new EnumMap<>(Mode.class);
    private static final Map<Mode, Map<String, FixtureSet>> FIXTURES = new EnumMap<>(Mode.class);

    @BeforeAll
    static void startRegistriesAndPushFixtures() {
        for (Mode mode : Mode.values()) {
            LocalRegistry registry = LocalRegistry.start(mode);
            REGISTRIES.put(mode, registry);
            // Only token auth treats public/ and private/ differently; elsewhere one copy proves as much.
            FIXTURES.put(mode, mode == Mode.TOKEN
                    ? Fixtures.pushAll(registry)
                    : Map.of(Fixtures.PUBLIC, Fixtures.push(registry, Fixtures.PUBLIC)));
        }
    }

    @AfterAll
    static void stopRegistries() {
        REGISTRIES.values().forEach(LocalRegistry::close);
        REGISTRIES.clear();
        FIXTURES.clear();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void singlePlatformImagesHaveThePushedLabelsByTagAndByDigest(Mode mode) {
        List<Executable> checks = new ArrayList<>();
        for (Readable readable : readableSets(mode)) {
            for (FixtureImage image : readable.set().all()) {
                if (image.isIndex()) {
                    continue;
                }
                checks.add(() -> assertEquals(image.labels(), labels(mode, image.reference(), readable.options()),
                        mode + " " + image.reference()));
                checks.add(() -> assertEquals(image.labels(), labels(mode, image.digestReference(), readable.options()),
                        mode + " " + image.digestReference()));
            }
        }
        assertAll(checks);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyPlatformOfAnIndexHasItsOwnLabels(Mode mode) {
        List<Executable> checks = new ArrayList<>();
        for (Readable readable : readableSets(mode)) {
            for (FixtureImage image : List.of(readable.set().multi(), readable.set().ociIndex())) {
                for (FixtureManifest platform : image.platforms()) {
                    checks.add(() -> assertEquals(platform.labels(),
                            labels(mode, image.reference(), readable.options().withPlatform(platform.platform())),
                            mode + " " + image.reference() + " " + platform.platform()));
                }
            }
        }
        assertAll(checks);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void skopeoSeesTheDigestsThePusherComputed(Mode mode) {
        LocalRegistry registry = REGISTRIES.get(mode);
        Readable readable = readableSets(mode).get(0);
        FixtureSet set = readable.set();
        assertAll(
                () -> assertEquals(set.dockerV2().digest(),
                        Skopeo.raw(registry.host(), set.dockerV2().reference(), readable.options()).path("Digest").asText()),
                () -> assertEquals(set.oci().digest(),
                        Skopeo.raw(registry.host(), set.oci().reference(), readable.options()).path("Digest").asText()),
                () -> assertEquals(set.multi().digest(),
                        Skopeo.raw(registry.host(), set.multi().reference(), readable.options()).path("Digest").asText(),
                        "skopeo reports the digest of the list the tag names, not of the platform image"),
                () -> assertEquals(set.ociIndex().digest(),
                        Skopeo.raw(registry.host(), set.ociIndex().reference(), readable.options()).path("Digest").asText()));
    }

    @Test
    void fixtureDigestsAreTheSameInEveryRegistry() {
        // Fixed timestamps and ordered JSON make every digest reproducible, in any registry and any run.
        FixtureSet anonymous = FIXTURES.get(Mode.ANONYMOUS).get(Fixtures.PUBLIC);
        FixtureSet token = FIXTURES.get(Mode.TOKEN).get(Fixtures.PUBLIC);
        assertEquals(anonymous.all().stream().map(FixtureImage::digest).toList(),
                token.all().stream().map(FixtureImage::digest).toList());
    }

    @Test
    void fixtureLabelsCoverTheAwkwardValues() {
        FixtureSet set = FIXTURES.get(Mode.ANONYMOUS).get(Fixtures.PUBLIC);
        assertAll(
                () -> assertEquals("", set.dockerV2().labels().get("test.empty")),
                () -> assertTrue(set.dockerV2().labels().get("test.multiline").contains("\n")),
                () -> assertEquals("512", set.dockerV2Tag2().labels().get("blaze.service.deployment.memory")),
                () -> assertEquals(Map.of(), set.noLabels().labels()),
                () -> assertEquals(FixturePlatform.UNKNOWN, set.ociIndex().attestation().platform()),
                () -> assertEquals(FixturePlatform.LINUX_AMD64, set.ociIndex().platforms().get(0).platform()));
    }

    @Test
    void htpasswdRegistryRefusesAnonymousAndWrongPassword() {
        LocalRegistry registry = REGISTRIES.get(Mode.HTPASSWD);
        String reference = FIXTURES.get(Mode.HTPASSWD).get(Fixtures.PUBLIC).dockerV2().reference();
        assertAll(
                () -> assertRefused(Skopeo.inspect(registry.host(), reference, Options.anonymous()),
                        "authentication required"),
                () -> assertRefused(Skopeo.inspect(registry.host(), reference,
                        Options.anonymous().withCredentials(LocalRegistry.USER, "wrong")), "authentication required"));
    }

    @Test
    void tokenRegistryHidesPrivateRepositoriesFromAnonymousReaders() {
        LocalRegistry registry = REGISTRIES.get(Mode.TOKEN);
        String reference = FIXTURES.get(Mode.TOKEN).get(Fixtures.PRIVATE).dockerV2().reference();
        // The token server hands out a token with no access; the registry then refuses it with 401, as Docker Hub does.
        assertRefused(Skopeo.inspect(registry.host(), reference, Options.anonymous()), "authentication required");
    }

    @Test
    void tokenServerRefusesAWrongPassword() {
        LocalRegistry registry = REGISTRIES.get(Mode.TOKEN);
        String reference = FIXTURES.get(Mode.TOKEN).get(Fixtures.PUBLIC).dockerV2().reference();
        // Even for a public repository: wrong credentials are an error, not a fallback to anonymous.
        assertRefused(Skopeo.inspect(registry.host(), reference,
                Options.anonymous().withCredentials(LocalRegistry.USER, "wrong")), "incorrect username or password");
    }

    @Test
    void tokenServerRecordsWhatTheClientAskedFor() {
        LocalRegistry registry = REGISTRIES.get(Mode.TOKEN);
        TestTokenServer tokenServer = registry.tokenServer();
        FixtureImage image = FIXTURES.get(Mode.TOKEN).get(Fixtures.PRIVATE).dockerV2();
        tokenServer.reset(); // forget the pushes; JUnit runs the tests of a class one at a time
        Skopeo.labels(registry.host(), image.reference(), Options.authenticated());
        assertAll(
                () -> assertTrue(tokenServer.requestCount() >= 1),
                () -> assertTrue(tokenServer.lastRequestHadAuthorization()),
                () -> assertEquals(List.of(LocalRegistry.TOKEN_SERVICE), tokenServer.lastQuery().get("service")),
                () -> assertEquals(List.of("repository:" + image.repository() + ":pull"), tokenServer.lastQuery().get("scope")),
                () -> assertEquals(List.of(LocalRegistry.USER), tokenServer.lastQuery().get("account")));
    }

    /** Fails unless skopeo failed, and for the expected reason rather than, say, a refused connection. */
    private static void assertRefused(Skopeo.Result result, String reason) {
        assertFalse(result.succeeded(), "expected skopeo to be refused, but it printed: " + result.stdout());
        assertTrue(result.stderr().contains(reason), "expected '" + reason + "' in: " + result.stderr());
    }

    /** A fixture set and the options that may read it in a mode. */
    private record Readable(FixtureSet set, Options options) {
    }

    /**
     * Which sets each mode serves, and to whom: anyone without auth, the test user under htpasswd, and under
     * tokens {@code public/} to anyone but {@code private/} only to the test user.
     */
    private static List<Readable> readableSets(Mode mode) {
        Map<String, FixtureSet> sets = FIXTURES.get(mode);
        return switch (mode) {
            case ANONYMOUS -> List.of(new Readable(sets.get(Fixtures.PUBLIC), Options.anonymous()));
            case HTPASSWD -> List.of(new Readable(sets.get(Fixtures.PUBLIC), Options.authenticated()));
            case TOKEN -> List.of(new Readable(sets.get(Fixtures.PUBLIC), Options.anonymous()),
                    new Readable(sets.get(Fixtures.PRIVATE), Options.authenticated()));
        };
    }

    private static Map<String, String> labels(Mode mode, String reference, Options options) {
        return Skopeo.labels(REGISTRIES.get(mode).host(), reference, options);
    }
}

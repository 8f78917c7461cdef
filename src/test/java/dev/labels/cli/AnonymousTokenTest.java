package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.testing.FixtureImage;
import dev.labels.testing.FixtureMediaTypes;
import dev.labels.testing.FixturePlatform;
import dev.labels.testing.FixturePusher;
import dev.labels.testing.Fixtures;
import dev.labels.testing.LocalRegistry;
import dev.labels.testing.QuirkyProxy;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Token registries and anonymous users, GHCR's way (a token even for a public image, and a token service that
 * answers 401 or 403 for private and missing repositories alike) and Docker Hub's (a token without access, then
 * the registry's 401): the real token registry behind a {@link QuirkyProxy}.
 */
class AnonymousTokenTest {
    private static final String PRIVATE_OR_MISSING =
            "private or missing: anonymous access was refused (log in if the repository is private)";
    private static LocalRegistry registry;
    private static FixturePusher pusher;
    private static FixtureImage privateImage;

    @TempDir
    Path temp;

    private QuirkyProxy proxy;

    @BeforeAll
    static void startRegistry() {
        registry = LocalRegistry.start(LocalRegistry.Mode.TOKEN);
        pusher = new FixturePusher(registry);
        privateImage = push(Fixtures.PRIVATE + "/ghcr", Map.of("build", "private"));
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @BeforeEach
    void startProxy() {
        proxy = QuirkyProxy.start(registry);
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    private static FixtureImage push(String repository, Map<String, String> labels) {
        return Fixtures.single(pusher, repository, "1", FixtureMediaTypes.DOCKER_MANIFEST, FixturePlatform.LINUX_AMD64,
                labels);
    }

    private CliRun inspect(String reference, String... extra) {
        String[] args = new String[3 + extra.length];
        args[0] = "inspect";
        args[1] = proxy.host() + "/" + reference;
        args[2] = "--cache-dir=" + temp.resolve("cache");
        System.arraycopy(extra, 0, args, 3, extra.length);
        return CliRun.run(args);
    }

    @Test
    void aPublicImageGetsItsAnonymousTokenColdWarmAndAfterTheTagMoves() {
        proxy.anonymousTokenStatus = 403;
        FixtureImage first = push(Fixtures.PUBLIC + "/ghcr", Map.of("build", "first"));

        CliRun cold = inspect(first.reference());
        CliRun warm = inspect(first.reference());
        FixtureImage moved = push(Fixtures.PUBLIC + "/ghcr", Map.of("build", "second"));
        CliRun afterMove = inspect(first.reference());

        assertEquals(first.labels(), cold.labels(), cold::toString);
        assertEquals(first.labels(), warm.labels(), warm::toString);
        assertEquals(moved.labels(), afterMove.labels(), afterMove::toString);
        assertTrue(proxy.count("GET", "/token") >= 1, "the anonymous token came from the proxy's token service");
        assertEquals(1, proxy.requests.stream().filter(r -> r.getPath().contains("/manifests/")
                && r.getHeader("Authorization") == null).count(),
                "after the first request's challenge, every manifest read carries the anonymous token");
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void aTokenServiceThatRefusesAnonymousAccessMeansPrivateOrMissing(int status) {
        proxy.anonymousTokenStatus = status;

        CliRun privateRun = inspect(privateImage.reference());
        CliRun missingRun = inspect(Fixtures.PRIVATE + "/never-pushed:1");
        CliRun withCredentials = inspect(privateImage.reference(),
                "--creds", LocalRegistry.USER + ":" + LocalRegistry.PASSWORD);

        for (CliRun run : new CliRun[] {privateRun, missingRun}) {
            assertEquals(ExitCodes.NOT_FOUND, run.exitCode(), run::toString);
            assertTrue(run.stderr().contains(PRIVATE_OR_MISSING), run.stderr());
            assertTrue(run.stderr().contains("refused anonymous access (HTTP " + status + ")"), run.stderr());
        }
        assertEquals(privateRun.stderr().replace(privateImage.repository() + ":1", "REPO"),
                missingRun.stderr().replace(Fixtures.PRIVATE + "/never-pushed:1", "REPO"),
                "a private repository and a missing one cannot be told apart, and are not");
        assertEquals(0, withCredentials.exitCode(), withCredentials::toString);
        assertEquals(privateImage.labels(), withCredentials.labels());
    }

    @Test
    void aTokenWithoutAccessThenTheRegistrysRefusalReadsTheSame() {
        CliRun run = inspect(privateImage.reference());

        assertEquals(ExitCodes.NOT_FOUND, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains(PRIVATE_OR_MISSING), run.stderr());
    }
}

package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labels.testing.FixtureImage;
import dev.labels.testing.FixtureMediaTypes;
import dev.labels.testing.FixturePlatform;
import dev.labels.testing.FixturePusher;
import dev.labels.testing.Fixtures;
import dev.labels.testing.LocalRegistry;
import dev.labels.testing.QuirkyProxy;
import dev.labels.testing.QuirkyProxy.Quirk;
import dev.labels.testing.Skopeo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Registries whose manifest HEAD tells no digest (refused with 405 or 404, no Docker-Content-Digest, an
 * octet-stream answer), simulated by a {@link QuirkyProxy} in front of the real registry: the labels are right
 * cold, warm and after the tag moves, and learning the quirk costs one wasted request per registry, in a run
 * and across runs.
 */
class ManifestQuirksTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static LocalRegistry registry;
    private static FixturePusher pusher;

    @TempDir
    Path temp;

    private QuirkyProxy proxy;

    @BeforeAll
    static void startRegistry() {
        registry = LocalRegistry.start(LocalRegistry.Mode.ANONYMOUS);
        pusher = new FixturePusher(registry);
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

    /** What one run sent through the proxy. */
    private record Counts(long heads, long manifestGets, long blobGets) {
        Counts minus(Counts before) {
            return new Counts(heads - before.heads, manifestGets - before.manifestGets, blobGets - before.blobGets);
        }
    }

    private Counts counts() {
        return new Counts(proxy.count("HEAD", "/manifests/"), proxy.count("GET", "/manifests/"),
                proxy.count("GET", "/blobs/"));
    }

    private static FixtureImage push(String repository, String tag, Map<String, String> labels) {
        return Fixtures.single(pusher, repository, tag, FixtureMediaTypes.DOCKER_MANIFEST, FixturePlatform.LINUX_AMD64,
                labels);
    }

    /** {@code inspect} through the proxy with the test's cache; returns the run and what it sent. */
    private record Measured(CliRun run, Counts sent) {
    }

    private Measured inspect(String... references) {
        Counts before = counts();
        List<String> args = new ArrayList<>(List.of("inspect", "--cache-dir", temp.resolve("cache").toString()));
        for (String reference : references) {
            args.add(proxy.host() + "/" + reference);
        }
        CliRun run = CliRun.run(args.toArray(String[]::new));
        return new Measured(run, counts().minus(before));
    }

    private static String repository(Quirk quirk) {
        return "quirks/" + quirk.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @ParameterizedTest
    @EnumSource(Quirk.class)
    void labelsAreRightColdWarmAndAfterTheTagMovesAtOneWastedRequest(Quirk quirk) {
        String repository = repository(quirk);
        FixtureImage first = push(repository, "1", Map.of("build", "first", "quirk", quirk.name()));
        proxy.with(quirk);

        Measured cold = inspect(first.reference());
        Measured warm = inspect(first.reference());
        FixtureImage moved = push(repository, "1", Map.of("build", "second", "quirk", quirk.name()));
        Measured afterMove = inspect(first.reference());
        Measured again = inspect(first.reference());

        for (Measured run : List.of(cold, warm)) {
            assertEquals(0, run.run().exitCode(), run.run()::toString);
            assertEquals(first.labels(), run.run().labels(), quirk + ": " + run);
        }
        for (Measured run : List.of(afterMove, again)) {
            assertEquals(0, run.run().exitCode(), run.run()::toString);
            assertEquals(moved.labels(), run.run().labels(), quirk + ": the new image's labels, never the cached ones");
        }
        assertEquals(Skopeo.labels(registry.host(), first.reference(), Skopeo.Options.anonymous()),
                again.run().labels(), "skopeo reads the moved tag from the registry itself");
        assertEquals(new Counts(0, 1, 1), cold.sent(), "cold: a GET of the manifest, its digest from the bytes");
        assertEquals(new Counts(1, 1, 0), warm.sent(), "warm: the one HEAD that tells nothing, then the GET");
        assertEquals(new Counts(0, 1, 1), afterMove.sent(), "the next run goes straight to GET (the note)");
        assertEquals(new Counts(0, 1, 0), again.sent(), "and a tag that did not move costs that GET alone");
    }

    @Test
    void aRegistryWithoutQuirksKeepsCheckingCachedTagsWithOneHead() {
        FixtureImage first = push("quirks/none", "1", Map.of("build", "first"));

        Measured cold = inspect(first.reference());
        Measured warm = inspect(first.reference());
        FixtureImage moved = push("quirks/none", "1", Map.of("build", "second"));
        Measured afterMove = inspect(first.reference());
        Measured again = inspect(first.reference());

        assertEquals(first.labels(), warm.run().labels(), warm.run()::toString);
        assertEquals(moved.labels(), afterMove.run().labels(), afterMove.run()::toString);
        assertEquals(new Counts(0, 1, 1), cold.sent());
        assertEquals(new Counts(1, 0, 0), warm.sent(), "one HEAD: the digest is cached");
        assertEquals(new Counts(1, 1, 1), afterMove.sent(), "a HEAD, then the new manifest by digest and its config");
        assertEquals(new Counts(1, 0, 0), again.sent());
    }

    @Test
    void aBatchLearnsThatHeadIsRefusedFromOneRequestAndLaterRunsSendNone() throws Exception {
        List<String> references = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            references.add(push("quirks/batch", "v" + i, Map.of("index", Integer.toString(i))).reference());
        }
        String[] all = references.toArray(String[]::new);
        Measured cold = inspect(all);
        proxy.with(Quirk.HEAD_405);

        Measured warm = inspect(all);
        Measured later = inspect(all);

        for (Measured run : List.of(cold, warm, later)) {
            assertEquals(0, run.run().exitCode(), run.run()::toString);
            List<String> indexes = new ArrayList<>();
            for (String line : run.run().stdout().split("\n")) {
                JsonNode record = MAPPER.readTree(line);
                indexes.add(record.get("labels").get("index").asText());
            }
            assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7"), indexes, run.run()::toString);
        }
        assertEquals(new Counts(1, 8, 0), warm.sent(), "eight images read at once (--jobs 8): one HEAD finds out, "
                + "the others wait for it and GET");
        assertEquals(new Counts(0, 8, 0), later.sent());
    }

    @Test
    void aTagThatIsReallyGoneIsNotFoundAndTeachesNothingAboutHead() {
        FixtureImage image = push("quirks/gone", "1", Map.of("build", "first"));
        inspect(image.reference());
        pusher.deleteManifest(image.repository(), image.digest());

        Measured gone = inspect(image.reference());
        FixtureImage back = push("quirks/gone", "1", Map.of("build", "back"));
        Measured warm = inspect(image.reference());

        assertEquals(ExitCodes.NOT_FOUND, gone.run().exitCode(), gone.run()::toString);
        assertEquals(new Counts(1, 1, 0), gone.sent(), "the HEAD's 404, then the GET's, which decides");
        assertEquals(back.labels(), warm.run().labels(), warm.run()::toString);
        assertEquals(1, warm.sent().heads(), "HEAD is still used: a real 404 is no sign that HEAD is refused");
    }

    @Test
    void verboseSaysWhenARegistryTurnsOutToGiveNoDigestForHead() throws Exception {
        FixtureImage image = push("quirks/verbose", "1", Map.of("build", "first"));
        inspect(image.reference());
        proxy.with(Quirk.NO_DIGEST);

        LoggedRun run = LoggedRun.run("inspect", "-v", "--cache-dir", temp.resolve("cache").toString(),
                proxy.host() + "/" + image.reference());

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.log().contains(proxy.host() + " gives no digest for HEAD on a manifest"), run.log());
    }
}

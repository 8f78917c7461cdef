package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labels.testing.FakeRegistry;
import dev.labels.testing.FixtureMediaTypes;
import dev.labels.testing.FixturePlatform;
import dev.labels.testing.FixturePusher;
import dev.labels.testing.Fixtures;
import dev.labels.testing.LocalRegistry;
import dev.labels.testing.QuirkyProxy;
import dev.labels.testing.QuirkyProxy.Paging;
import dev.labels.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code labels tags} and {@code list} against the real registry behind a {@link QuirkyProxy} that pages the
 * tag list as each kind of registry does: every tag, in the registry's order, and no request anywhere but the
 * registry's own tag list.
 */
class TagPagingTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** In the lexical order that registries list in (and the proxy pages in). */
    private static final List<String> TAGS = List.of("1.0", "1.1", "2.0", "87-2b51c14", "latest", "v1", "v2");
    private static final String REPOSITORY = "paging/app";
    private static LocalRegistry registry;
    private static FixturePusher pusher;

    @TempDir
    Path temp;

    private QuirkyProxy proxy;

    @BeforeAll
    static void startRegistry() {
        registry = LocalRegistry.start(LocalRegistry.Mode.ANONYMOUS);
        pusher = new FixturePusher(registry);
        for (int i = 0; i < TAGS.size(); i++) {
            Fixtures.single(pusher, REPOSITORY, TAGS.get(i), FixtureMediaTypes.DOCKER_MANIFEST,
                    FixturePlatform.LINUX_AMD64, Map.of("index", Integer.toString(i)));
        }
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

    private CliRun tags(String repository, String... extra) {
        // Said to speak plain HTTP, so that a first page refused with 400 is not taken for a TLS server's answer
        // to the loopback scheme probe (see SchemeProbe).
        List<String> args = new ArrayList<>(List.of("tags", proxy.host() + "/" + repository,
                "--mirror", proxy.host() + "=http://" + proxy.host()));
        args.addAll(List.of(extra));
        return CliRun.run(args.toArray(String[]::new));
    }

    private static List<String> lines(CliRun run) {
        return run.stdout().lines().toList();
    }

    private long tagPages() {
        return proxy.count("GET", "/tags/list");
    }

    @ParameterizedTest
    @EnumSource(value = Paging.class, names = {"RELATIVE_LINK", "ABSOLUTE_LINK", "CURSOR_LINK", "KEY_DROPPED_LINK",
            "INTERNAL_PATH_LINK", "OTHER_HOST_LINK"})
    void everyRegistrysLinkGivesEveryTagFromTheRegistryItself(Paging paging) {
        proxy.paging = paging;

        CliRun run = tags(REPOSITORY);

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(TAGS, lines(run), paging.name());
        assertEquals(4, tagPages(), "seven tags, two a page");
        assertEquals(List.of(), proxy.elsewhereRequests, "nothing goes to the host a Link names");
        for (RecordedRequest page : proxy.requests) {
            assertTrue(page.getPath().startsWith("/v2/" + REPOSITORY + "/tags/list"), page.getPath());
        }
    }

    @Test
    void aLinkToAnotherHostGetsNeitherCredentialsNorAnyRequest() {
        try (LocalRegistry basic = LocalRegistry.start(LocalRegistry.Mode.HTPASSWD);
             QuirkyProxy quirky = QuirkyProxy.start(basic)) {
            FixturePusher basicPusher = new FixturePusher(basic);
            for (String tag : List.of("a", "b", "c")) {
                Fixtures.single(basicPusher, REPOSITORY, tag, FixtureMediaTypes.DOCKER_MANIFEST,
                        FixturePlatform.LINUX_AMD64, Map.of());
            }
            quirky.paging = Paging.OTHER_HOST_LINK;
            quirky.pageSize = 1;

            CliRun run = CliRun.run("tags", quirky.host() + "/" + REPOSITORY,
                    "--creds", LocalRegistry.USER + ":" + LocalRegistry.PASSWORD);

            assertEquals(0, run.exitCode(), run::toString);
            assertEquals(List.of("a", "b", "c"), lines(run));
            assertEquals(List.of(), quirky.elsewhereRequests, "the Link's host is never asked, so never given the "
                    + "credentials");
            assertEquals(3, quirky.requests.stream().filter(r -> r.getHeader("Authorization") != null).count(),
                    "the three pages, each from the registry, with its credentials");
        }
    }

    @Test
    void listReadsEveryTagOfAnArtifactoryListingColdAndWarm() throws Exception {
        proxy.paging = Paging.KEY_DROPPED_LINK;
        String cache = temp.resolve("cache").toString();

        CliRun cold = CliRun.run("list", proxy.host() + "/" + REPOSITORY, "--cache-dir", cache);
        CliRun warm = CliRun.run("list", proxy.host() + "/" + REPOSITORY, "--cache-dir", cache);

        for (CliRun run : List.of(cold, warm)) {
            assertEquals(0, run.exitCode(), run::toString);
            List<String> references = new ArrayList<>();
            List<String> indexes = new ArrayList<>();
            for (String line : lines(run)) {
                JsonNode record = MAPPER.readTree(line);
                references.add(record.get("reference").asText());
                indexes.add(record.get("labels").get("index").asText());
            }
            assertEquals(TAGS.stream().map(tag -> proxy.host() + "/" + REPOSITORY + ":" + tag).toList(), references);
            assertEquals(IntStream.range(0, TAGS.size()).mapToObj(Integer::toString).toList(), indexes);
        }
    }

    @Test
    void aRegistryThatRefusesMoreThanAThousandTagsAPageIsNeverAskedForMore() {
        proxy.paging = Paging.RELATIVE_LINK;
        proxy.maxN = 1000; // ECR

        CliRun run = tags(REPOSITORY);

        assertEquals(TAGS, lines(run), run::toString);
        assertEquals(4, tagPages(), "no page refused");
        for (RecordedRequest page : proxy.requests) {
            String n = page.getRequestUrl().queryParameter("n");
            assertTrue(n != null && Integer.parseInt(n) <= 1000, page.getPath());
        }
    }

    @Test
    void aRegistryThatCapsPagesBelowAThousandIsAskedAgainWithoutN() throws Exception {
        proxy.paging = Paging.RELATIVE_LINK;
        proxy.maxN = 100; // Distribution 3 with tags.maxtags: 100

        CliRun run = tags(REPOSITORY, "-o", "json");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(TAGS, List.of(MAPPER.readValue(run.stdout(), String[].class)));
        assertEquals(5, tagPages(), "the refused first page, then four pages of the registry's own size");
        assertEquals(null, proxy.requests.get(1).getRequestUrl().queryParameter("n"));
    }

    @Test
    void aFullPageWithoutLinkIsFollowedByItsLastTag() {
        List<String> many = IntStream.range(0, 1001).mapToObj(i -> String.format("t%04d", i)).toList();
        // The same image under every tag: after the first, each push is one manifest PUT.
        Fixtures.single(pusher, "paging/many", many.get(0), FixtureMediaTypes.DOCKER_MANIFEST,
                FixturePlatform.LINUX_AMD64, Map.of());
        many.parallelStream().skip(1).forEach(tag -> Fixtures.single(pusher, "paging/many", tag,
                FixtureMediaTypes.DOCKER_MANIFEST, FixturePlatform.LINUX_AMD64, Map.of()));
        proxy.paging = Paging.NO_LINK; // a Nexus group

        CliRun run = tags("paging/many");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(many, lines(run));
        assertEquals(2, tagPages(), "a full page of 1000, then the page after t0999");
        assertEquals("t0999", proxy.requests.get(1).getRequestUrl().queryParameter("last"));
    }

    @Test
    void aRegistryThatIgnoresLastEndsTheListWhenAPageRepeats() throws Exception {
        List<String> thousand = IntStream.range(0, 1000).mapToObj(i -> String.format("t%04d", i)).toList();
        try (FakeRegistry fake = new FakeRegistry(FakeRegistry.Auth.NONE)) {
            fake.tamper = (server, request, normal) -> new MockResponse().setHeader("Content-Type", "application/json")
                    .setBody(new String(TestImages.json(Map.of("name", "team/app", "tags", thousand)),
                            StandardCharsets.UTF_8));

            CliRun run = CliRun.run("tags", fake.host() + "/team/app", "--mirror", fake.plainHttpMirror());

            assertEquals(0, run.exitCode(), run::toString);
            assertEquals(thousand, lines(run), "each tag once");
            assertEquals(2, fake.registryRequests.size(), "the page after a full one repeats it: the end");
        }
    }

    @Test
    void aLinkWithoutAQueryFailsRatherThanCutTheList() throws Exception {
        try (FakeRegistry fake = new FakeRegistry(FakeRegistry.Auth.NONE)) {
            fake.tamper = (server, request, normal) -> new MockResponse().setHeader("Content-Type", "application/json")
                    .setHeader("Link", "</v2/team/app/tags/list/page-2>; rel=\"next\"")
                    .setBody("{\"name\":\"team/app\",\"tags\":[\"1\"]}");

            CliRun run = CliRun.run("tags", fake.host() + "/team/app", "--mirror", fake.plainHttpMirror());

            assertEquals(ExitCodes.ERROR, run.exitCode(), run::toString);
            assertEquals("", run.stdout());
            assertTrue(run.stderr().contains("no query to follow"), run.stderr());
        }
    }

    @Test
    void aLinkBackToAPageAlreadyReadIsAPaginationLoop() throws Exception {
        try (FakeRegistry fake = new FakeRegistry(FakeRegistry.Auth.NONE)) {
            fake.tamper = (server, request, normal) -> new MockResponse().setHeader("Content-Type", "application/json")
                    .setHeader("Link", "</v2/team/app/tags/list?n=1000>; rel=\"next\"")
                    .setBody("{\"name\":\"team/app\",\"tags\":[\"1\"]}");

            CliRun run = CliRun.run("tags", fake.host() + "/team/app", "--mirror", fake.plainHttpMirror());

            assertEquals(ExitCodes.ERROR, run.exitCode(), run::toString);
            assertTrue(run.stderr().contains("pagination loop"), run.stderr());
            assertEquals(1, fake.registryRequests.size());
        }
    }
}

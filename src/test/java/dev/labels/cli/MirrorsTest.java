package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.testing.FixtureImage;
import dev.labels.testing.Fixtures;
import dev.labels.testing.LocalRegistry;
import dev.labels.testing.TestImageServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several mirrors tried in order before the registry itself, each with its own credentials. The registry speaks
 * HTTPS (with a test CA given by --ca-cert), as real ones do; mirrors are plain HTTP, as many pull-through
 * caches are.
 */
class MirrorsTest {
    private static final HeldCertificate CA = new HeldCertificate.Builder().certificateAuthority(0).build();
    private static final HeldCertificate SERVER = new HeldCertificate.Builder()
            .addSubjectAlternativeName("localhost").signedBy(CA).build();

    @TempDir
    Path dir;
    private final List<TestImageServer> servers = new ArrayList<>();

    private TestImageServer registry() {
        TestImageServer server = TestImageServer.startHttps(
                new HandshakeCertificates.Builder().heldCertificate(SERVER, CA.certificate()).build(), false);
        servers.add(server);
        return server;
    }

    /** Runs inspect with the registry's CA trusted. */
    private CliRun inspect(Map<String, String> env, String... args) throws Exception {
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, CA.certificatePem());
        List<String> all = new ArrayList<>(List.of("inspect", "--ca-cert", ca.toString()));
        all.addAll(List.of(args));
        return CliRun.run(env, "", all.toArray(String[]::new));
    }

    @AfterEach
    void stop() {
        servers.forEach(TestImageServer::close);
    }

    private TestImageServer server() {
        TestImageServer server = TestImageServer.start();
        servers.add(server);
        return server;
    }

    private Path config(TestImageServer registry, TestImageServer... mirrors) throws Exception {
        List<String> urls = new ArrayList<>();
        for (TestImageServer mirror : mirrors) {
            urls.add("\"" + mirror.url() + "\"");
        }
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"registries\":{\"" + registry.host() + "\":{\"mirrors\":[" + String.join(",", urls) + "]}}}");
        return file;
    }

    @Test
    void aMirrorFailingWith503GivesWayToTheNextOne() throws Exception {
        TestImageServer registry = registry();
        TestImageServer failing = server().failing(503);
        TestImageServer serving = server();
        Map<String, String> labels = serving.push("team/app", "1");

        CliRun run = inspect(Map.of(), registry.host() + "/team/app:1",
                "--config", config(registry, failing, serving).toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(labels, run.labels(), "served by the second mirror");
        assertFalse(failing.requests().isEmpty());
        assertEquals(List.of(), registry.requests(), "the registry itself was not needed");
    }

    @Test
    void commandLineMirrorsAreTriedInOrderToo() throws Exception {
        TestImageServer registry = registry();
        TestImageServer failing = server().failing(500);
        TestImageServer serving = server();
        Map<String, String> labels = serving.push("team/app", "1");

        CliRun run = inspect(Map.of(), registry.host() + "/team/app:1",
                "--mirror", registry.host() + "=" + failing.url(), "--mirror", registry.host() + "=" + serving.url());

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(labels, run.labels());
    }

    @Test
    void anUnreachableMirrorGivesWayToTheRegistry() throws Exception {
        TestImageServer registry = registry();
        Map<String, String> labels = registry.push("team/app", "1");

        CliRun run = inspect(Map.of(), registry.host() + "/team/app:1",
                "--mirror", registry.host() + "=http://127.0.0.1:1");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(labels, run.labels());
    }

    @Test
    void aMirrorThatLacksTheImageFallsThroughToTheRegistry() throws Exception {
        TestImageServer registry = registry();
        TestImageServer empty = server();
        empty.push("team/other", "1");
        Map<String, String> labels = registry.push("team/app", "1");

        CliRun run = inspect(Map.of(), registry.host() + "/team/app:1", "--config", config(registry, empty).toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(labels, run.labels(), "served by the registry");
        assertTrue(TestImageServer.target(empty.requests().get(0)).startsWith("/v2/team/app/manifests/"));
    }

    @Test
    void whenEverythingFailsTheRegistrysErrorIsReportedWithWhatTheMirrorsSaid() throws Exception {
        TestImageServer registry = registry();
        TestImageServer failing = server().failing(503);

        CliRun run = inspect(Map.of(), registry.host() + "/team/app:1", "--config", config(registry, failing).toString());

        assertEquals(ExitCodes.NOT_FOUND, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("MANIFEST_UNKNOWN"), run.stderr());
        assertTrue(run.stderr().contains("after mirrors: " + failing.url() + "/: UNAVAILABLE"), run.stderr());
    }

    @Test
    void aMirrorGetsTheCredentialsOfItsOwnHostNeverTheRegistrys() throws Exception {
        TestImageServer registry = registry();
        TestImageServer mirror = server().auth(TestImageServer.Auth.BASIC).credentials("mirror-user", "mirror-pass");
        Map<String, String> labels = mirror.push("team/app", "1");
        Path dockerConfig = Files.createDirectories(dir.resolve("docker"));
        Files.writeString(dockerConfig.resolve("config.json"), "{\"auths\":{"
                + "\"" + registry.host() + "\":{\"auth\":\"" + base64("registry-user:registry-pass") + "\"},"
                + "\"" + mirror.host() + "\":{\"auth\":\"" + base64("mirror-user:mirror-pass") + "\"}}}");

        CliRun run = inspect(Map.of("DOCKER_CONFIG", dockerConfig.toString()),
                registry.host() + "/team/app:1", "--mirror", registry.host() + "=" + mirror.url());

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(labels, run.labels());
        for (RecordedRequest request : mirror.requests()) {
            String authorization = request.getHeader("Authorization");
            assertTrue(authorization == null || authorization.equals(TestImageServer.basic("mirror-user", "mirror-pass")),
                    "the mirror only ever sees its own credentials: " + authorization);
        }
        assertEquals(TestImageServer.basic("mirror-user", "mirror-pass"), mirror.requests().get(1).getHeader("Authorization"));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aMirrorGetsNeitherTheCredsNorATokenFetchedWithThemAndTheRegistryStillDoes() throws Exception {
        List<RecordedRequest> seen = new CopyOnWriteArrayList<>();
        try (LocalRegistry registry = LocalRegistry.start(LocalRegistry.Mode.TOKEN);
             MockWebServer mirror = new MockWebServer()) {
            FixtureImage image = Fixtures.push(registry, Fixtures.PRIVATE).dockerV2();
            // A pull-through cache that hands anyone a token of its own, and lacks the image.
            mirror.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    seen.add(request);
                    if (request.getPath().startsWith("/token")) {
                        return new MockResponse().setBody("{\"token\":\"mirror-token\",\"expires_in\":300}");
                    }
                    if (!"Bearer mirror-token".equals(request.getHeader("Authorization"))) {
                        return new MockResponse().setResponseCode(401).setHeader("WWW-Authenticate",
                                "Bearer realm=\"" + mirror.url("/token") + "\",service=\"mirror\"");
                    }
                    return new MockResponse().setResponseCode(404).setHeader("Content-Type", "application/json")
                            .setBody("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"not here\"}]}");
                }
            });
            mirror.start();

            CliRun run = CliRun.run("inspect", registry.host() + "/" + image.reference(),
                    "--mirror", registry.host() + "=http://localhost:" + mirror.getPort(),
                    "--creds", LocalRegistry.USER + ":" + LocalRegistry.PASSWORD);

            assertEquals(0, run.exitCode(), run::toString);
            assertEquals(image.labels(), run.labels(), "served by the registry, with the credentials");
            assertTrue(seen.stream().anyMatch(r -> r.getPath().startsWith("/token")), "the mirror was asked: " + seen);
            for (RecordedRequest request : seen) {
                String authorization = request.getHeader("Authorization");
                assertTrue(authorization == null || authorization.equals("Bearer mirror-token"),
                        request.getPath() + " reached the mirror with " + authorization);
            }
        }
    }

    @Test
    void aMirrorGetsTheCredentialsOfItsOwnHostAlsoWhenCredsAreGivenForTheRegistry() throws Exception {
        TestImageServer registry = registry();
        TestImageServer mirror = server().auth(TestImageServer.Auth.BASIC).credentials("mirror-user", "mirror-pass");
        Map<String, String> labels = mirror.push("team/app", "1");
        Path dockerConfig = Files.createDirectories(dir.resolve("docker"));
        Files.writeString(dockerConfig.resolve("config.json"), "{\"auths\":{"
                + "\"" + mirror.host() + "\":{\"auth\":\"" + base64("mirror-user:mirror-pass") + "\"}}}");

        CliRun run = inspect(Map.of("DOCKER_CONFIG", dockerConfig.toString()), registry.host() + "/team/app:1",
                "--mirror", registry.host() + "=" + mirror.url(), "--creds", "registry-user:registry-pass");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(labels, run.labels());
        for (RecordedRequest request : mirror.requests()) {
            String authorization = request.getHeader("Authorization");
            assertTrue(authorization == null || authorization.equals(TestImageServer.basic("mirror-user", "mirror-pass")),
                    "the mirror only ever sees its own credentials: " + authorization);
        }
    }

    @Test
    void credentialsAreNotSentOverPlainHttpToAHostElsewhereUnlessInsecureAllowsIt() throws Exception {
        // The mirror is reached through a proxy, so that its name is not a loopback one.
        TestImageServer proxy = server().auth(TestImageServer.Auth.BASIC).credentials("mirror-user", "mirror-pass");
        Map<String, String> labels = proxy.push("team/app", "1");
        Path dockerConfig = Files.createDirectories(dir.resolve("docker"));
        Files.writeString(dockerConfig.resolve("config.json"), "{\"auths\":{"
                + "\"mirror.example.test\":{\"auth\":\"" + base64("mirror-user:mirror-pass") + "\"}}}");
        Map<String, String> env = Map.of("DOCKER_CONFIG", dockerConfig.toString(), "HTTP_PROXY", "http://" + proxy.host());
        String[] args = {"inspect", "registry.example.test/team/app:1",
                "--mirror", "registry.example.test=http://mirror.example.test"};

        CliRun refused = CliRun.run(env, "", args);
        List<RecordedRequest> before = List.copyOf(proxy.requests());
        List<String> insecure = new ArrayList<>(List.of(args));
        insecure.add("--insecure");
        CliRun allowed = CliRun.run(env, "", insecure.toArray(String[]::new));

        assertEquals(ExitCodes.UNAUTHORIZED, refused.exitCode(), refused::toString);
        assertTrue(refused.stderr().contains("over plain HTTP"), refused.stderr());
        assertFalse(before.isEmpty());
        for (RecordedRequest request : before) {
            assertEquals(null, request.getHeader("Authorization"), "credentials in clear to " + request.getRequestLine());
        }
        assertEquals(0, allowed.exitCode(), allowed::toString);
        assertEquals(labels, allowed.labels());
    }
}

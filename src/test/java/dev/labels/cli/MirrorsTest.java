package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.testing.TestImageServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
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
}

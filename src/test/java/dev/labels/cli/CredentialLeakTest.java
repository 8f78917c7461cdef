package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.testing.FakeCredentialHelper;
import dev.labels.testing.TestImageServer;
import dev.labels.testing.TestImageServer.Auth;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With -v and --debug on, in success and in failure, no password, token or base64 auth ever reaches stdout,
 * stderr or the log (slf4j-simple writes to System.err, which is captured here).
 */
class CredentialLeakTest {
    private static final String PROXY_PASSWORD = "proxy-secret-99";

    @TempDir
    Path dir;
    private TestImageServer server;
    private TestImageServer proxy;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    /** Every form a secret of this test could take on its way out. */
    private static List<String> secrets() {
        List<String> secrets = new ArrayList<>(List.of(TestImageServer.PASSWORD, TestImageServer.TOKEN,
                TestImageServer.REFRESH_TOKEN, PROXY_PASSWORD, base64(TestImageServer.USER + ":" + TestImageServer.PASSWORD),
                base64("proxy-user:" + PROXY_PASSWORD), "not-the-password"));
        secrets.add(base64(TestImageServer.USER + ":not-the-password"));
        return secrets;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Runs with -v --debug, returning stdout, stderr and everything logged, in one text. */
    private String run(Map<String, String> env, String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        CliRun run;
        try {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            List<String> all = new ArrayList<>(List.of(args));
            all.addAll(List.of("-v", "--debug"));
            run = CliRun.run(env, "", all.toArray(String[]::new));
        } finally {
            System.setErr(original);
        }
        String logged = log.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains(" -> "), "-v logged the requests: " + logged);
        return run.exitCode() + "\n" + run.stdout() + "\n" + run.stderr() + "\n" + logged;
    }

    private static void assertNoSecret(String output) {
        for (String secret : secrets()) {
            assertFalse(output.contains(secret), "leaked " + secret + " in:\n" + output);
        }
    }

    private String[] inspect(String... extra) {
        List<String> args = new ArrayList<>(List.of("inspect", server.host() + "/team/app:1",
                "--mirror", server.host() + "=" + server.url()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void basicCredentialsFromCredsNeverShowInSuccessOrFailure() {
        server = TestImageServer.start().auth(Auth.BASIC);
        server.push("team/app", "1");

        String ok = run(Map.of(), inspect("--creds", TestImageServer.USER + ":" + TestImageServer.PASSWORD));
        String refused = run(Map.of(), inspect("--creds", TestImageServer.USER + ":not-the-password"));

        assertTrue(ok.startsWith("0\n"), ok);
        assertTrue(refused.startsWith(ExitCodes.UNAUTHORIZED + "\n"), refused);
        assertTrue(refused.contains("at dev.labels"), "--debug printed the stack trace: " + refused);
        assertNoSecret(ok);
        assertNoSecret(refused);
    }

    @Test
    void tokensFromDockerConfigAndHelpersNeverShow() throws Exception {
        server = TestImageServer.start().auth(Auth.BEARER);
        server.push("team/app", "1");
        Path docker = Files.createDirectories(dir.resolve("docker"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        FakeCredentialHelper.answering(bin, "store", TestImageServer.USER, TestImageServer.PASSWORD);
        Map<String, String> env = new HashMap<>(FakeCredentialHelper.path(bin));
        env.put("DOCKER_CONFIG", docker.toString());

        for (String entry : List.of(
                "{\"auths\":{\"H\":{\"auth\":\"" + base64(TestImageServer.USER + ":" + TestImageServer.PASSWORD) + "\"}}}",
                "{\"auths\":{\"H\":{\"identitytoken\":\"" + TestImageServer.REFRESH_TOKEN + "\"}}}",
                "{\"auths\":{\"H\":{\"registrytoken\":\"" + TestImageServer.TOKEN + "\"}}}",
                "{\"credsStore\":\"store\"}")) {
            Files.writeString(docker.resolve("config.json"), entry.replace("H", server.host()));
            String output = run(env, inspect());
            assertTrue(output.startsWith("0\n"), output);
            assertNoSecret(output);
        }
        server.tokensGrantNothing();
        Files.writeString(docker.resolve("config.json"), "{\"auths\":{\"" + server.host() + "\":{\"identitytoken\":\""
                + TestImageServer.REFRESH_TOKEN + "\"}}}");
        String refused = run(env, inspect());
        assertNotEquals('0', refused.charAt(0), refused);
        assertNoSecret(refused);
    }

    @Test
    void proxyPasswordNeverShows() {
        proxy = TestImageServer.start().requireProxyCredentials("proxy-user", PROXY_PASSWORD);
        proxy.push("team/app", "1");
        Map<String, String> env = Map.of("HTTP_PROXY", "http://proxy-user:" + PROXY_PASSWORD + "@" + proxy.host());

        String output = run(env, "inspect", "registry.proxied.test/team/app:1",
                "--mirror", "registry.proxied.test=http://registry.proxied.test");

        assertTrue(output.startsWith("0\n"), output);
        assertNoSecret(output);
        assertEquals(4, proxy.requests().size(), "manifest and config: each answered a 407 once");
    }
}

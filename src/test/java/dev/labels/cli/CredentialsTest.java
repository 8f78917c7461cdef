package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.testing.FakeCredentialHelper;
import dev.labels.testing.TestImageServer;
import dev.labels.testing.TestImageServer.Auth;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where credentials come from and how they are presented, end to end through the command line. The registry
 * is a plain-HTTP MockWebServer, declared as such with a mirror of itself (as a user would for such a
 * registry), so that no HTTPS probe is involved.
 */
class CredentialsTest {
    @TempDir
    Path dir;
    private TestImageServer server;
    private final Map<String, String> env = new HashMap<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Map<String, String> start(Auth auth) {
        server = TestImageServer.start().auth(auth);
        return server.push("team/app", "1");
    }

    private CliRun inspect(String... extra) {
        List<String> args = new ArrayList<>(List.of("inspect", server.host() + "/team/app:1",
                "--mirror", server.host() + "=" + server.url()));
        args.addAll(List.of(extra));
        return CliRun.run(env, "", args.toArray(String[]::new));
    }

    private Path dockerConfig(String json) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("docker"));
        Files.writeString(folder.resolve("config.json"), json);
        env.put("DOCKER_CONFIG", folder.toString());
        return folder.resolve("config.json");
    }

    private Path authFile(String json) throws Exception {
        Path file = dir.resolve("auth.json");
        Files.writeString(file, json);
        return file;
    }

    private static String auth(String user, String password) {
        return "{\"auth\":\"" + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)) + "\"}";
    }

    private List<RecordedRequest> tokenRequests() {
        return server.requests().stream().filter(r -> TestImageServer.target(r).startsWith("/token")).toList();
    }

    @Test
    void identityTokenIsExchangedWithTheOAuth2RefreshTokenPost() throws Exception {
        Map<String, String> labels = start(Auth.BEARER);
        dockerConfig("{\"auths\":{\"" + server.host() + "\":{\"auth\":\"" + Base64.getEncoder().encodeToString(
                "acr-user:".getBytes(StandardCharsets.UTF_8)) + "\",\"identitytoken\":\"" + TestImageServer.REFRESH_TOKEN + "\"}}}");

        CliRun run = inspect();

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(labels, run.labels());
        RecordedRequest token = tokenRequests().get(0);
        assertEquals("POST", token.getMethod());
        Map<String, String> form = TestImageServer.formOf(token);
        assertEquals("refresh_token", form.get("grant_type"));
        assertEquals(TestImageServer.REFRESH_TOKEN, form.get("refresh_token"));
        assertEquals("test-registry", form.get("service"));
        assertEquals("repository:team/app:pull", form.get("scope"));
        assertEquals("labels", form.get("client_id"));
        assertNull(token.getHeader("Authorization"), "the refresh token travels in the form only");
    }

    @Test
    void registryTokenIsSentAsTheBearerTokenWithoutATokenRequest() throws Exception {
        Map<String, String> labels = start(Auth.BEARER);
        dockerConfig("{\"auths\":{\"" + server.host() + "\":{\"registrytoken\":\"" + TestImageServer.TOKEN + "\"}}}");

        CliRun run = inspect();

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(labels, run.labels());
        assertEquals(List.of(), tokenRequests());
    }

    @Test
    void passwordIsSentToTheTokenServiceWithGet() throws Exception {
        start(Auth.BEARER);
        dockerConfig("{\"auths\":{\"" + server.host() + "\":" + auth(TestImageServer.USER, TestImageServer.PASSWORD) + "}}");

        CliRun run = inspect();

        assertEquals(0, run.exitCode(), run::toString);
        RecordedRequest token = tokenRequests().get(0);
        assertEquals("GET", token.getMethod());
        assertEquals(TestImageServer.basic(TestImageServer.USER, TestImageServer.PASSWORD), token.getHeader("Authorization"));
    }

    @Test
    void credentialHelperOnPathWinsOverAuths() throws Exception {
        Map<String, String> labels = start(Auth.BASIC);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        FakeCredentialHelper.answering(bin, "test", TestImageServer.USER, TestImageServer.PASSWORD);
        env.putAll(FakeCredentialHelper.path(bin));
        dockerConfig("{\"credHelpers\":{\"" + server.host() + "\":\"test\"},"
                + "\"auths\":{\"" + server.host() + "\":" + auth("wrong", "wrong") + "}}");

        CliRun run = inspect();

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(labels, run.labels());
        assertEquals(server.host(), FakeCredentialHelper.asked(bin, "test"));
    }

    @Test
    void missingCredentialHelperExitsFourNamingIt() throws Exception {
        start(Auth.BASIC);
        env.put("PATH", dir.toString());
        dockerConfig("{\"credsStore\":\"not-installed\"}");

        CliRun run = inspect();

        assertEquals(ExitCodes.UNAUTHORIZED, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("docker-credential-not-installed"), run.stderr());
    }

    @Test
    void helperWithoutCredentialsMeansAnonymous() throws Exception {
        start(Auth.BASIC);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        FakeCredentialHelper.notFound(bin, "empty");
        env.putAll(FakeCredentialHelper.path(bin));
        dockerConfig("{\"credsStore\":\"empty\"}");

        CliRun run = inspect();

        assertEquals(ExitCodes.UNAUTHORIZED, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("none were found for " + server.host()), run.stderr());
    }

    @Test
    void authFileMostSpecificKeyWins() throws Exception {
        Map<String, String> labels = start(Auth.BASIC);
        Path file = authFile("{\"auths\":{"
                + "\"" + server.host() + "\":" + auth("host-user", "wrong") + ","
                + "\"" + server.host() + "/team/app\":" + auth(TestImageServer.USER, TestImageServer.PASSWORD) + "}}");

        CliRun run = inspect("--authfile", file.toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(labels, run.labels());
    }

    @Test
    void registryAuthFileVariableIsRead() throws Exception {
        start(Auth.BASIC);
        Path file = authFile("{\"auths\":{\"" + server.host() + "\":" + auth(TestImageServer.USER, TestImageServer.PASSWORD) + "}}");
        env.put("REGISTRY_AUTH_FILE", file.toString());

        assertEquals(0, inspect().exitCode());
    }

    @Test
    void authFileComesBeforeDockerConfig() throws Exception {
        start(Auth.BASIC);
        dockerConfig("{\"auths\":{\"" + server.host() + "\":" + auth("docker-user", "wrong") + "}}");
        Path file = authFile("{\"auths\":{\"" + server.host() + "\":" + auth(TestImageServer.USER, TestImageServer.PASSWORD) + "}}");

        assertEquals(0, inspect("--authfile", file.toString()).exitCode());
    }

    @Test
    void credsOptionComesBeforeEveryFile() throws Exception {
        start(Auth.BASIC);
        Path file = authFile("{\"auths\":{\"" + server.host() + "\":" + auth("file-user", "wrong") + "}}");

        CliRun run = inspect("--authfile", file.toString(), "--creds", TestImageServer.USER + ":" + TestImageServer.PASSWORD);

        assertEquals(0, run.exitCode(), run::toString);
    }

    @Test
    void missingAuthfileIsAUsageError() {
        start(Auth.NONE);

        CliRun run = inspect("--authfile", dir.resolve("nope.json").toString());

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("--authfile " + dir.resolve("nope.json") + ": no such file"), run.stderr());
    }

    @Test
    void refusalAfterAFreshTokenExitsFourNamingTheConfigFileWithoutARetryLoop() throws Exception {
        start(Auth.BEARER);
        server.tokensGrantNothing();
        Path config = dockerConfig("{\"auths\":{\"" + server.host() + "\":" + auth(TestImageServer.USER, TestImageServer.PASSWORD) + "}}");

        CliRun run = inspect();

        assertEquals(ExitCodes.UNAUTHORIZED, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("credentials for " + server.host() + " from " + config + " were refused"),
                run.stderr());
        assertEquals(1, tokenRequests().size(), "one token, no loop");
        assertFalse(run.stderr().contains(TestImageServer.PASSWORD));
    }

    @Test
    void refusalNamesTheCredentialHelperTheCredentialsCameFrom() throws Exception {
        start(Auth.BEARER);
        server.tokensGrantNothing();
        Path bin = Files.createDirectories(dir.resolve("bin"));
        FakeCredentialHelper.answering(bin, "pass", TestImageServer.USER, TestImageServer.PASSWORD);
        env.putAll(FakeCredentialHelper.path(bin));
        dockerConfig("{\"credsStore\":\"pass\"}");

        CliRun run = inspect();

        assertEquals(ExitCodes.UNAUTHORIZED, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("from docker-credential-pass (credsStore in "), run.stderr());
    }

    @Test
    void wrongPasswordAtTheTokenServiceExitsFourNamingTheSource() throws Exception {
        start(Auth.BEARER);
        Path file = authFile("{\"auths\":{\"" + server.host() + "\":" + auth(TestImageServer.USER, "not-it") + "}}");

        CliRun run = inspect("--authfile", file.toString());

        assertEquals(ExitCodes.UNAUTHORIZED, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("refused the credentials from " + file), run.stderr());
    }

    @Test
    void identityTokenForABasicOnlyRegistryIsAClearAuthenticationError() throws Exception {
        start(Auth.BASIC);
        dockerConfig("{\"auths\":{\"" + server.host() + "\":{\"identitytoken\":\"" + TestImageServer.REFRESH_TOKEN + "\"}}}");

        CliRun run = inspect();

        assertEquals(ExitCodes.UNAUTHORIZED, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("asks for Basic authentication"), run.stderr());
        assertFalse(run.stderr().contains(TestImageServer.REFRESH_TOKEN));
    }
}

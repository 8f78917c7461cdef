package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;

/**
 * With credentials given, -v and --debug on, and a registry that quotes back every Authorization it gets,
 * every failure path is walked; nothing printed (stdout, stderr, the -v log on System.err, --debug stack traces
 * with their causes) may hold the password, the base64 user:password, or the token.
 */
class SecretLeakTest {
    private static final String BASE64 = HostileRegistry.basic().substring("Basic ".length());
    private static final List<String> SECRETS = List.of(HostileRegistry.PASSWORD, BASE64, HostileRegistry.TOKEN);

    private record Path(String name, HostileRegistry.Auth auth, Function<RecordedRequest, MockResponse> registryFault,
                        Function<RecordedRequest, MockResponse> tokenFault) {
    }

    private static MockResponse html(RecordedRequest request) {
        return new MockResponse().setHeader("Content-Type", "text/html")
                .setBody("<html>" + request.getHeader("Authorization") + " is not welcome here</html>");
    }

    private static Function<RecordedRequest, MockResponse> blobs(Function<RecordedRequest, MockResponse> answer) {
        return request -> request.getPath().contains("/blobs/") ? answer.apply(request) : null;
    }

    private static List<Path> paths() {
        HostileRegistry.Auth bearer = HostileRegistry.Auth.BEARER;
        HostileRegistry.Auth basic = HostileRegistry.Auth.BASIC;
        Function<RecordedRequest, MockResponse> normal = request -> null;
        return List.of(
                new Path("token service 401", bearer, normal, request -> HostileRegistry.echo(401, request)),
                new Path("token service 500", bearer, normal, request -> HostileRegistry.echo(500, request)),
                new Path("token service garbage", bearer, normal, SecretLeakTest::html),
                new Path("token service stalls", bearer, normal,
                        request -> new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE)),
                new Path("registry 401 with a token", bearer, request -> HostileRegistry.echo(401, request)
                        .setHeader("WWW-Authenticate", "Bearer realm=\"http://localhost:1/token\""), normal),
                new Path("registry 403", bearer, request -> HostileRegistry.echo(403, request), normal),
                new Path("registry 500", bearer, request -> HostileRegistry.echo(500, request), normal),
                new Path("registry HTML", bearer, SecretLeakTest::html, normal),
                new Path("config digest mismatch", bearer, blobs(SecretLeakTest::html), normal),
                new Path("registry stalls", bearer,
                        request -> new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE), normal),
                new Path("registry stalls mid-body", bearer, request -> new MockResponse()
                        .setBody("{\"schemaVersion\":2, \"padding\":\"" + "x".repeat(2000) + "\"}")
                        .throttleBody(64, 500, java.util.concurrent.TimeUnit.MILLISECONDS), normal),
                new Path("Basic registry refuses", basic, request -> HostileRegistry.echo(401, request)
                        .setHeader("WWW-Authenticate", "Basic realm=\"hostile\""), normal),
                new Path("Basic registry 500", basic, request -> HostileRegistry.echo(500, request), normal),
                new Path("Basic registry HTML", basic, SecretLeakTest::html, normal));
    }

    @Test
    void noFailurePathPrintsASecret() throws Exception {
        PrintStream originalErr = System.err;
        boolean sawStackTrace = false;
        boolean sawRequestLog = false;
        List<String> leaks = new ArrayList<>();
        for (Path path : paths()) {
            ByteArrayOutputStream systemErr = new ByteArrayOutputStream();
            CliRun run;
            try (HostileRegistry registry = new HostileRegistry(path.auth())) {
                registry.registryFault = path.registryFault();
                registry.tokenFault = path.tokenFault();
                List<String> args = new ArrayList<>(List.of("inspect", HostileRegistry.REFERENCE, "-v", "--debug",
                        "--retries", "1", "--timeout", "2",
                        "--creds", HostileRegistry.USER + ":" + HostileRegistry.PASSWORD));
                args.addAll(registry.mirror());
                System.setErr(new PrintStream(systemErr, true, StandardCharsets.UTF_8));
                try {
                    run = CliRun.run(Map.of(), "", args.toArray(String[]::new));
                } finally {
                    System.setErr(originalErr);
                }
            }
            String everything = run.stdout() + run.stderr() + systemErr.toString(StandardCharsets.UTF_8);
            assertNotEquals(ExitCodes.OK, run.exitCode(), path.name() + " should fail: " + run);
            for (String secret : SECRETS) {
                if (everything.contains(secret)) {
                    leaks.add(path.name() + " printed " + secret + ":\n" + everything);
                }
            }
            sawStackTrace |= run.stderr().contains("\tat dev.labels.");
            sawRequestLog |= everything.contains("GET http://localhost:");
        }
        assertTrue(leaks.isEmpty(), String.join("\n\n", leaks));
        assertTrue(sawStackTrace, "--debug printed stack traces, so causes were checked too");
        assertTrue(sawRequestLog, "-v logged requests, so the log was checked too");
    }

    @Test
    void theRegistryReallyQuotesSecretsSoTheTestHasTeeth() throws Exception {
        try (HostileRegistry registry = new HostileRegistry(HostileRegistry.Auth.BASIC)) {
            RecordedRequest request = new RecordedRequest("GET /v2/ HTTP/1.1",
                    okhttp3.Headers.of("Authorization", HostileRegistry.basic()), List.of(), 0, new okio.Buffer(), 0,
                    new java.net.Socket());
            String body = HostileRegistry.echo(500, request).getBody().readUtf8();
            assertTrue(body.contains(BASE64), body);
            assertFalse(HostileRegistry.basic().isEmpty());
        }
    }
}

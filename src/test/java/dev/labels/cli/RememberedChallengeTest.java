package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.labels.testing.FakeRegistry;
import dev.labels.testing.TestImages;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;
import dev.labels.registry.RecordingServers;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A challenge remembered in the cache is a hint, not an authority: it passes the checks a registry's live 401
 * passes, under the options of the run that reads it, and credentials go only where a live 401 sent them.
 */
class RememberedChallengeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREDS = FakeRegistry.USER + ":" + FakeRegistry.PASSWORD;

    @TempDir
    Path cache;
    @TempDir
    Path dir;

    private final List<AutoCloseable> servers = new ArrayList<>();
    private final RecordingServers recordingServers = new RecordingServers();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable server : servers) {
            server.close();
        }
        recordingServers.close();
    }

    private MockWebServer recording(List<RecordedRequest> log, HandshakeCertificates tls,
                                    Function<RecordedRequest, MockResponse> handler) throws Exception {
        return recordingServers.start(InetAddress.getByName("127.0.0.1"), log, tls, handler);
    }

    private List<Path> challengeNotes() throws Exception {
        try (Stream<Path> files = Files.list(cache.resolve("v1/notes/challenges"))) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".tmp-")).toList();
        }
    }

    @Test
    void aChallengeNoteRewrittenToNameAnotherHostSendsNoCredentialsThere() throws Exception {
        FakeRegistry fake = new FakeRegistry(FakeRegistry.Auth.BEARER);
        servers.add(fake);
        fake.tokenNeedsCredentials = true;
        fake.pushImage("team/app", "1", Map.of("a", "b"));
        fake.pushImage("team/other", "1", Map.of("c", "d"));
        List<RecordedRequest> stolen = new CopyOnWriteArrayList<>();
        MockWebServer attacker = recording(stolen, null,
                request -> new MockResponse().setBody("{\"token\":\"attacker-token\",\"expires_in\":300}"));
        CliRun first = CliRun.run("inspect", fake.host() + "/team/app:1", "--mirror", fake.plainHttpMirror(),
                "--creds", CREDS, "--cache-dir", cache.toString());
        assertEquals(0, first.exitCode(), first::toString);
        // Someone who can write the cache folder (a restored CI cache, a shared --cache-dir) points the realm
        // at a server of theirs, on another loopback host and port.
        Path note = challengeNotes().get(0);
        ObjectNode challenge = (ObjectNode) JSON.readTree(Files.readString(note));
        ((ObjectNode) challenge.get("params")).put("realm", attacker.url("/token").toString());
        Files.writeString(note, JSON.writeValueAsString(challenge));

        // Another repository: no token of the first run fits it, so one must be fetched.
        CliRun second = CliRun.run("inspect", fake.host() + "/team/other:1", "--mirror", fake.plainHttpMirror(),
                "--creds", CREDS, "--cache-dir", cache.toString());

        for (RecordedRequest request : stolen) {
            assertEquals(null, request.getHeader("Authorization"), "credentials sent to the host a note named");
        }
        assertEquals(0, second.exitCode(), second::toString);
        assertEquals(Map.of("c", "d"), second.labels());
    }

    @Test
    void aPlainHttpRealmAllowedByAnInsecureRunIsRefusedInARunWithoutInsecure() throws Exception {
        HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).build();
        HeldCertificate certificate = new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1")
                .signedBy(ca).build();
        Path caFile = Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
        String basic = okhttp3.Credentials.basic(FakeRegistry.USER, FakeRegistry.PASSWORD);
        List<RecordedRequest> tokenRequests = new CopyOnWriteArrayList<>();
        MockWebServer tokens = recording(tokenRequests, null, request -> basic.equals(request.getHeader("Authorization"))
                ? new MockResponse().setBody("{\"token\":\"" + FakeRegistry.TOKEN + "\",\"expires_in\":300}")
                : new MockResponse().setResponseCode(401));
        MockWebServer registry = recording(new CopyOnWriteArrayList<>(),
                new HandshakeCertificates.Builder().heldCertificate(certificate, ca.certificate()).build(),
                imageBehindBearer(tokens.url("/token").toString()));
        String host = "127.0.0.1:" + registry.getPort();
        // A mirror on the registry's own host and port: this HTTPS registry is reached as given, never over plain HTTP.
        List<String> options = List.of("--mirror", host + "=https://" + host, "--creds", CREDS,
                "--ca-cert", caFile.toString(), "--cache-dir", cache.toString());
        List<String> insecure = new ArrayList<>(List.of("inspect", host + "/team/app:1", "--insecure"));
        insecure.addAll(options);
        CliRun first = CliRun.run(insecure.toArray(String[]::new));
        assertEquals(0, first.exitCode(), first::toString);
        int tokenRequestsBefore = tokenRequests.size();

        List<String> secure = new ArrayList<>(List.of("inspect", host + "/team/other:1"));
        secure.addAll(options);
        CliRun second = CliRun.run(secure.toArray(String[]::new));

        assertEquals(tokenRequestsBefore, tokenRequests.size(), "nothing went to the plain-HTTP realm without --insecure");
        assertEquals(ExitCodes.UNAUTHORIZED, second.exitCode(), second::toString);
        assertTrue(second.stderr().contains("plain-HTTP token service"), second.stderr());
    }

    /** A registry that serves one image under any repository to {@code Bearer TOKEN}, and sends others to {@code realm}. */
    private static Function<RecordedRequest, MockResponse> imageBehindBearer(String realm) {
        byte[] config = TestImages.config("linux", "amd64", Map.of("a", "b"));
        byte[] manifest = TestImages.manifest(TestImages.DOCKER_V2, TestImages.DOCKER_CONFIG, config);
        return request -> {
            if (!("Bearer " + FakeRegistry.TOKEN).equals(request.getHeader("Authorization"))) {
                return FakeRegistry.error(401, "UNAUTHORIZED", "auth")
                        .setHeader("WWW-Authenticate", "Bearer realm=\"" + realm + "\",service=\"s\"");
            }
            return request.getPath().contains("/manifests/")
                    ? new MockResponse().setHeader("Content-Type", TestImages.DOCKER_V2).setBody(new Buffer().write(manifest))
                    : new MockResponse().setBody(new Buffer().write(config));
        };
    }
}

package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.testing.FakeRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials in a mirror URL and the signatures of pre-signed blob URLs never reach stderr or the -v log:
 * every URL printed goes through one redaction.
 */
class UrlSecretsTest {
    private static final String PASSWORD = "SECRET-mirror-pass";
    /** Query values a storage service signs its redirects with: whoever has them can fetch the blob. */
    private static final String SIGNED_QUERY = "?verify=SECRET-verify&X-Amz-Signature=SECRET-sig"
            + "&X-Amz-Credential=SECRET-cred&sig=SECRET-azure&Key-Pair-Id=SECRET-kp&Policy=SECRET-policy";

    @TempDir
    Path dir;

    private static void assertNoSecret(String everything) {
        assertFalse(everything.contains("SECRET"), "a secret was printed:\n" + everything);
    }

    @Test
    void aMirrorUrlsUserAndPasswordAreNotPrintedWithOrWithoutVerbose() throws Exception {
        try (MockWebServer upstream = new MockWebServer()) {
            upstream.setDispatcher(new okhttp3.mockwebserver.QueueDispatcher() {
                @Override
                public MockResponse dispatch(okhttp3.mockwebserver.RecordedRequest request) {
                    return FakeRegistry.error(404, "NAME_UNKNOWN", "repository name not known");
                }
            });
            upstream.start();
            String registry = "localhost:" + upstream.getPort();
            // The mirror is on a closed port: it fails, and the error says which mirrors failed and how.
            String mirror = registry + "=http://ci-bot:" + PASSWORD + "@localhost:1";
            for (boolean verbose : List.of(false, true)) {
                List<String> args = new ArrayList<>(List.of("inspect", registry + "/team/app:1", "--retries", "1",
                        "--mirror", mirror));
                if (verbose) {
                    args.add("-v");
                }

                LoggedRun run = LoggedRun.run(args.toArray(String[]::new));

                assertEquals(ExitCodes.NOT_FOUND, run.exitCode(), run::toString);
                assertTrue(run.cli().stderr().contains("after mirrors: http://"), "names the mirror: " + run);
                assertNoSecret(run.toString());
                if (verbose) {
                    assertTrue(run.log().contains("mirror http://"), "the log names the mirror: " + run);
                }
            }
        }
    }

    @Test
    void aMirrorUrlWithAPasswordInAnInvalidOptionIsNotEchoed() {
        CliRun run = CliRun.run("inspect", "alpine", "--mirror", "docker.io=ftp://ci-bot:" + PASSWORD + "@mirror");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertNoSecret(run.toString());
    }

    @Test
    void theSignatureOfARedirectToStorageIsNotInTheVerboseLog() throws Exception {
        try (FakeRegistry fake = new FakeRegistry(FakeRegistry.Auth.NONE)) {
            fake.pushImage("team/app", "1", Map.of("team", "dodo"));
            fake.redirectBlobs = true;
            fake.tamper = (server, request, normal) -> {
                String location = normal.getHeaders().get("Location");
                return location == null ? normal : normal.clone().setHeader("Location", location + SIGNED_QUERY);
            };

            LoggedRun run = LoggedRun.run("inspect", fake.host() + "/team/app:1", "-v", "--no-cache",
                    "--mirror", fake.plainHttpMirror());

            assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
            assertTrue(fake.storageRequests.get(0).getPath().contains("SECRET-verify"), "the query was sent");
            assertTrue(run.log().contains("/storage/"), "the log has the storage request: " + run);
            assertTrue(run.log().contains("verify=REDACTED"), run::toString);
            assertNoSecret(run.toString());
        }
    }

    @Test
    void aRefusedRedirectToASignedPlainHttpUrlIsReportedWithoutItsSignature() throws Exception {
        HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).build();
        HeldCertificate server = new HeldCertificate.Builder().addSubjectAlternativeName("localhost").signedBy(ca).build();
        try (HostileRegistry registry = new HostileRegistry(HostileRegistry.Auth.NONE)) {
            registry.registry.useHttps(new HandshakeCertificates.Builder().heldCertificate(server, ca.certificate())
                    .build().sslSocketFactory(), false);
            registry.registryFault = request -> request.getPath().contains("/blobs/")
                    ? new MockResponse().setResponseCode(307).setHeader("Location",
                            "http://ci-bot:" + PASSWORD + "@127.0.0.1:1/blob" + SIGNED_QUERY)
                    : null;
            Path caFile = Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
            for (boolean verbose : List.of(false, true)) {
                List<String> args = new ArrayList<>(List.of("inspect", HostileRegistry.REFERENCE, "--retries", "1",
                        "--ca-cert", caFile.toString(), "--mirror",
                        "registry.example.com=https://localhost:" + registry.registry.getPort()));
                if (verbose) {
                    args.add("-v");
                }

                LoggedRun run = LoggedRun.run(args.toArray(String[]::new));

                assertNotEquals(ExitCodes.OK, run.exitCode(), run::toString);
                assertTrue(run.cli().stderr().contains("refused redirect"), run::toString);
                assertTrue(run.cli().stderr().contains("127.0.0.1:1/blob"), "names where it was sent: " + run);
                assertNoSecret(run.toString());
            }
        }
    }
}

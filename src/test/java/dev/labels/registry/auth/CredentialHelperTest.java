package dev.labels.registry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.testing.FakeCredentialHelper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The credential helper protocol against fake {@code docker-credential-*} scripts on the PATH we pass in. */
class CredentialHelperTest {
    @TempDir
    Path bin;

    private CredentialHelper helper(String name) {
        return new CredentialHelper(name, FakeCredentialHelper.path(bin));
    }

    @Test
    void helperFoundOnTheGivenPathAnswersWithUsernameAndSecret() throws Exception {
        FakeCredentialHelper.answering(bin, "fake", "alice", "s3cret");

        Credentials found = helper("fake").get("ghcr.io", "docker-credential-fake").orElseThrow();

        assertEquals(Credentials.Kind.PASSWORD, found.kind());
        assertEquals("alice", found.username());
        assertEquals("s3cret", found.secret());
        assertEquals("docker-credential-fake", found.source());
        assertEquals("ghcr.io", FakeCredentialHelper.asked(bin, "fake"), "the server URL goes on stdin");
    }

    @Test
    void outputAfterTheAnswerIsIgnoredAsDockerIgnoresIt() throws Exception {
        FakeCredentialHelper.script(bin, "chatty",
                "printf '{\"ServerURL\":\"%s\",\"Username\":\"bob\",\"Secret\":\"pw\"}\\nunlocked keychain\\n' \"$server\"");

        Credentials found = helper("chatty").get("ghcr.io", "docker-credential-chatty").orElseThrow();

        assertEquals("bob", found.username());
        assertEquals("pw", found.secret());
    }

    @Test
    void credentialsNotFoundInNativeKeychainMeansAnonymous() throws Exception {
        FakeCredentialHelper.notFound(bin, "empty");

        assertEquals(Optional.empty(), helper("empty").get("ghcr.io", "x"));
    }

    @Test
    void missingHelperBinaryIsAnErrorNamingTheHelper() {
        CredentialException error = assertThrows(CredentialException.class, () -> helper("absent").get("ghcr.io", "x"));

        assertTrue(error.getMessage().contains("docker-credential-absent"), error.getMessage());
        assertTrue(error.getMessage().contains("not installed"), error.getMessage());
    }

    @Test
    void helperIsOnlyLookedUpOnThePathOfTheGivenEnvironment() throws Exception {
        FakeCredentialHelper.answering(bin, "fake", "alice", "s3cret");
        CredentialHelper elsewhere = new CredentialHelper("fake", Map.of("PATH", "/usr/bin:/bin"));

        assertThrows(CredentialException.class, () -> elsewhere.get("ghcr.io", "x"));
    }

    @Test
    void malformedAnswerIsAnErrorThatDoesNotQuoteIt() {
        FakeCredentialHelper.script(bin, "broken", "echo 'Secret=leaked-value'");

        CredentialException error = assertThrows(CredentialException.class, () -> helper("broken").get("ghcr.io", "x"));

        assertTrue(error.getMessage().contains("docker-credential-broken get answered with something other than"),
                error.getMessage());
        assertFalse(error.getMessage().contains("leaked-value"));
    }

    @Test
    void otherHelperFailuresAreErrorsWithTheHelpersReason() {
        FakeCredentialHelper.script(bin, "locked", "echo 'gpg: decryption failed: No secret key' >&2\nexit 1");

        CredentialException error = assertThrows(CredentialException.class, () -> helper("locked").get("ghcr.io", "x"));

        assertTrue(error.getMessage().contains("exit status 1"), error.getMessage());
        assertTrue(error.getMessage().contains("gpg: decryption failed"), error.getMessage());
    }

    /**
     * Helpers report errors on stdout (docker-credential-helpers prints them there), so a failure quotes it; but
     * a helper that printed its answer and then failed (a wrapper script whose last command fails) must not get
     * the secret into the message.
     */
    @Test
    void aFailureNeverQuotesAnAnswerTheHelperPrintedBeforeIt() {
        FakeCredentialHelper.script(bin, "wrapped", "echo '{\"ServerURL\":\"ghcr.io\",\"Username\":\"alice\","
                + "\"Secret\":\"hunter2\"}'\necho 'audit log: cannot write' >&2\nexit 1");

        CredentialException error = assertThrows(CredentialException.class, () -> helper("wrapped").get("ghcr.io", "x"));

        assertFalse(error.getMessage().contains("hunter2"), error.getMessage());
        assertTrue(error.getMessage().contains("audit log: cannot write"), error.getMessage());
    }

    @Test
    void tokenUsernameMeansTheSecretIsAnIdentityToken() throws Exception {
        FakeCredentialHelper.answering(bin, "acr", "<token>", "refresh-me");

        Credentials found = helper("acr").get("example.azurecr.io", "x").orElseThrow();

        assertEquals(Credentials.Kind.IDENTITY_TOKEN, found.kind());
        assertEquals("refresh-me", found.secret());
    }

    @Test
    void outputIsBounded() {
        FakeCredentialHelper.script(bin, "flood", "head -c 200000 /dev/zero");

        CredentialException error = assertThrows(CredentialException.class, () -> helper("flood").get("ghcr.io", "x"));

        assertTrue(error.getMessage().contains("more than " + CredentialHelper.MAX_OUTPUT_BYTES), error.getMessage());
    }

    @Test
    void helperThatHangsIsStoppedAfterTheTimeout() {
        FakeCredentialHelper.script(bin, "hang", "exec sleep 20");
        CredentialHelper impatient = new CredentialHelper("hang", FakeCredentialHelper.path(bin), Duration.ofSeconds(1));

        long start = System.nanoTime();
        CredentialException error = assertThrows(CredentialException.class, () -> impatient.get("ghcr.io", "x"));

        assertTrue(error.getMessage().contains("did not answer within 1 s"), error.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
    }

    @Test
    void helperNamesCannotLeaveThePathFolder() {
        CredentialException error = assertThrows(CredentialException.class,
                () -> helper("../../bin/sh").get("ghcr.io", "x"));

        assertTrue(error.getMessage().contains("is not a credential helper name"), error.getMessage());
    }
}

package dev.labels.registry.auth;

import dev.labels.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs a Docker credential helper ({@code docker-credential-NAME get}, the protocol of
 * github.com/docker/docker-credential-helpers): the server URL on stdin, and on stdout
 * {@code {"ServerURL":"...","Username":"...","Secret":"..."}}.
 *
 * <p>Quirks of the protocol, as Docker's client handles them:
 * <ul>
 *   <li>"credentials not found in native keychain" (exit status non-zero) means the user has none for
 *       that server: anonymous access, not an error.</li>
 *   <li>A Username of {@code <token>} means the Secret is an identity token (an OAuth2 refresh token).</li>
 * </ul>
 * The helper is looked up on the PATH of the environment we were given, and runs with that environment.
 * Its output and its time are bounded: a helper that hangs (a locked keychain waiting for a GUI prompt)
 * or floods us must not hang or exhaust the tool.
 */
final class CredentialHelper {
    static final long MAX_OUTPUT_BYTES = 64 * 1024;
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String PREFIX = "docker-credential-";
    /** docker-credential-helpers' errCredentialsNotFoundMessage. */
    private static final String NOT_FOUND = "credentials not found in native keychain";
    /** The field of the answer that holds the secret. */
    private static final String SECRET_FIELD = "Secret";
    /** docker/cli's tokenUsername: the Secret is an identity token. */
    private static final String TOKEN_USERNAME = "<token>";
    /** Helper names end up in a file name: nothing that could leave the PATH folder. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    /** What a helper's error text may add to our message: enough to say why, not a page. */
    private static final int MAX_ERROR_CHARS = 200;

    private final String name;
    private final Map<String, String> env;
    private final Duration timeout;

    CredentialHelper(String name, Map<String, String> env) {
        this(name, env, TIMEOUT);
    }

    CredentialHelper(String name, Map<String, String> env, Duration timeout) {
        this.name = name;
        this.env = env;
        this.timeout = timeout;
    }

    /** {@code docker-credential-NAME}, how messages and credential sources name the helper. */
    String command() {
        return PREFIX + name;
    }

    /**
     * @param serverUrl what {@code docker login} stored the credentials under: the registry host, or
     *                  {@code https://index.docker.io/v1/} for Docker Hub
     * @param source    how the credentials will say where they came from
     */
    Optional<Credentials> get(String serverUrl, String source) throws CredentialException {
        Path executable = find();
        ProcessBuilder builder = new ProcessBuilder(executable.toString(), "get");
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new CredentialException("cannot run " + command() + ": " + e.getMessage(), e);
        }
        Drain stdout = new Drain(process.getInputStream());
        Drain stderr = new Drain(process.getErrorStream());
        try (OutputStream stdin = process.getOutputStream()) {
            // No newline, as docker sends it: helpers trim what they read, and some read to the end of input.
            stdin.write(serverUrl.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The helper exited without reading stdin; its exit status and output tell why.
        }
        int status = await(process);
        stdout.finish();
        stderr.finish();
        if (stdout.overflowed || stderr.overflowed) {
            throw new CredentialException(command() + " wrote more than " + MAX_OUTPUT_BYTES + " bytes");
        }
        String out = stdout.text().strip();
        if (status != 0) {
            String text = (out + " " + stderr.text()).strip();
            if (text.toLowerCase(Locale.ROOT).contains(NOT_FOUND)) {
                return Optional.empty();
            }
            // Helpers write their errors to stdout, and their answers: one that printed an answer and then
            // failed must not have its secret quoted, so then only stderr is.
            String reason = (out.contains(SECRET_FIELD) ? stderr.text() : text).strip();
            throw new CredentialException(command() + " get failed (exit status " + status + ")"
                    + (reason.isEmpty() ? "" : ": " + shorten(reason)));
        }
        return parse(out, source);
    }

    private Path find() throws CredentialException {
        if (!NAME.matcher(name).matches()) {
            throw new CredentialException("\"" + shorten(name) + "\" is not a credential helper name");
        }
        String path = env.getOrDefault("PATH", "");
        for (String folder : path.split(Pattern.quote(File.pathSeparator))) {
            if (folder.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(folder, command());
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new CredentialException("credential helper " + command() + " is not installed (not found on PATH); "
                + "install it, or remove it from your Docker config.json");
    }

    private int await(Process process) throws CredentialException {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new CredentialException(command() + " did not answer within " + timeout.toSeconds() + " s");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CredentialException("interrupted while waiting for " + command(), e);
        }
    }

    private Optional<Credentials> parse(String out, String source) throws CredentialException {
        JsonNode answer;
        try {
            answer = Json.parseLeading(out);
        } catch (IOException e) {
            answer = null;
        }
        // Never quote the answer: it is where the secret is.
        if (answer == null || !answer.isObject() || !answer.path(SECRET_FIELD).isTextual()) {
            throw new CredentialException(command() + " get answered with something other than "
                    + "{\"ServerURL\",\"Username\",\"Secret\"}");
        }
        String username = answer.path("Username").asText("");
        String secret = answer.path(SECRET_FIELD).asText();
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        if (TOKEN_USERNAME.equals(username)) {
            return Optional.of(Credentials.identityToken("", secret, source));
        }
        return Optional.of(new Credentials(username, secret, source));
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("\\p{Cntrl}", " ").strip();
        return oneLine.length() <= MAX_ERROR_CHARS ? oneLine : oneLine.substring(0, MAX_ERROR_CHARS) + "...";
    }

    /** Reads a stream on its own thread, keeping at most MAX_OUTPUT_BYTES, so a full pipe never blocks the helper. */
    private static final class Drain extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private volatile boolean overflowed;

        Drain(InputStream in) {
            super("credential-helper-output");
            this.in = in;
            setDaemon(true);
            start();
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    int room = (int) Math.max(0, MAX_OUTPUT_BYTES - kept.size());
                    kept.write(buffer, 0, Math.min(n, room));
                    overflowed |= n > room;
                }
            } catch (IOException e) {
                // The process was killed or closed its output: what was read is all there is.
            }
        }

        void finish() {
            try {
                // The process has exited (or been killed), so its pipes close promptly.
                join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        String text() {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }
}

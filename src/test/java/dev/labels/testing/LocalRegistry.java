package dev.labels.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * A real Distribution registry (Debian's {@code docker-registry}, 2.8) on a free 127.0.0.1 port, with its
 * storage, config and log in a temp folder that {@link #close()} removes.
 *
 * <p>Integration tests use it instead of a fake so that media types, Accept negotiation, auth challenges and
 * error bodies are the real ones. A missing binary fails the test with the install command; it never skips,
 * because a CI run that silently skips its integration tests looks green and proves nothing.
 */
public final class LocalRegistry implements AutoCloseable {

    /** How clients get in. */
    public enum Mode {
        /** No auth at all. */
        ANONYMOUS,
        /** HTTP Basic against an htpasswd file holding {@link #USER}/{@link #PASSWORD}. */
        HTPASSWD,
        /** Bearer tokens from a {@link TestTokenServer}, like Docker Hub, GHCR or Quay. */
        TOKEN
    }

    public static final String USER = "labels-user";
    public static final String PASSWORD = "labels-test-pass";
    public static final String HTPASSWD_REALM = "labels-test";
    public static final String TOKEN_SERVICE = "labels-test-registry";
    public static final String TOKEN_ISSUER = "labels-test-issuer";

    static final Path BINARY = Path.of("/usr/bin/docker-registry");
    /** bcrypt of {@link #PASSWORD}, precomputed: the JDK has no bcrypt and the registry accepts only bcrypt. */
    private static final String HTPASSWD_LINE = USER + ":$2b$12$2fGO0v4HslBV7DB0cAT5z.UYLbkCnPo4nHuSGuVlyTGRPCRysyyfq";
    /** A cold start takes well under a second; 15 s leaves room for a loaded CI machine. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);
    /** A lost race for the port shows up as a bind error; a few fresh ports make that vanishingly rare. */
    private static final int PORT_ATTEMPTS = 3;
    private static final int LOG_TAIL_LINES = 40;

    private final Mode mode;
    private final Path folder;
    private final int port;
    private final Process process;
    private final TestTokenServer tokenServer;
    /** The client that reaches this registry: the harness's own, trusting the registry's certificate if it has one. */
    private final OkHttpClient client;
    private final boolean tls;
    private final Thread shutdownHook;
    private boolean stopped;

    private LocalRegistry(Mode mode, Path folder, int port, Process process, TestTokenServer tokenServer,
                          OkHttpClient client, boolean tls) {
        this.mode = mode;
        this.client = client;
        this.tls = tls;
        this.folder = folder;
        this.port = port;
        this.process = process;
        this.tokenServer = tokenServer;
        // Safety net for a JVM that exits without running @AfterAll (System.exit, Ctrl-C, SIGTERM from a
        // timeout): an orphaned registry would keep its port and temp folder. SIGKILL cannot be caught.
        this.shutdownHook = new Thread(this::stop, "local-registry-cleanup-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a registry in {@code mode}, speaking plain HTTP, and returns once {@code GET /v2/} answers. */
    public static LocalRegistry start(Mode mode) {
        return start(mode, null);
    }

    /**
     * Starts a registry in {@code mode} that speaks TLS only, with {@code certificate} (which must name
     * 127.0.0.1), and returns once {@code GET /v2/} answers over HTTPS.
     *
     * @param issuer the CA that signed {@code certificate}, which the harness's client trusts
     */
    public static LocalRegistry startOverTls(Mode mode, HeldCertificate certificate, HeldCertificate issuer) {
        return start(mode, new ServerTls(certificate, issuer));
    }

    private record ServerTls(HeldCertificate certificate, HeldCertificate issuer) {
        OkHttpClient client() {
            HandshakeCertificates trust = new HandshakeCertificates.Builder()
                    .addTrustedCertificate(issuer.certificate()).build();
            return TestHttp.CLIENT.newBuilder()
                    .sslSocketFactory(trust.sslSocketFactory(), trust.trustManager()).build();
        }
    }

    private static LocalRegistry start(Mode mode, ServerTls serverTls) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: the integration tests need a real registry. "
                    + "Install it with: apt-get install -y docker-registry");
        }
        Path folder = TempFolders.create("labels-registry-");
        TestTokenServer tokenServer = null;
        try {
            Path tokenCertificate = null;
            if (mode == Mode.TOKEN) {
                TokenSigningKey key = TokenSigningKey.generate(folder);
                tokenCertificate = key.certificateFile();
                tokenServer = TestTokenServer.start(key, TOKEN_SERVICE, TOKEN_ISSUER);
            }
            if (mode == Mode.HTPASSWD) {
                Files.writeString(folder.resolve("htpasswd"), HTPASSWD_LINE + "\n");
            }
            OkHttpClient client = serverTls == null ? TestHttp.CLIENT : serverTls.client();
            if (serverTls != null) {
                Files.writeString(folder.resolve("server.crt"), serverTls.certificate().certificatePem());
                Files.writeString(folder.resolve("server.key"), serverTls.certificate().privateKeyPkcs8Pem());
            }
            String failures = "";
            for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
                int port = LoopbackPorts.free();
                Path config = folder.resolve("config.yml");
                Files.writeString(config, config(mode, folder, port, tokenServer, tokenCertificate, serverTls != null));
                Path log = folder.resolve("registry.log");
                Process process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
                        .directory(folder.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
                String problem = awaitReady(process, client, (serverTls != null ? "https" : "http") + "://127.0.0.1:" + port);
                if (problem == null) {
                    return new LocalRegistry(mode, folder, port, process, tokenServer, client, serverTls != null);
                }
                kill(process);
                String tail = logTail(log);
                failures += "\nattempt " + attempt + " on port " + port + ": " + problem;
                if (!tail.contains("address already in use")) {
                    throw new IllegalStateException("docker-registry did not come up in " + mode + " mode" + failures
                            + "\n--- last lines of the registry log ---\n" + tail);
                }
                Files.delete(log);
            }
            throw new IllegalStateException("docker-registry could not bind a free loopback port" + failures);
        } catch (IOException e) {
            throw cleanUpAfterFailure(folder, tokenServer, new UncheckedIOException("could not start docker-registry", e));
        } catch (RuntimeException e) {
            throw cleanUpAfterFailure(folder, tokenServer, e);
        }
    }

    /** {@code 127.0.0.1:PORT}, the registry part of an image reference. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    /** {@code http://127.0.0.1:PORT} ({@code https://} for a registry started over TLS), with no trailing slash. */
    public String url() {
        return (tls ? "https://" : "http://") + host();
    }

    /** The client to reach this registry with, for pushing fixtures and checking what it serves. */
    OkHttpClient client() {
        return client;
    }

    public Mode mode() {
        return mode;
    }

    /** The token server the registry sends clients to; only in {@link Mode#TOKEN}. */
    public TestTokenServer tokenServer() {
        if (tokenServer == null) {
            throw new IllegalStateException("a registry in " + mode + " mode has no token server");
        }
        return tokenServer;
    }

    /** The registry's own log so far (last lines), for a failing test to print. */
    public String logTail() {
        return logTail(folder.resolve("registry.log"));
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running or has run, and stop() is idempotent.
        }
    }

    /** Idempotent: both {@link #close()} and the shutdown hook may call it. */
    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        kill(process);
        if (tokenServer != null) {
            tokenServer.close();
        }
        TempFolders.deleteQuietly(folder);
    }

    /**
     * The registry config (https://distribution.github.io/distribution/about/configuration/). Values are
     * single-quoted YAML scalars; none of them can contain a quote (temp paths, loopback URLs, fixed names).
     */
    private static String config(Mode mode, Path folder, int port, TestTokenServer tokenServer, Path tokenCertificate,
                                 boolean tls) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("version: 0.1\n");
        // Distribution has no log-file setting: stdout/stderr are redirected to registry.log instead.
        // Access logs are off because they are info-level noise that would push real errors out of the tail.
        yaml.append("log:\n  level: warn\n  formatter: text\n  accesslog:\n    disabled: true\n");
        yaml.append("storage:\n");
        yaml.append("  filesystem:\n    rootdirectory: '").append(folder.resolve("data")).append("'\n");
        yaml.append("  delete:\n    enabled: true\n");
        // Upload purging is a background job that scans storage; nothing under test needs it.
        yaml.append("  maintenance:\n    uploadpurging:\n      enabled: false\n");
        yaml.append("http:\n  addr: '127.0.0.1:").append(port).append("'\n");
        // Without a fixed secret the registry generates one and logs a warning on every start.
        yaml.append("  secret: '").append(UUID.randomUUID()).append("'\n");
        if (tls) {
            yaml.append("  tls:\n    certificate: '").append(folder.resolve("server.crt"))
                    .append("'\n    key: '").append(folder.resolve("server.key")).append("'\n");
        }
        switch (mode) {
            case ANONYMOUS -> { }
            case HTPASSWD -> yaml.append("auth:\n  htpasswd:\n    realm: '").append(HTPASSWD_REALM)
                    .append("'\n    path: '").append(folder.resolve("htpasswd")).append("'\n");
            case TOKEN -> yaml.append("auth:\n  token:\n")
                    .append("    realm: '").append(tokenServer.realm()).append("'\n")
                    .append("    service: '").append(TOKEN_SERVICE).append("'\n")
                    .append("    issuer: '").append(TOKEN_ISSUER).append("'\n")
                    .append("    rootcertbundle: '").append(tokenCertificate).append("'\n");
        }
        return yaml.toString();
    }

    /** Polls {@code GET /v2/} until it answers 200 (open) or 401 (auth on); returns why it did not, or null. */
    private static String awaitReady(Process process, OkHttpClient client, String url) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        Request probe = new Request.Builder().url(url + "/v2/").build();
        String lastError = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return "the process exited with code " + process.exitValue();
            }
            try (Response response = client.newCall(probe).execute()) {
                if (response.code() == 200 || response.code() == 401) {
                    return null;
                }
                lastError = "GET /v2/ answered " + response.code();
            } catch (IOException e) {
                lastError = e.toString(); // not listening yet
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted while waiting";
            }
        }
        return "GET /v2/ did not answer 200 or 401 within " + STARTUP_TIMEOUT.toSeconds() + " s (last: " + lastError + ")";
    }

    /** SIGTERM first so the registry can close its files, then SIGKILL if it lingers. */
    private static void kill(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String logTail(Path log) {
        try {
            if (!Files.exists(log)) {
                return "<no log written>";
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "<log unreadable: " + e.getMessage() + ">";
        }
    }

    private static RuntimeException cleanUpAfterFailure(Path folder, TestTokenServer tokenServer, RuntimeException failure) {
        if (tokenServer != null) {
            tokenServer.close();
        }
        TempFolders.deleteQuietly(folder);
        return failure;
    }
}

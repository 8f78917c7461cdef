package dev.labels.cli;

import dev.labels.registry.transport.Mirror;
import dev.labels.registry.transport.RegistryConfig;
import dev.labels.registry.auth.CredentialSource;
import dev.labels.registry.auth.CredentialSources;
import dev.labels.registry.auth.Credentials;
import dev.labels.registry.auth.StaticCredentials;
import dev.labels.registry.config.ConfigFile;
import dev.labels.registry.config.ConfigFileException;
import dev.labels.registry.config.RegistrySettings;
import dev.labels.registry.proxy.ProxySettings;
import dev.labels.registry.tls.TlsFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How to reach and authenticate to registries: options shared by every command that reads images. They are
 * turned into a {@link RegistryConfig} together with the config file and the environment (proxies, auth
 * files), so that a user who can {@code docker pull} or {@code skopeo inspect} an image needs no extra setup.
 */
final class RegistryOptions {
    /** A password on stdin is one line; more than this is not a password. */
    private static final int MAX_PASSWORD_BYTES = 64 * 1024;

    String creds;
    String username;
    boolean passwordStdin;
    boolean insecure;
    List<Mirror> mirrors = new ArrayList<>();
    Path authFile;
    List<Path> caCertificates = new ArrayList<>();
    Path certDir;
    Path configFile;

    void declare(CommandModel model) {
        model.option("--creds").label("USER:PASS")
                .description("Credentials for the registry of the reference, as with skopeo (e.g. --creds "
                        + "\"$USER:$PASS\" in Jenkins); never offered to its mirrors. Without them, credentials come from "
                        + "the auth file (--authfile, $REGISTRY_AUTH_FILE, podman's containers/auth.json), then Docker's "
                        + "config.json and its credential helpers.")
                .value(String.class, () -> creds, value -> creds = value);
        model.option("--username").label("USER")
                .description("Username; the password is read from stdin (--password-stdin).")
                .value(String.class, () -> username, value -> username = value);
        model.option("--password-stdin").description("Read the password for --username from stdin.")
                .flag(() -> passwordStdin, value -> passwordStdin = value);
        model.option("--insecure")
                .description("Allow plain HTTP and unverified TLS for every registry. Registries on localhost, "
                        + "127.0.0.0/8 and ::1 may use plain HTTP without it, as with Docker.")
                .flag(() -> insecure, value -> insecure = value);
        model.option("--mirror").label("REGISTRY=URL")
                .description("Try another endpoint for a registry first (repeatable, tried in order, then the config "
                        + "file's mirrors, then the registry itself), e.g. --mirror docker.io=https://mirror.example.com. "
                        + "Repository paths are unchanged.")
                .list(Mirror.class, new MirrorConverter(), () -> mirrors, value -> mirrors = value);
        model.option("--authfile").label("FILE")
                .description("Containers auth file to read credentials from, as with podman and skopeo (default: "
                        + "$REGISTRY_AUTH_FILE, else $XDG_RUNTIME_DIR/containers/auth.json, then "
                        + "~/.config/containers/auth.json).")
                .value(Path.class, () -> authFile, value -> authFile = value);
        model.option("--ca-cert").label("FILE")
                .description("PEM file of CA certificates to trust for every registry, in addition to the JVM's "
                        + "(repeatable). Per registry: /etc/docker/certs.d/HOST[:PORT]/*.crt, as with Docker.")
                .list(Path.class, () -> caCertificates, value -> caCertificates = value);
        model.option("--cert-dir").label("DIR")
                .description("Use DIR for every registry instead of /etc/docker/certs.d/HOST[:PORT]/, as with skopeo: "
                        + "*.crt are CA certificates, NAME.cert with NAME.key a client certificate.")
                .value(Path.class, () -> certDir, value -> certDir = value);
        model.option("--config").label("FILE")
                .description("Config file with per-registry mirrors, CA and insecure settings "
                        + "(default: $XDG_CONFIG_HOME/labels/config.json, i.e. ~/.config/labels/config.json).")
                .value(Path.class, () -> configFile, value -> configFile = value);
    }

    RegistryConfig toConfig(boolean verbose, InputStream stdin, Map<String, String> env, String userHome)
            throws UsageException {
        checkFiles();
        Map<String, RegistrySettings> registries;
        try {
            registries = ConfigFile.load(configFile, env, userHome);
        } catch (ConfigFileException e) {
            throw new UsageException(e.getMessage());
        }
        ProxySettings proxies;
        try {
            proxies = ProxySettings.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Credentials given = commandLineCredentials(stdin);
        CredentialSource found = CredentialSources.fromEnvironment(env, userHome, authFile);
        CredentialSource credentials = given != null ? new StaticCredentials(given, found) : found;
        TlsFiles tls = new TlsFiles(caCertificates, certDir, TlsFiles.DOCKER_CERTS_D);
        return new RegistryConfig(insecure, mirrors, credentials, verbose, registries, tls, proxies);
    }

    /** Files named on the command line must exist: a typo should not silently mean "no credentials". */
    private void checkFiles() throws UsageException {
        if (authFile != null && !Files.isRegularFile(authFile)) {
            throw new UsageException("--authfile " + authFile + ": no such file");
        }
        for (Path file : caCertificates) {
            if (!Files.isRegularFile(file)) {
                throw new UsageException("--ca-cert " + file + ": no such file");
            }
        }
        if (certDir != null && !Files.isDirectory(certDir)) {
            throw new UsageException("--cert-dir " + certDir + ": no such folder");
        }
    }

    private Credentials commandLineCredentials(InputStream stdin) throws UsageException {
        if (creds != null && (username != null || passwordStdin)) {
            throw new UsageException("--creds cannot be combined with --username or --password-stdin");
        }
        if (creds != null) {
            int colon = creds.indexOf(':');
            if (colon <= 0) {
                // Never echo the value: it may hold the password.
                throw new UsageException("--creds must be USER:PASS with a non-empty USER");
            }
            return new Credentials(creds.substring(0, colon), creds.substring(colon + 1), "--creds");
        }
        if (username != null && !passwordStdin) {
            throw new UsageException("--username needs --password-stdin (a password on the command line would "
                    + "show in the process list; use --creds USER:PASS if that is acceptable)");
        }
        if (passwordStdin && username == null) {
            throw new UsageException("--password-stdin needs --username");
        }
        if (username == null) {
            return null;
        }
        return new Credentials(username, readPassword(stdin), "--password-stdin");
    }

    private static String readPassword(InputStream stdin) throws UsageException {
        byte[] bytes;
        try {
            bytes = stdin.readNBytes(MAX_PASSWORD_BYTES + 1);
        } catch (IOException e) {
            throw new UsageException("cannot read the password from stdin: " + e.getMessage());
        }
        if (bytes.length > MAX_PASSWORD_BYTES) {
            throw new UsageException("the password on stdin is longer than " + MAX_PASSWORD_BYTES + " bytes");
        }
        String password = new String(bytes, StandardCharsets.UTF_8);
        // `echo "$PASS" | labels ...` adds a newline that is not part of the password, as docker login assumes.
        password = password.endsWith("\r\n") ? password.substring(0, password.length() - 2)
                : password.endsWith("\n") ? password.substring(0, password.length() - 1) : password;
        if (password.isEmpty()) {
            throw new UsageException("--password-stdin: stdin was empty");
        }
        return password;
    }
}

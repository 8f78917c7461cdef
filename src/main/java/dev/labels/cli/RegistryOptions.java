package dev.labels.cli;

import dev.labels.registry.Mirror;
import dev.labels.registry.RegistryConfig;
import dev.labels.registry.auth.CredentialSource;
import dev.labels.registry.auth.Credentials;
import dev.labels.registry.auth.DockerConfigCredentials;
import dev.labels.registry.auth.StaticCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** How to reach and authenticate to registries: options shared by every command that reads images. */
final class RegistryOptions {
    /** A password on stdin is one line; more than this is not a password. */
    private static final int MAX_PASSWORD_BYTES = 64 * 1024;

    @Option(names = "--creds", paramLabel = "USER:PASS",
            description = "Credentials for the registry, as with skopeo (e.g. --creds \"$USER:$PASS\" in Jenkins). "
                    + "Without them, credentials come from Docker's config.json.")
    String creds;

    @Option(names = "--username", paramLabel = "USER", description = "Username; the password is read from stdin "
            + "(--password-stdin).")
    String username;

    @Option(names = "--password-stdin", description = "Read the password for --username from stdin.")
    boolean passwordStdin;

    @Option(names = "--insecure", description = "Allow plain HTTP and unverified TLS for every registry. Registries "
            + "on localhost and 127.0.0.0/8 fall back to HTTP without it, as with Docker.")
    boolean insecure;

    @Option(names = "--mirror", paramLabel = "REGISTRY=URL", converter = MirrorConverter.class,
            description = "Send a registry's requests to another endpoint (repeatable), e.g. "
                    + "--mirror docker.io=https://mirror.example.com. Repository paths are unchanged.")
    List<Mirror> mirrors = new ArrayList<>();

    RegistryConfig toConfig(boolean verbose, InputStream stdin, Map<String, String> env, String userHome)
            throws UsageException {
        CredentialSource fromDocker = DockerConfigCredentials.fromEnvironment(env, userHome);
        Credentials given = commandLineCredentials(stdin);
        CredentialSource credentials = given == null ? fromDocker : new StaticCredentials(given);
        return new RegistryConfig(insecure, mirrors, credentials, verbose);
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

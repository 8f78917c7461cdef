package dev.labels.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Writes {@code docker-credential-NAME} shell scripts that speak the credential helper protocol, for tests
 * that put their folder first on the PATH of the environment they pass to the tool. Each script records the
 * server URL it was asked for in {@code NAME.asked} beside it.
 */
public final class FakeCredentialHelper {

    private FakeCredentialHelper() {
    }

    /** A helper that knows credentials for every server. */
    public static Path answering(Path folder, String name, String username, String secret) {
        return script(folder, name, "printf '{\"ServerURL\":\"%s\",\"Username\":\"" + username + "\",\"Secret\":\""
                + secret + "\"}\\n' \"$server\"");
    }

    /** A helper that has nothing for any server, in the words of docker-credential-helpers. */
    public static Path notFound(Path folder, String name) {
        return script(folder, name, "echo 'credentials not found in native keychain'\nexit 1");
    }

    /** A helper whose {@code get} runs {@code body} after reading the server URL into {@code $server}. */
    public static Path script(Path folder, String name, String body) {
        Path file = folder.resolve("docker-credential-" + name);
        String text = "#!/bin/sh\n"
                + "[ \"$1\" = get ] || { echo \"unexpected arguments: $*\" >&2; exit 2; }\n"
                + "read -r server || true\n"
                + "printf '%s' \"$server\" > '" + folder.resolve(name + ".asked") + "'\n"
                + body + "\n";
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The server URL the helper was last asked for, or null when it was never run. */
    public static String asked(Path folder, String name) {
        Path file = folder.resolve(name + ".asked");
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An environment whose PATH finds the helpers in {@code folder} first, then the shell's tools. */
    public static Map<String, String> path(Path folder) {
        return Map.of("PATH", folder + ":/usr/bin:/bin");
    }
}

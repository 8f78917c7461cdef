package dev.labels.registry.auth;

import dev.labels.registry.config.UserPaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The credentials a user already has, in the order the tools they come from would read them:
 * <ol>
 *   <li>a containers auth file: {@code --authfile}, else {@code $REGISTRY_AUTH_FILE}, else podman's
 *       {@code $XDG_RUNTIME_DIR/containers/auth.json} and then {@code $XDG_CONFIG_HOME/containers/auth.json}
 *       (default {@code ~/.config}), as containers/image reads them;</li>
 *   <li>Docker's {@code $DOCKER_CONFIG/config.json} (default {@code ~/.docker/config.json}).</li>
 * </ol>
 * The first file that has credentials for a registry wins; a missing file is skipped. Credentials given on
 * the command line come before all of these; the caller puts them first.
 */
public final class CredentialSources {

    private CredentialSources() {
    }

    /**
     * @param authFile {@code --authfile}, or null
     * @param env      the environment: where files are, and the PATH credential helpers are found on
     */
    public static CredentialSource fromEnvironment(Map<String, String> env, String userHome, Path authFile) {
        CredentialSource chain = null;
        for (Path file : authFiles(env, userHome, authFile)) {
            AuthFileCredentials source = new AuthFileCredentials(file, env);
            chain = chain == null ? source : chain.orElse(source);
        }
        DockerConfigCredentials docker = DockerConfigCredentials.fromEnvironment(env, userHome);
        return chain == null ? docker : chain.orElse(docker);
    }

    /** The containers auth files to read, in order. */
    static List<Path> authFiles(Map<String, String> env, String userHome, Path authFile) {
        if (authFile != null) {
            return List.of(authFile);
        }
        var explicit = UserPaths.variable(env, "REGISTRY_AUTH_FILE");
        if (explicit.isPresent()) {
            return List.of(Path.of(explicit.get()));
        }
        List<Path> files = new ArrayList<>();
        UserPaths.runtimeDir(env).ifPresent(dir -> files.add(dir.resolve("containers/auth.json")));
        files.add(UserPaths.configHome(env, userHome).resolve("containers/auth.json"));
        return files;
    }
}

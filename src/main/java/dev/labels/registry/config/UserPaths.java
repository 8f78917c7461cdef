package dev.labels.registry.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where per-user files live, per the XDG Base Directory spec, from the environment and home folder the
 * caller passes in (never from {@code System.getenv()}: tests set their own). An empty variable counts as
 * unset, as the spec says.
 */
public final class UserPaths {

    private UserPaths() {
    }

    /** {@code $XDG_CONFIG_HOME}, default {@code ~/.config}. */
    public static Path configHome(Map<String, String> env, String userHome) {
        return variable(env, "XDG_CONFIG_HOME").map(Path::of).orElse(Path.of(userHome, ".config"));
    }

    /** {@code $XDG_RUNTIME_DIR}, which has no default (podman writes its auth file there when it is set). */
    public static Optional<Path> runtimeDir(Map<String, String> env) {
        return variable(env, "XDG_RUNTIME_DIR").map(Path::of);
    }

    /** The value of an environment variable, or empty when it is unset or blank. */
    public static Optional<String> variable(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}

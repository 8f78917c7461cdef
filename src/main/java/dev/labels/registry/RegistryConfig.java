package dev.labels.registry;

import dev.labels.registry.auth.CredentialSource;
import java.util.List;

/**
 * How to reach registries, as the user asked on the command line.
 *
 * @param insecure    allow plain HTTP and unverified TLS for every registry ({@code --insecure})
 * @param mirrors     endpoints that serve a registry in its place
 * @param credentials where to find credentials when a registry asks for them
 * @param verbose     log every HTTP request (method, URL, status, time) to stderr, without secrets
 */
public record RegistryConfig(boolean insecure, List<Mirror> mirrors, CredentialSource credentials, boolean verbose) {

    public RegistryConfig {
        mirrors = List.copyOf(mirrors);
    }

    public static RegistryConfig defaults() {
        return new RegistryConfig(false, List.of(), CredentialSource.ANONYMOUS, false);
    }
}

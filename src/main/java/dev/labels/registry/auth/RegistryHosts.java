package dev.labels.registry.auth;

import java.util.Locale;
import java.util.Set;

/**
 * Docker Hub answers to several names, and credential files key it by any of them. This is the one place
 * that knows they are the same registry.
 */
public final class RegistryHosts {
    /** The name references use for Docker Hub. */
    public static final String DOCKER_HUB = "docker.io";
    /** Where Docker Hub's registry API is actually served. */
    public static final String DOCKER_HUB_API_HOST = "registry-1.docker.io";

    private static final Set<String> DOCKER_HUB_ALIASES =
            Set.of("docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com");

    private RegistryHosts() {
    }

    /**
     * Reduces a registry name or a credential-file key to a comparable host[:port]: drops a scheme and a path
     * ({@code https://index.docker.io/v1/} is Docker's legacy key for Docker Hub), lowercases, and folds
     * Docker Hub's aliases into {@value #DOCKER_HUB}.
     */
    public static String canonical(String registryOrKey) {
        String host = registryOrKey.strip();
        int scheme = host.indexOf("://");
        if (scheme >= 0) {
            host = host.substring(scheme + 3);
        }
        int slash = host.indexOf('/');
        if (slash >= 0) {
            host = host.substring(0, slash);
        }
        host = host.toLowerCase(Locale.ROOT);
        return DOCKER_HUB_ALIASES.contains(host) ? DOCKER_HUB : host;
    }
}

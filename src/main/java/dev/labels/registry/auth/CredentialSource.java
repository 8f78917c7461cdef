package dev.labels.registry.auth;

import java.util.Optional;

/** Finds the credentials a user already has for a registry host. Looked up lazily, only when a registry asks. */
@FunctionalInterface
public interface CredentialSource {

    /** No credentials anywhere: every registry is accessed anonymously. */
    CredentialSource ANONYMOUS = host -> Optional.empty();

    /**
     * @param registry the registry as named in the reference ({@code docker.io}, {@code ghcr.io},
     *                 {@code localhost:5000}) or the mirror's host:port when a mirror serves it
     */
    Optional<Credentials> lookup(String registry) throws CredentialException;

    /** Asks this source first, then {@code next}. */
    default CredentialSource orElse(CredentialSource next) {
        return registry -> {
            Optional<Credentials> found = lookup(registry);
            return found.isPresent() ? found : next.lookup(registry);
        };
    }
}

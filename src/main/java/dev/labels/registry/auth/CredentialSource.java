package dev.labels.registry.auth;

import java.util.Optional;

/**
 * Finds the credentials a user already has for a registry. Looked up lazily, only when a registry asks.
 *
 * <p>The repository is part of the question because containers' auth files may key credentials by
 * {@code host/namespace/repo} (containers-auth.json(5)): two repositories of one registry can have
 * different credentials.
 */
@FunctionalInterface
public interface CredentialSource {

    /** No credentials anywhere: every registry is accessed anonymously. */
    CredentialSource ANONYMOUS = (registry, repository) -> Optional.empty();

    /**
     * @param registry   the registry as named in the reference ({@code docker.io}, {@code ghcr.io},
     *                   {@code localhost:5000}) or the mirror's host:port when a mirror serves it
     * @param repository the repository path within it ({@code library/alpine}, {@code team/app})
     */
    Optional<Credentials> lookup(String registry, String repository) throws CredentialException;

    /** Asks this source first, then {@code next}. */
    default CredentialSource orElse(CredentialSource next) {
        return (registry, repository) -> {
            Optional<Credentials> found = lookup(registry, repository);
            return found.isPresent() ? found : next.lookup(registry, repository);
        };
    }
}

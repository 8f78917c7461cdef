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

    /**
     * What this source may offer a mirror, which is asked by its own host: the credentials found for a host by
     * name (auth files, Docker's config, helpers), never those given on the command line for the registry of
     * the reference ({@link StaticCredentials}).
     */
    default CredentialSource forMirror() {
        return this;
    }

    /** Asks this source first, then {@code next}; for a mirror, the same of what each may offer a mirror. */
    default CredentialSource orElse(CredentialSource next) {
        CredentialSource first = this;
        return new CredentialSource() {
            @Override
            public Optional<Credentials> lookup(String registry, String repository) throws CredentialException {
                Optional<Credentials> found = first.lookup(registry, repository);
                return found.isPresent() ? found : next.lookup(registry, repository);
            }

            @Override
            public CredentialSource forMirror() {
                return first.forMirror().orElse(next.forMirror());
            }
        };
    }
}

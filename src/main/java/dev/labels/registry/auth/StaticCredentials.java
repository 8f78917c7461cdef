package dev.labels.registry.auth;

import java.util.Optional;

/**
 * Credentials given on the command line ({@code --creds}, {@code --username} with {@code --password-stdin}).
 * Like skopeo's {@code --creds}, they are offered to the registry named in the reference, whatever its name;
 * they are scoped to it, so a mirror of that registry is offered only what {@code byHost} finds for the
 * mirror's own host.
 */
public final class StaticCredentials implements CredentialSource {
    private final Credentials credentials;
    private final CredentialSource byHost;

    /** @param byHost the credentials found by host name (auth files, Docker's config), for mirrors */
    public StaticCredentials(Credentials credentials, CredentialSource byHost) {
        this.credentials = credentials;
        this.byHost = byHost;
    }

    @Override
    public Optional<Credentials> lookup(String registry, String repository) {
        return Optional.of(credentials);
    }

    @Override
    public CredentialSource forMirror() {
        return byHost.forMirror();
    }
}

package dev.labels.registry.auth;

import java.util.Optional;

/**
 * Credentials given on the command line ({@code --creds}, {@code --username} with {@code --password-stdin}).
 * Like skopeo's {@code --creds}, they are offered to the registry the command talks to, whatever its name.
 */
public final class StaticCredentials implements CredentialSource {
    private final Credentials credentials;

    public StaticCredentials(Credentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public Optional<Credentials> lookup(String registry, String repository) {
        return Optional.of(credentials);
    }
}

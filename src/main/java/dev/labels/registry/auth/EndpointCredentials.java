package dev.labels.registry.auth;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The credentials of each endpoint and repository, looked up once per run, when a challenge first asks for them:
 * those of the registry of the reference when the endpoint is that registry, else only what is found for the
 * mirror's own host ({@link CredentialSource#forMirror}).
 */
final class EndpointCredentials {
    private final CredentialSource source;
    private final Map<String, Optional<Credentials>> found = new ConcurrentHashMap<>();

    EndpointCredentials(CredentialSource source) {
        this.source = source;
    }

    /** The endpoint's credentials for the repository, looked up on first use. */
    Optional<Credentials> lookup(AuthTarget target, String repository) throws AuthException {
        String key = key(target, repository);
        Optional<Credentials> credentials = found.get(key);
        if (credentials == null) {
            CredentialSource chain = target.namedInReference() ? source : source.forMirror();
            try {
                credentials = chain.lookup(target.credentialKey(), repository);
            } catch (CredentialException e) {
                throw AuthException.credentials(e);
            }
            found.put(key, credentials);
        }
        return credentials;
    }

    /** What an earlier {@link #lookup} found, without looking up: empty when it found none or none was made. */
    Optional<Credentials> lookedUp(AuthTarget target, String repository) {
        return found.getOrDefault(key(target, repository), Optional.empty());
    }

    /** A mirror's host may also be named in a reference: what it is offered then differs. */
    private static String key(AuthTarget target, String repository) {
        return target.credentialKey() + " " + repository + (target.namedInReference() ? "" : " as a mirror");
    }
}

package dev.labels.bench;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opaque Bearer tokens, as the fake Docker Hub's token endpoint issues them: random strings that the proxy
 * looks up, each granting pull on the repositories of its scopes until it expires.
 */
final class Tokens {
    /** Docker Hub's anonymous tokens last 300 s. */
    static final Duration LIFETIME = Duration.ofSeconds(300);
    /** A benchmark run issues a few thousand (one per skopeo process); more means a client is looping. */
    static final int MAX_TOKENS = 100_000;

    private record Grant(Set<String> repositories, Instant expires) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();

    /**
     * A new token for the given scopes ({@code repository:NAME:pull}, possibly several in one string,
     * space-separated); scopes without {@code pull} grant nothing. Null when too many tokens were issued.
     */
    String issue(List<String> scopes) {
        if (grants.size() >= MAX_TOKENS) {
            return null;
        }
        Set<String> repositories = new HashSet<>();
        for (String scopeList : scopes) {
            for (String scope : scopeList.trim().split("\\s+")) {
                String[] parts = scope.split(":");
                if (parts.length == 3 && parts[0].equals("repository") && List.of(parts[2].split(",")).contains("pull")) {
                    repositories.add(parts[1]);
                }
            }
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        grants.put(token, new Grant(Set.copyOf(repositories), Instant.now().plus(LIFETIME)));
        return token;
    }

    /**
     * Whether {@code authorization} (the whole header value, or null) carries a live token that allows pulling
     * {@code repository}; a null repository (the {@code /v2/} check) needs only a live token.
     */
    boolean allows(String authorization, String repository) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        Grant grant = grants.get(authorization.substring(7).strip());
        if (grant == null || Instant.now().isAfter(grant.expires())) {
            return false;
        }
        return repository == null || grant.repositories().contains(repository);
    }
}

package dev.labels.registry.auth;

import dev.labels.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.labels.cache.Notes;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the authorizer keeps across runs, in the cache's {@link Notes}: each registry's challenge (for a day),
 * so a new run authenticates its first request up front instead of meeting a 401; and tokens until they
 * expire, in private files only, so a run that reads one image by a cached tag costs one request.
 *
 * <p>A token is kept per registry, scope and identity (anonymous, or the user, where the credentials came from
 * and a keyed hash of the secret: {@link Notes#keyedHash}), never shared between identities, so a wrong
 * password fetches (and is refused) as it would without the cache. A note that turns out wrong costs one
 * refused request: the authorizer learns from the 401 and forgets it.
 */
final class RememberedAuth {
    /** Registries rarely change how they authenticate; a day bounds how long a stale note can cost a 401. */
    static final Duration CHALLENGE_LIFETIME = Duration.ofHours(24);
    private static final String CHALLENGES = "challenges";
    private static final String TOKENS = "tokens";

    private final Notes notes;
    private final Clock clock;
    private final Map<Credentials, String> identities = new ConcurrentHashMap<>();

    RememberedAuth(Notes notes, Clock clock) {
        this.notes = notes;
        this.clock = clock;
    }

    Optional<Challenge> challenge(String authority) {
        Optional<JsonNode> note = read(CHALLENGES, authority);
        if (note.isEmpty() || !fresh(note.get())) {
            return Optional.empty();
        }
        try {
            Challenge.Scheme scheme = Challenge.Scheme.valueOf(note.get().path("scheme").asText());
            Map<String, String> params = new HashMap<>();
            note.get().path("params").properties().forEach(e -> params.put(
                    e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText()));
            if (scheme == Challenge.Scheme.BEARER && params.get("realm") == null) {
                return Optional.empty();
            }
            return Optional.of(new Challenge(scheme, Map.copyOf(params)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    void rememberChallenge(String authority, Challenge challenge) {
        ObjectNode note = Json.object();
        note.put("at", clock.instant().getEpochSecond());
        note.put("scheme", challenge.scheme().name());
        ObjectNode params = note.putObject("params");
        challenge.params().forEach(params::put);
        notes.put(CHALLENGES, authority, Json.compact(note), false);
    }

    Optional<BearerToken> token(String key) {
        return read(TOKENS, key).flatMap(note -> {
            String value = note.path("token").asText("");
            Instant expires = Instant.ofEpochSecond(note.path("expires").asLong(0));
            BearerToken token = new BearerToken(value, expires);
            return !value.isEmpty() && token.isUsableAt(clock.instant()) ? Optional.of(token) : Optional.empty();
        });
    }

    void rememberToken(String key, BearerToken token) {
        ObjectNode note = Json.object();
        note.put("token", token.value());
        note.put("expires", token.expiresAt().getEpochSecond());
        notes.put(TOKENS, key, Json.compact(note), true);
    }

    void forgetToken(String key) {
        notes.remove(TOKENS, key);
    }

    /** Whose a token is: whose it is matters as much as what it is for. Never the secret, nor a plain hash of it. */
    String identity(Credentials credentials) {
        if (credentials == null) {
            return "anonymous";
        }
        return identities.computeIfAbsent(credentials, c -> c.kind() + ":" + c.username() + "@" + c.source()
                + "#" + notes.keyedHash(c.secret()));
    }

    private boolean fresh(JsonNode note) {
        Instant at = Instant.ofEpochSecond(note.path("at").asLong(0));
        return at.plus(CHALLENGE_LIFETIME).isAfter(clock.instant()) && !at.isAfter(clock.instant().plusSeconds(60));
    }

    private Optional<JsonNode> read(String kind, String key) {
        Optional<String> text = notes.get(kind, key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode json = Json.parse(text.get());
            return json != null && json.isObject() ? Optional.of(json) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

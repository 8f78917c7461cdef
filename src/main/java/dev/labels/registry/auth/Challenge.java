package dev.labels.registry.auth;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import okhttp3.Response;

/**
 * One {@code WWW-Authenticate} challenge we can answer: {@code Bearer} (a token service, Docker's token spec)
 * or {@code Basic}. Parsing is OkHttp's ({@link Response#challenges()}, RFC 7235): it handles quoted values
 * with commas, several challenges in one header and several headers, which hand-written regexes get wrong.
 *
 * @param params the auth-params, keys lowercased ({@code realm}, {@code service}, {@code scope})
 */
public record Challenge(Scheme scheme, Map<String, String> params) {

    public enum Scheme { BEARER, BASIC }

    public String realm() {
        return params.get("realm");
    }

    public String service() {
        return params.get("service");
    }

    /**
     * The challenge to answer among those of a 401 response: Bearer when offered (it is what the registry
     * prefers and it scopes access), else Basic; schemes we do not speak are ignored.
     */
    public static Optional<Challenge> select(Response response) {
        return select(response.challenges());
    }

    static Optional<Challenge> select(List<okhttp3.Challenge> offered) {
        Challenge basic = null;
        for (okhttp3.Challenge c : offered) {
            String scheme = c.scheme().toLowerCase(Locale.ROOT);
            if (scheme.equals("bearer") && c.authParams().get("realm") != null) {
                return Optional.of(new Challenge(Scheme.BEARER, lowercaseKeys(c.authParams())));
            }
            if (scheme.equals("basic") && basic == null) {
                basic = new Challenge(Scheme.BASIC, lowercaseKeys(c.authParams()));
            }
        }
        return Optional.ofNullable(basic);
    }

    private static Map<String, String> lowercaseKeys(Map<String, String> params) {
        java.util.HashMap<String, String> out = new java.util.HashMap<>();
        params.forEach((k, v) -> {
            if (k != null) {
                out.put(k.toLowerCase(Locale.ROOT), v);
            }
        });
        return Map.copyOf(out);
    }
}

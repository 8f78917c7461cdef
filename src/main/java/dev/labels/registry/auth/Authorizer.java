package dev.labels.registry.auth;

import dev.labels.cache.Notes;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import okhttp3.Response;

/**
 * Decides the {@code Authorization} header of each registry request, and learns from 401 answers.
 *
 * <p>The handshake (Docker registry token spec; OCI distribution spec, "Authentication"):
 * <ol>
 *   <li>The first request to a registry goes out anonymously. There is no {@code GET /v2/} probe: the
 *       manifest request itself tells us whether and how to authenticate, which saves a round trip.</li>
 *   <li>A 401 carries {@code WWW-Authenticate}. We remember the registry's challenge, so later requests
 *       (other repositories, other images in a batch, later runs) authenticate up front. A challenge passes
 *       {@link ChallengeCheck} before it is used, whether the registry's 401 just sent it or a note of an
 *       earlier run recalls it; and a note only ever serves to send a token the registry granted back to that
 *       registry, or to fetch one from a realm on the registry's own host and port. A realm elsewhere is
 *       believed only from the registry's own live 401: until one comes, the request goes anonymously.</li>
 *   <li>{@code Basic}: the user's credentials for that registry on every request to it.
 *       {@code Bearer}: a token from the realm for scope {@code repository:NAME:pull}, fetched once per
 *       registry and repository and reused until it expires (see {@link TokenClient} for how passwords and
 *       identity tokens are exchanged); a {@code registrytoken} from the user's config is that token
 *       already, and is sent as is.</li>
 *   <li>The caller retries a request at most once after a 401, so a registry that keeps refusing cannot
 *       make us loop.</li>
 * </ol>
 * Credentials are looked up by the registry's name and the repository, only when a registry asks for them,
 * and are only ever attached to requests to that registry (and to its token realm). They are scoped to the
 * host they were given for: a mirror is offered only what is found for its own host, never the credentials
 * given for the registry of the reference ({@link CredentialSource#forMirror}); and neither they nor a token
 * fetched with them travel over plain HTTP except to this machine or where the user allowed plain HTTP
 * ({@link AuthTarget#maySendSecretsTo}).
 */
public final class Authorizer {
    private final TokenClient tokenClient;
    private final Clock clock;
    private final Map<String, KnownChallenge> challenges = new ConcurrentHashMap<>();
    private final Map<String, BearerToken> tokens = new ConcurrentHashMap<>();
    private final Map<String, Object> tokenLocks = new ConcurrentHashMap<>();
    private final EndpointCredentials credentials;
    private final FirstContacts firstContacts = new FirstContacts();

    private final RememberedAuth remembered;

    /** @param notes where challenges and tokens are kept for later runs (see {@link RememberedAuth}) */
    public Authorizer(CredentialSource credentialSource, Clock clock, Notes notes) {
        this.credentials = new EndpointCredentials(credentialSource);
        this.tokenClient = new TokenClient(clock);
        this.clock = clock;
        this.remembered = new RememberedAuth(notes, clock);
    }

    /**
     * The challenge learnt from this endpoint, in this run or (for a day) an earlier one; null when none. A note
     * of an earlier run is checked as a live answer would be, for this endpoint as this run reaches it.
     */
    private KnownChallenge challengeOf(AuthTarget target) {
        String authority = target.authority();
        KnownChallenge known = challenges.get(authority);
        if (known == null) {
            Challenge note = remembered.challenge(authority).orElse(null);
            if (note == null) {
                return null;
            }
            challenges.putIfAbsent(authority, new KnownChallenge(note, false));
            known = challenges.get(authority);
        }
        return known.live() || ChallengeCheck.passes(known.challenge(), target) ? known : null;
    }

    /**
     * Lets exactly one request go first to an endpoint whose challenge is not known yet (or known only from a
     * note that is not {@link KnownChallenge#enoughFor enough}); the others wait for it (bounded), so that a batch
     * starting eight jobs at once sends one anonymous request and fetches one token, not eight of each. Returns
     * true for the request that goes first: it must call {@link #endFirstContact} when its answer has been
     * handled, whatever the answer was.
     */
    public boolean beginFirstContact(AuthTarget target) {
        KnownChallenge known = challengeOf(target);
        if (known != null && known.enoughFor(target)) {
            return false;
        }
        return firstContacts.begin(target.authority());
    }

    public void endFirstContact(String authority) {
        firstContacts.end(authority);
    }

    /**
     * The {@code Authorization} value for a request to a registry endpoint, or null to send none (no
     * challenge seen yet, or Basic without credentials).
     *
     * @param http          the client of a token request (the registry's TLS settings apply to the realm too,
     *                      as Docker uses one transport per registry); asked for only when a token is fetched
     * @param target        the endpoint: what we learnt is kept by its host:port, credentials are looked up by
     *                      its registry or mirror host
     * @param repository    the repository the request concerns, for the token scope and the credentials
     */
    public String authorization(TokenHttp http, AuthTarget target, String repository) throws AuthException {
        KnownChallenge known = challengeOf(target);
        if (known == null) {
            return null;
        }
        Challenge challenge = known.challenge();
        Optional<Credentials> found = credentials.lookup(target, repository);
        if (found.isPresent()) {
            requireSafeRoute(target, target.base(), found.get());
        }
        if (challenge.scheme() == Challenge.Scheme.BASIC) {
            if (found.isPresent() && found.get().kind() != Credentials.Kind.PASSWORD) {
                throw AuthException.unusableForBasic(target.credentialKey(), found.get());
            }
            return found.map(Credentials::basicAuthorization).orElse(null);
        }
        if (found.isPresent() && found.get().kind() == Credentials.Kind.REGISTRY_TOKEN) {
            return new BearerToken(found.get().secret(), Instant.MAX).authorization();
        }
        BearerToken token = token(http, target, known, repository, found.orElse(null));
        return token == null ? null : token.authorization();
    }

    /**
     * Learns from a 401 answer of the registry endpoint. Returns true when a retry with the authorization
     * that {@link #authorization} now gives can succeed, false when it would only be refused again.
     *
     * @param sent the Authorization value the refused request carried, or null
     */
    public boolean challenged(AuthTarget target, String repository, Response response, String sent)
            throws AuthException {
        String authority = target.authority();
        Optional<Challenge> offered = Challenge.select(response);
        if (offered.isEmpty()) {
            return false;
        }
        Challenge challenge = offered.get();
        ChallengeCheck.check(challenge, target);
        challenges.put(authority, new KnownChallenge(challenge, true));
        remembered.rememberChallenge(authority, challenge);
        Optional<Credentials> found = credentials.lookup(target, repository);
        if (challenge.scheme() == Challenge.Scheme.BASIC) {
            boolean sentBasic = sent != null && sent.startsWith("Basic ");
            return !sentBasic && found.isPresent();
        }
        boolean registryToken = found.isPresent() && found.get().kind() == Credentials.Kind.REGISTRY_TOKEN;
        if (registryToken && sent != null && sent.startsWith("Bearer ")) {
            // The user's own token was refused: sending it again cannot help.
            return false;
        }
        if (sent != null && sent.startsWith("Bearer ")) {
            // The token was refused (expired early, revoked, or too narrow): drop it so the retry fetches a new one.
            String key = tokenKey(authority, repository, found.orElse(null));
            tokens.computeIfPresent(key, (k, t) -> t.authorization().equals(sent) ? null : t);
            remembered.forgetToken(key);
        }
        return true;
    }

    /** For messages: whether credentials were used for an endpoint and where they came from, never their value. */
    public String describeCredentials(AuthTarget target, String repository) {
        return credentials.lookedUp(target, repository)
                .map(c -> "credentials for " + target.credentialKey() + " from " + c.source())
                .orElse("anonymous access");
    }

    /** True when the endpoint asked for Basic authentication: it has no anonymous access to offer. */
    public boolean wantsBasic(AuthTarget target) {
        KnownChallenge known = challengeOf(target);
        return known != null && known.challenge().scheme() == Challenge.Scheme.BASIC;
    }

    /** True when credentials were found for this endpoint and repository (looked up by an earlier challenge). */
    public boolean usedCredentials(AuthTarget target, String repository) {
        return credentials.lookedUp(target, repository).isPresent();
    }

    /**
     * The token for a repository: this run's, one an earlier run kept, or a new one from the realm; null when
     * only a note names the realm and it lies beyond the endpoint's own host and port (see the class comment).
     */
    private BearerToken token(TokenHttp http, AuthTarget target, KnownChallenge known, String repository,
                              Credentials found) throws AuthException {
        String authority = target.authority();
        String key = tokenKey(authority, repository, found);
        BearerToken cached = tokens.get(key);
        if (cached != null && cached.isUsableAt(clock.instant())) {
            return cached;
        }
        // One fetch per registry and repository even when many requests need the token at once.
        synchronized (tokenLocks.computeIfAbsent(key, k -> new Object())) {
            cached = tokens.get(key);
            if (cached != null && cached.isUsableAt(clock.instant())) {
                return cached;
            }
            Optional<BearerToken> earlier = remembered.token(key);
            if (earlier.isPresent()) {
                tokens.put(key, earlier.get());
                return earlier.get();
            }
            if (!known.enoughFor(target)) {
                return null;
            }
            if (found != null) {
                requireSafeRoute(target, TokenClient.realmUrl(known.challenge()), found);
            }
            BearerToken fresh = tokenClient.fetch(http, known.challenge(), scope(repository), found);
            tokens.put(key, fresh);
            remembered.rememberToken(key, fresh);
            return fresh;
        }
    }

    /** Credentials, and what is fetched with them, go only where the endpoint allows secrets to go. */
    private static void requireSafeRoute(AuthTarget target, HttpUrl to, Credentials credentials) throws AuthException {
        if (!target.maySendSecretsTo(to)) {
            throw AuthException.plainHttp(target.credentialKey(), credentials, to.host());
        }
    }

    /**
     * A token is kept, in this run and for later ones, by the endpoint, the scope and the whole identity it was
     * granted to, secret included: a wrong password never finds the token a right one was granted.
     */
    private String tokenKey(String authority, String repository, Credentials credentials) {
        return authority + " " + scope(repository) + " " + remembered.identity(credentials);
    }

    /** Docker token spec scope: read-only access to one repository is all this tool ever needs. */
    static String scope(String repository) {
        return "repository:" + repository + ":pull";
    }
}

package dev.labels.registry;

import dev.labels.cache.Notes;
import dev.labels.image.MediaTypes;
import dev.labels.reference.DigestGrammar;
import dev.labels.reference.ImageReference;
import dev.labels.registry.RegistryException.Kind;
import dev.labels.registry.auth.Authorizer;
import dev.labels.registry.http.BoundedBody;
import dev.labels.registry.http.Limits;
import java.io.IOException;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.Random;
import java.util.random.RandomGenerator;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The registry API this tool needs (OCI distribution spec, "Pulling manifests" and "Pulling blobs"): read a
 * manifest by tag or digest, and read a small blob (the image config). One instance per run: it owns the
 * run's single OkHttpClient, its connection pool and what the authorizer has learnt.
 */
public final class RegistryClient implements AutoCloseable {
    private static final String ACCEPT_MANIFESTS = String.join(", ", MediaTypes.ACCEPT_MANIFESTS);

    private final Supplier<Wiring> wire;
    private volatile Wiring wiring;
    private final Endpoints endpoints;
    private final Reliability reliability;
    private final SentSecrets sentSecrets = new SentSecrets();
    private final RequestSlots slots;
    private final ManifestHeads manifestHeads;
    private final PullLimits pullLimits;

    /** A client with the defaults: {@link Reliability#defaults()}, no notes, no bound on requests in flight. */
    public RegistryClient(RegistryConfig config) {
        this(builder(config));
    }

    public static Builder builder(RegistryConfig config) {
        return new Builder(config);
    }

    /** How a run's client is made; what tests replace (clock, waits, jitter, base client) is package-private. */
    public static final class Builder {
        private final RegistryConfig config;
        private Reliability reliability = Reliability.defaults();
        private Notes notes = Notes.NONE;
        private RequestSlots slots = RequestSlots.unlimited();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private RandomGenerator random = new Random();
        private Supplier<OkHttpClient> base;

        private Builder(RegistryConfig config) {
            this.config = config;
            this.base = () -> HttpClients.create(config);
        }

        /** Retries and the time limit of one image. */
        public Builder reliability(Reliability reliability) {
            this.reliability = reliability;
            return this;
        }

        /**
         * Where what this run learns about registries (plain HTTP, challenges, tokens) is kept for later runs;
         * see {@link dev.labels.registry.auth.Authorizer}.
         */
        public Builder notes(Notes notes) {
            this.notes = notes;
            return this;
        }

        /**
         * How many reads may be in flight at once across the run ({@code --jobs}), or 0 for no bound; see
         * {@link RequestSlots}.
         */
        public Builder requestsInFlight(int requests) {
            this.slots = requests > 0 ? RequestSlots.of(requests) : RequestSlots.unlimited();
            return this;
        }

        /** For tests: the clock of token expiry, Retry-After dates and the age of notes. */
        Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** For tests: the waits between tries, and their jitter. */
        Builder waits(Sleeper sleeper, RandomGenerator random) {
            this.sleeper = sleeper;
            this.random = random;
            return this;
        }

        /** For tests that must trust a test certificate: stands for {@link HttpClients#create}. */
        Builder baseClient(OkHttpClient base) {
            this.base = () -> base;
            return this;
        }

        public RegistryClient build() {
            return new RegistryClient(this);
        }
    }

    /**
     * The HTTP client is built on the first request, not here: a run that reads only image files, or fails on
     * its arguments, never needs it (TLS is set up later still, on the first HTTPS request: {@link TlsClients}).
     */
    private RegistryClient(Builder made) {
        RegistryConfig config = made.config;
        Reliability reliability = made.reliability;
        Notes notes = made.notes;
        Clock clock = made.clock;
        Sleeper sleeper = made.sleeper;
        RandomGenerator random = made.random;
        Supplier<OkHttpClient> base = made.base;
        this.reliability = reliability;
        this.slots = made.slots;
        this.endpoints = new Endpoints(config, notes);
        this.manifestHeads = new ManifestHeads(notes, clock, config.verbose());
        this.pullLimits = new PullLimits(clock);
        this.wire = () -> {
            OkHttpClient http = base.get().newBuilder()
                    .addInterceptor(new RetryInterceptor(new RetryPolicy(reliability.retries(), random), sleeper, clock))
                    // Inside the retries, so that it sees every try: see PullLimitGuard.
                    .addInterceptor(new PullLimitGuard(pullLimits, config.verbose()))
                    // Registry requests get the time left to their image (see RequestSender); this bounds
                    // the others, the token requests, which the authorizer sends on its own.
                    .callTimeout(reliability.imageTimeout())
                    .build();
            return new Wiring(http, new RegistryTransport(new TlsClients(http, config), endpoints,
                    new Authorizer(config.credentials(), clock, notes), config, sentSecrets));
        };
    }

    /**
     * A head start for a run that is about to use a registry: see {@link HttpClients#warmUp}.
     *
     * @param tls whether the registries are likely to be reached over HTTPS (as all but loopback ones are)
     */
    public static void warmUp(boolean tls) throws java.security.GeneralSecurityException, IOException {
        HttpClients.warmUp(tls);
    }

    /** The run's one HTTP client and the transport over it. */
    private record Wiring(OkHttpClient http, RegistryTransport transport) {
    }

    private RegistryTransport transport() {
        Wiring wired = wiring;
        if (wired == null) {
            synchronized (this) {
                wired = wiring;
                if (wired == null) {
                    wired = wire.get();
                    wiring = wired;
                }
            }
        }
        return wired.transport();
    }

    /** Starts the clock of one image: pass the result to every fetch for that image. */
    public Deadline newDeadline() {
        return Deadline.after(reliability.imageTimeout());
    }

    /**
     * The host[:port] that first serves a registry in this run: the registry itself, Docker Hub's API host, or
     * its first mirror. Errors about what a registry sent name it, as the reference alone may not say who
     * answered.
     */
    public String endpointAuthority(String registry) {
        return PullLimitGuard.hostOf(endpoints.resolve(registry).get(0).base());
    }

    /**
     * For a batch about to start: warns through {@code warn} when the first answer of {@code registry} that
     * counts the pulls left says that fewer remain than {@code pullsNeeded} (asked then, and only of registries
     * that count them).
     */
    public void expectPulls(String registry, IntSupplier pullsNeeded, Consumer<String> warn) {
        pullLimits.expect(endpointAuthority(registry), pullsNeeded, warn);
    }

    /**
     * HEAD /v2/NAME/manifests/REF, for what the registry says about its pull limit: one request after the
     * auth handshake, never a GET, which Docker Hub would count as a pull. A 429 to the HEAD that says no pull
     * is left answers the question too.
     */
    @SuppressWarnings("try") // the slot is held for the request, never read
    public PullLimitReport pullLimit(Operation operation, ImageReference image) throws RegistryException {
        Deadline deadline = newDeadline();
        Request.Builder request = new Request.Builder().head().header("Accept", ACCEPT_MANIFESTS);
        String identifier = image.hasDigest() ? image.digest() : image.tag();
        try (RequestSlots.Slot slot = slots.take(operation, deadline);
             Response response = transport().execute(new RegistryCall(operation, image.registry(), image.repository(),
                     "manifests/" + identifier, request, Limits.SMALL_BODY_BYTES, deadline))) {
            return new PullLimitReport(PullLimitGuard.hostOf(response.request().url()), PullQuota.of(response.headers()));
        } catch (RegistryException e) {
            java.util.Optional<PullLimits.Reached> reached = e.kind() == Kind.RATE_LIMITED
                    ? pullLimits.reached(endpointAuthority(image.registry())) : java.util.Optional.empty();
            if (reached.isEmpty()) {
                throw e;
            }
            return new PullLimitReport(reached.get().host(), reached.get().quota());
        }
    }

    /** What this run (and earlier ones) found out about HEAD requests for manifests, registry by registry. */
    ManifestHeads manifestHeads() {
        return manifestHeads;
    }

    /** Text built from what a registry sent, without any Authorization value this run sent it. */
    String scrub(String text) {
        return sentSecrets.scrub(text);
    }

    /** Whether an exception built from what a registry sent quotes a secret, so must not be chained. */
    boolean quotesSecret(Throwable error) {
        return sentSecrets.appearIn(error);
    }

    /** GET /v2/NAME/manifests/IDENTIFIER with every manifest type we understand in Accept. */
    public ManifestResponse fetchManifest(Operation operation, ImageReference image, String identifier)
            throws RegistryException {
        return fetchManifest(operation, image, identifier, newDeadline());
    }

    /** As {@link #fetchManifest(Operation, ImageReference, String)}, within an image's deadline. */
    @SuppressWarnings("try") // the slot is held for the request, never read
    public ManifestResponse fetchManifest(Operation operation, ImageReference image, String identifier,
                                          Deadline deadline) throws RegistryException {
        Request.Builder request = new Request.Builder().get().header("Accept", ACCEPT_MANIFESTS);
        try (RequestSlots.Slot slot = slots.take(operation, deadline);
             Response response = transport().execute(new RegistryCall(operation, image.registry(), image.repository(),
                     "manifests/" + identifier, request, Limits.MANIFEST_BYTES, deadline))) {
            byte[] body = read(operation, response, Limits.MANIFEST_BYTES, "manifest");
            return new ManifestResponse(body, response.header("Content-Type"), response.header("Docker-Content-Digest"));
        }
    }

    /**
     * HEAD /v2/NAME/manifests/TAG: the digest the tag points at now, from {@code Docker-Content-Digest}, or
     * empty when the answer does not tell it: no such header, or one that is not a digest, or a Content-Type
     * that is no manifest type of ours ({@code application/octet-stream}: the HEAD was not answered as the
     * manifest a GET would be, so its digest may be of other bytes). Docker Hub does not count HEAD requests
     * against its pull rate limit, so this is how a tag already seen is checked; see {@link ManifestHeads} for
     * registries where it tells nothing.
     */
    @SuppressWarnings("try") // the slot is held for the request, never read
    public java.util.Optional<String> headManifestDigest(Operation operation, ImageReference image, String tag,
                                                         Deadline deadline) throws RegistryException {
        Request.Builder request = new Request.Builder().head().header("Accept", ACCEPT_MANIFESTS);
        try (RequestSlots.Slot slot = slots.take(operation, deadline);
             Response response = transport().execute(new RegistryCall(operation, image.registry(), image.repository(),
                     "manifests/" + tag, request, Limits.SMALL_BODY_BYTES, deadline))) {
            // A header that is not a digest of the grammar is never used: it would become a URL next.
            String digest = response.header("Docker-Content-Digest");
            boolean manifest = MediaTypes.ACCEPT_MANIFESTS.contains(MediaTypes.base(response.header("Content-Type")));
            return digest == null || !manifest || !DigestGrammar.isValid(digest.strip())
                    ? java.util.Optional.empty() : java.util.Optional.of(digest.strip());
        }
    }

    /**
     * GET /v2/NAME/tags/list, every page, however the registry pages it (a {@code Link} header, full pages
     * without one, a lower cap on {@code n}: see {@link TagLister}), as far as {@link TagLister#MAX_PAGES} pages.
     */
    public java.util.List<String> listTags(Operation operation, String registry, String repository)
            throws RegistryException {
        return new TagLister(transport()).list(operation, registry, repository, newDeadline());
    }

    /** GET /v2/NAME/blobs/DIGEST, following the registry's redirect to its storage. */
    public byte[] fetchBlob(Operation operation, ImageReference image, String digest, long limit)
            throws RegistryException {
        return fetchBlob(operation, image, digest, limit, newDeadline());
    }

    /** As {@link #fetchBlob(Operation, ImageReference, String, long)}, within an image's deadline. */
    @SuppressWarnings("try") // the slot is held for the request, never read
    public byte[] fetchBlob(Operation operation, ImageReference image, String digest, long limit, Deadline deadline)
            throws RegistryException {
        try (RequestSlots.Slot slot = slots.take(operation, deadline);
             Response response = transport().execute(new RegistryCall(operation, image.registry(), image.repository(),
                     "blobs/" + digest, new Request.Builder().get(), limit, deadline))) {
            return read(operation, response, limit, "blob " + digest);
        }
    }

    private static byte[] read(Operation operation, Response response, long limit, String what)
            throws RegistryException {
        try {
            return BoundedBody.read(response.body(), limit, what);
        } catch (BoundedBody.TooLargeException e) {
            throw operation.fail(Kind.REGISTRY_ERROR, e.getMessage(), response.code(), e);
        } catch (IOException e) {
            throw operation.fail(Kind.NETWORK, "reading the body of " + what + " from "
                    + response.request().url().host() + " failed: " + e.getMessage(), response.code(), e);
        }
    }

    @Override
    public void close() {
        Wiring wired = wiring;
        if (wired != null) {
            wired.http().dispatcher().executorService().shutdown();
            wired.http().connectionPool().evictAll();
        }
    }
}

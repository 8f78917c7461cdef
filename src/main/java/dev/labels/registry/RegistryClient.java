// Over 250 lines: the registry API the commands call, with the builder of the run's client that is part of it.
package dev.labels.registry;

import dev.labels.cache.Notes;
import dev.labels.error.LabelsException.Kind;
import dev.labels.image.MediaTypes;
import dev.labels.reference.DigestGrammar;
import dev.labels.reference.ImageReference;
import dev.labels.registry.http.BoundedBody;
import dev.labels.registry.http.Limits;
import dev.labels.registry.transport.Deadline;
import dev.labels.registry.transport.HttpClients;
import dev.labels.registry.transport.HttpStack;
import dev.labels.registry.transport.Operation;
import dev.labels.registry.transport.PullLimitGuard;
import dev.labels.registry.transport.PullLimitReport;
import dev.labels.registry.transport.PullLimits;
import dev.labels.registry.transport.PullQuota;
import dev.labels.registry.transport.RegistryCall;
import dev.labels.registry.transport.RegistryConfig;
import dev.labels.registry.transport.RegistryException;
import dev.labels.registry.transport.Reliability;
import dev.labels.registry.transport.RequestSlots;
import dev.labels.registry.transport.Sleeper;
import java.io.IOException;
import java.time.Clock;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The registry API this tool needs (OCI distribution spec, "Pulling manifests" and "Pulling blobs"): read a
 * manifest by tag or digest, read a small blob (the image config), list tags, ask the pull limit. One instance
 * per run: it owns the run's HTTP machinery ({@link HttpStack}), built on the first request.
 */
public final class RegistryClient implements AutoCloseable {
    private static final String ACCEPT_MANIFESTS = MediaTypes.acceptHeader();

    private final HttpStack stack;
    private final Reliability reliability;
    private final RequestSlots slots;
    private final ManifestHeads manifestHeads;

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

    private RegistryClient(Builder made) {
        this.reliability = made.reliability;
        this.slots = made.slots;
        this.manifestHeads = new ManifestHeads(made.notes, made.clock, made.config.verbose());
        this.stack = new HttpStack(made.config, made.reliability, made.notes, made.clock, made.sleeper, made.random,
                made.base);
    }

    /**
     * A head start for a run that is about to use a registry: see {@link HttpClients#warmUp}.
     *
     * @param tls whether the registries are likely to be reached over HTTPS (as all but loopback ones are)
     */
    public static void warmUp(boolean tls) throws java.security.GeneralSecurityException, IOException {
        HttpClients.warmUp(tls);
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
        return PullLimitGuard.hostOf(stack.endpoints().resolve(registry).get(0).base());
    }

    /**
     * For a batch about to start: warns through {@code warn} when the first answer of {@code registry} that
     * counts the pulls left says that fewer remain than {@code pullsNeeded} (asked then, and only of registries
     * that count them).
     */
    public void expectPulls(String registry, IntSupplier pullsNeeded, Consumer<String> warn) {
        stack.pullLimits().expect(endpointAuthority(registry), pullsNeeded, warn);
    }

    /**
     * HEAD /v2/NAME/manifests/REF, for what the registry says about its pull limit: one request after the
     * auth handshake, never a GET, which Docker Hub would count as a pull. A 429 to the HEAD that says no pull
     * is left answers the question too.
     */
    public PullLimitReport pullLimit(Operation operation, ImageReference image) throws RegistryException {
        Request.Builder request = new Request.Builder().head().header("Accept", ACCEPT_MANIFESTS);
        String identifier = image.hasDigest() ? image.digest() : image.tag();
        try {
            return send(call(operation, image, "manifests/" + identifier, request, Limits.SMALL_BODY_BYTES,
                    newDeadline()), response -> new PullLimitReport(PullLimitGuard.hostOf(response.request().url()),
                    PullQuota.of(response.headers())));
        } catch (RegistryException e) {
            java.util.Optional<PullLimits.Reached> reached = e.kind() == Kind.RATE_LIMITED
                    ? stack.pullLimits().reached(endpointAuthority(image.registry())) : java.util.Optional.empty();
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
        return stack.sentSecrets().scrub(text);
    }

    /** Whether an exception built from what a registry sent quotes a secret, so must not be chained. */
    boolean quotesSecret(Throwable error) {
        return stack.sentSecrets().appearIn(error);
    }

    /** GET /v2/NAME/manifests/IDENTIFIER with every manifest type we understand in Accept, within a deadline. */
    public ManifestResponse fetchManifest(Operation operation, ImageReference image, String identifier,
                                          Deadline deadline) throws RegistryException {
        Request.Builder request = new Request.Builder().get().header("Accept", ACCEPT_MANIFESTS);
        return send(call(operation, image, "manifests/" + identifier, request, Limits.MANIFEST_BYTES, deadline),
                response -> new ManifestResponse(read(operation, response, Limits.MANIFEST_BYTES, "manifest"),
                        response.header("Content-Type"), response.header("Docker-Content-Digest")));
    }

    /**
     * HEAD /v2/NAME/manifests/TAG: the digest the tag points at now, from {@code Docker-Content-Digest}, or
     * empty when the answer does not tell it: no such header, or one that is not a digest, or a Content-Type
     * that is no manifest type of ours ({@code application/octet-stream}: the HEAD was not answered as the
     * manifest a GET would be, so its digest may be of other bytes). Docker Hub does not count HEAD requests
     * against its pull rate limit, so this is how a tag already seen is checked; see {@link ManifestHeads} for
     * registries where it tells nothing.
     */
    public java.util.Optional<String> headManifestDigest(Operation operation, ImageReference image, String tag,
                                                         Deadline deadline) throws RegistryException {
        Request.Builder request = new Request.Builder().head().header("Accept", ACCEPT_MANIFESTS);
        return send(call(operation, image, "manifests/" + tag, request, Limits.SMALL_BODY_BYTES, deadline),
                RegistryClient::manifestDigest);
    }

    /** A header that is not a digest of the grammar is never used: it would become a URL next. */
    private static java.util.Optional<String> manifestDigest(Response response) {
        String digest = response.header("Docker-Content-Digest");
        boolean manifest = MediaTypes.ACCEPT_MANIFESTS.contains(MediaTypes.base(response.header("Content-Type")));
        return digest == null || !manifest || !DigestGrammar.isValid(digest.strip())
                ? java.util.Optional.empty() : java.util.Optional.of(digest.strip());
    }

    /**
     * GET /v2/NAME/tags/list, every page, however the registry pages it (a {@code Link} header, full pages
     * without one, a lower cap on {@code n}: see {@link TagLister}), as far as {@link TagLister#MAX_PAGES} pages.
     */
    public java.util.List<String> listTags(Operation operation, String registry, String repository)
            throws RegistryException {
        return new TagLister(stack.transport()).list(operation, registry, repository, newDeadline());
    }

    /** GET /v2/NAME/blobs/DIGEST, following the registry's redirect to its storage, within a deadline. */
    public byte[] fetchBlob(Operation operation, ImageReference image, String digest, long limit, Deadline deadline)
            throws RegistryException {
        return send(call(operation, image, "blobs/" + digest, new Request.Builder().get(), limit, deadline),
                response -> read(operation, response, limit, "blob " + digest));
    }

    private static RegistryCall call(Operation operation, ImageReference image, String path, Request.Builder request,
                                     long bodyLimit, Deadline deadline) {
        return new RegistryCall(operation, image.registry(), image.repository(), path, request, bodyLimit, deadline);
    }

    /** How a successful answer is read, before it is closed. */
    @FunctionalInterface
    private interface Reading<T> {
        T from(Response response) throws RegistryException;
    }

    /** One request, holding one of the run's slots for reads in flight ({@link RequestSlots}) while it lasts. */
    @SuppressWarnings("try") // the slot is held for the request, never read
    private <T> T send(RegistryCall call, Reading<T> reading) throws RegistryException {
        try (RequestSlots.Slot slot = slots.take(call.operation(), call.deadline());
             Response response = stack.transport().execute(call)) {
            return reading.from(response);
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
        stack.close();
    }
}

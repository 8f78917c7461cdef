package dev.labels.registry.transport;

import dev.labels.cache.Notes;
import dev.labels.registry.auth.Authorizer;
import java.time.Clock;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import okhttp3.OkHttpClient;

/**
 * The run's HTTP machinery behind {@link RegistryClient}: what the run learns about registries (their endpoints
 * and schemes, their pull limits, the secrets sent to them), and the one OkHttpClient with the transport over
 * it. The client is built on the first request, not before: a run that reads only image files, or fails on its
 * arguments, never needs it (TLS is set up later still, on the first HTTPS request: {@link TlsClients}).
 */
public final class HttpStack implements AutoCloseable {
    private final Endpoints endpoints;
    private final PullLimits pullLimits;
    private final SentSecrets sentSecrets = new SentSecrets();
    private final Supplier<Wiring> wire;
    private volatile Wiring wiring;

    /** The run's one HTTP client and the transport over it. */
    private record Wiring(OkHttpClient http, RegistryTransport transport) {
    }

    /**
     * @param clock  the clock of token expiry, Retry-After dates, pull-limit windows and the age of notes
     * @param sleeper the waits between tries, {@code random} their jitter
     * @param base   the client every other is derived from: {@link HttpClients#create}, or a test's
     */
    public HttpStack(RegistryConfig config, Reliability reliability, Notes notes, Clock clock, Sleeper sleeper,
              RandomGenerator random, Supplier<OkHttpClient> base) {
        this.endpoints = new Endpoints(config, notes);
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

    public Endpoints endpoints() {
        return endpoints;
    }

    public PullLimits pullLimits() {
        return pullLimits;
    }

    public SentSecrets sentSecrets() {
        return sentSecrets;
    }

    public RegistryTransport transport() {
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

    @Override
    public void close() {
        Wiring wired = wiring;
        if (wired != null) {
            wired.http().dispatcher().executorService().shutdown();
            wired.http().connectionPool().evictAll();
        }
    }
}

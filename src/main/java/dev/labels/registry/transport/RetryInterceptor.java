package dev.labels.registry.transport;

import dev.labels.registry.http.BoundedBody;
import dev.labels.registry.http.Limits;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Tries a request again when {@link RetryPolicy} says the failure is worth it, waiting between tries. It sits
 * on the run's OkHttpClient, like go-containerregistry's retry transport, so registry requests and the token
 * request are retried alike.
 *
 * <p>A successful answer's body is read ahead here, up to its {@link BodyLimit} (the small-body limit for
 * requests without one, such as token requests): a connection cut midway through a body is then a failed try
 * like any other, not an error after the fact. The limit keeps a lying or endless body out of memory; the
 * caller still rejects one that is over it.
 *
 * <p>Waits stay inside the call's timeout (the image's deadline): when the next wait would pass it, the last
 * failure is reported at once rather than after a sleep that cannot help.
 */
final class RetryInterceptor implements Interceptor {
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;

    RetryInterceptor(RetryPolicy policy, Sleeper sleeper, Clock clock) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        // Only requests that can be repeated safely; this tool only ever reads.
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return chain.proceed(request);
        }
        Tries tries = request.tag(Tries.class);
        BodyLimit limit = request.tag(BodyLimit.class);
        long bodyLimit = limit != null ? limit.bytes() : Limits.SMALL_BODY_BYTES;
        long started = System.nanoTime();
        long budget = chain.call().timeout().timeoutNanos();
        for (int attempt = 1; ; attempt++) {
            if (tries != null) {
                tries.started(attempt);
            }
            Response response;
            try {
                response = proceedAndReadAhead(chain, request, bodyLimit);
            } catch (IOException e) {
                // A probe's closed or garbled connection is its answer: the server does not speak plain HTTP.
                if (chain.call().isCanceled() || (request.tag(SchemeProbe.class) != null && SchemeProbe.refusedPlainHttp(e))) {
                    throw e;
                }
                RetryPolicy.Decision decision = policy.afterFailure(attempt, e);
                if (!canWait(decision, started, budget, tries)) {
                    throw e;
                }
                sleep(decision.delay());
                continue;
            }
            if (response.isSuccessful()) {
                return response;
            }
            RetryPolicy.Decision decision = policy.afterStatus(attempt, response.code(),
                    RetryAfter.of(response, clock.instant()));
            if (!canWait(decision, started, budget, tries)) {
                return response;
            }
            response.close();
            sleep(decision.delay());
        }
    }

    private static Response proceedAndReadAhead(Chain chain, Request request, long bodyLimit) throws IOException {
        Response response = chain.proceed(request);
        if (response.isSuccessful()) {
            try {
                BoundedBody.readAhead(response.body(), bodyLimit);
            } catch (IOException e) {
                response.close();
                throw e;
            }
        }
        return response;
    }

    /** Whether to try again: the policy says so and the wait ends before the call's timeout would. */
    private static boolean canWait(RetryPolicy.Decision decision, long started, long budget, Tries tries) {
        String stop = decision.reason();
        if (decision.retry() && budget > 0
                && System.nanoTime() - started + decision.delay().toNanos() >= budget) {
            stop = "no time left for another try within the time limit";
        }
        if (stop != null && tries != null) {
            tries.stoppedBecause(stop);
        }
        return decision.retry() && stop == null;
    }

    private void sleep(Duration delay) throws InterruptedIOException {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }
}

package dev.labels.registry.transport;

import dev.labels.registry.http.Limits;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Docker Hub's pull limit, in one place. Docker Hub counts every manifest GET as a pull (a HEAD is free),
 * 100 per six hours per IP address anonymously, and once none are left answers 429 TOOMANYREQUESTS "You have
 * reached your pull rate limit" for hours. Every try of every manifest request passes here (this interceptor sits
 * inside the {@link RetryInterceptor}):
 * <ol>
 *   <li>a manifest GET to a host whose limit this run saw reached ({@link PullLimits}) is not sent: it fails
 *       at once. HEADs go on, so that images in the cache are still checked and read;</li>
 *   <li>every manifest answer's count ({@link PullQuota}) is logged with -v, and told to {@link PullLimits};</li>
 *   <li>the signal that the limit is reached, an error TOOMANYREQUESTS that speaks of the pull rate limit or a
 *       429 that says no pull remains, marks the host's limit reached and fails the request with
 *       {@link PullLimitException}, which is not retried ({@link RetryPolicy} retries no such failure): no
 *       retry within minutes cures a window of hours. A success that says none remain marks it too.</li>
 * </ol>
 * A plain 429 (Docker Hub's abuse limit, other registries' rate limits) goes back as it came, for the retry
 * interceptor to wait as {@code Retry-After} says.
 */
public final class PullLimitGuard implements Interceptor {
    /** The tag ({@code Request.tag}) of a registry's manifest request, set by {@link RequestSender}. */
    enum ManifestRead { TAG }

    /** A manifest request that the pull limit stopped, as the signal or because the limit was reached before. */
    static final class PullLimitException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;

        /** @param status the answer's HTTP status, or 0 when the request was not sent */
        PullLimitException(String message, int status) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    private final PullLimits limits;
    private final boolean verbose;

    PullLimitGuard(PullLimits limits, boolean verbose) {
        this.limits = limits;
        this.verbose = verbose;
    }

    /** host[:port] as references write it: the port only when it is not the scheme's default. */
    public static String hostOf(HttpUrl url) {
        return url.port() == HttpUrl.defaultPort(url.scheme()) ? url.host() : url.host() + ":" + url.port();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (request.tag(ManifestRead.class) == null) {
            return chain.proceed(request);
        }
        String host = hostOf(request.url());
        boolean get = request.method().equals("GET");
        Optional<PullLimits.Reached> before = limits.reached(host);
        if (get && before.isPresent()) {
            throw new PullLimitException("not asked for: " + before.get().describe(limits.now()), 0);
        }
        Response response = chain.proceed(request);
        PullQuota quota = PullQuota.of(response.headers());
        if (quota.reported()) {
            if (verbose) {
                HttpLog.debug("pull limit of {}: {}", host, count(quota));
            }
            limits.counted(host, quota, get && response.isSuccessful());
        }
        if (response.isSuccessful()) {
            if (quota.exhausted()) {
                limits.reach(host, quota, resetIn(response, quota));
            }
            return response;
        }
        String refusal = refusal(response, quota);
        if (refusal == null) {
            return response;
        }
        response.close();
        PullLimits.Reached reached = limits.reach(host, quota, resetIn(response, quota));
        throw new PullLimitException(refusal + "; " + reached.describe(limits.now()), response.code());
    }

    /** The registry's words when its answer is the pull-limit signal, else null. */
    private static String refusal(Response response, PullQuota quota) throws IOException {
        List<String> codes = new ArrayList<>();
        String detail = ErrorResponses.describe(response, response.peekBody(Limits.SMALL_BODY_BYTES).string(), codes);
        boolean saysSo = codes.contains(ErrorResponses.RATE_LIMIT_CODE)
                && detail.toLowerCase(Locale.ROOT).contains("pull rate limit");
        boolean noneLeft = response.code() == 429 && quota.exhausted();
        return saysSo || noneLeft ? detail : null;
    }

    /** When the window resets, if the registry said: Retry-After, else ratelimit-reset. */
    private Duration resetIn(Response response, PullQuota quota) {
        Optional<Duration> retryAfter = RetryAfter.of(response, limits.now());
        if (retryAfter.isPresent()) {
            return retryAfter.get();
        }
        return quota.resetSeconds() == null ? null : Duration.ofSeconds(quota.resetSeconds());
    }

    /** "86 of 100 left (per 21600 s; source 203.0.113.7)", for the -v log. */
    private static String count(PullQuota quota) {
        List<String> details = new ArrayList<>();
        if (quota.windowSeconds() != null) {
            details.add("per " + quota.windowSeconds() + " s");
        }
        if (quota.source() != null) {
            details.add("source " + quota.source());
        }
        return (quota.remaining() == null ? "?" : quota.remaining()) + " of "
                + (quota.limit() == null ? "?" : quota.limit()) + " left"
                + (details.isEmpty() ? "" : " (" + String.join("; ", details) + ")");
    }
}

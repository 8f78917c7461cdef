package dev.labels.testing;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import okhttp3.Headers;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;

/**
 * Docker Hub's pull limit in front of a real registry: a plain-HTTP server on loopback that forwards
 * {@code /v2/} GETs and HEADs to a {@link LocalRegistry} (Authorization, Accept and the registry's 401 challenge
 * pass through, so the token handshake is the real one) and answers about its limit as registry-1.docker.io
 * does (docs.docker.com/docker-hub/usage/pulls/):
 * <ul>
 *   <li>every manifest answer, HEAD or GET, carries {@code ratelimit-limit: 100;w=21600},
 *       {@code ratelimit-remaining: N;w=21600} and {@code docker-ratelimit-source};</li>
 *   <li>a manifest GET that gets past the token check is a pull, a HEAD is not;</li>
 *   <li>once no pull remains, a manifest GET gets 429 {@code TOOMANYREQUESTS} "You have reached your pull rate
 *       limit...", with {@code ratelimit-remaining: 0}, however often it is sent.</li>
 * </ul>
 * It counts what it is sent, so that tests can say how many pulls a run cost.
 */
public final class FakeDockerHub implements AutoCloseable {
    public static final int LIMIT = 100;
    public static final int WINDOW_SECONDS = 21600;
    public static final String SOURCE = "203.0.113.7";
    public static final String PULL_LIMIT_MESSAGE = "You have reached your pull rate limit. You may increase the "
            + "limit by authenticating and upgrading: https://www.docker.com/increase-rate-limits";
    /** The answer headers that registry clients read; the rest are dropped. */
    private static final List<String> PASSED_HEADERS = List.of("Content-Type", "Docker-Content-Digest",
            "Docker-Distribution-Api-Version", "WWW-Authenticate", "Link");

    private final LocalRegistry upstream;
    private final MockWebServer server = new MockWebServer();
    private final AtomicInteger pullsLeft;
    private final AtomicInteger pullAttempts = new AtomicInteger();
    private final AtomicInteger manifestHeads = new AtomicInteger();
    private final AtomicInteger plainTooManyLeft = new AtomicInteger();
    /** Every request, in the order it came. */
    public final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    /**
     * The limit headers of a manifest answer, given the pulls left after it; by default Docker Hub's. Tests set
     * it to send none, or hostile ones.
     */
    public volatile IntFunction<Headers> limitHeaders = FakeDockerHub::dockerHubHeaders;
    /** Extra headers of the pull-limit 429 (Docker Hub sends no Retry-After; other services may). */
    public volatile Headers pullLimitExtraHeaders = Headers.of();
    private volatile String plainTooManyRetryAfter = "1";

    public FakeDockerHub(LocalRegistry upstream, int pullsLeft) throws IOException {
        this.upstream = upstream;
        this.pullsLeft = new AtomicInteger(pullsLeft);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                return answer(request);
            }
        });
        server.start();
    }

    /** {@code localhost:PORT}, the registry part of a reference. */
    public String host() {
        return "localhost:" + server.getPort();
    }

    /** {@code http://localhost:PORT}, for --mirror. */
    public String url() {
        return "http://" + host();
    }

    public void setPullsLeft(int pulls) {
        pullsLeft.set(pulls);
    }

    /**
     * The next {@code count} manifest requests get a plain 429 (Docker Hub's abuse limit, or another registry's
     * rate limit) with {@code Retry-After} and a limit that is not reached, before any pull is counted.
     */
    public void tooManyRequestsFirst(int count, String retryAfter) {
        plainTooManyRetryAfter = retryAfter;
        plainTooManyLeft.set(count);
    }

    /** Manifest GETs that reached the pull limiter (sent with a token): what Docker Hub counts or refuses. */
    public int pullAttempts() {
        return pullAttempts.get();
    }

    /** Manifest GETs of any kind, the challenge's 401s included. */
    public long manifestGets() {
        return requests.stream().filter(r -> r.getMethod().equals("GET") && isManifest(r)).count();
    }

    public int manifestHeads() {
        return manifestHeads.get();
    }

    public static Headers dockerHubHeaders(int remaining) {
        return new Headers.Builder()
                .add("ratelimit-limit", LIMIT + ";w=" + WINDOW_SECONDS)
                .add("ratelimit-remaining", remaining + ";w=" + WINDOW_SECONDS)
                .add("docker-ratelimit-source", SOURCE)
                .build();
    }

    private static boolean isManifest(RecordedRequest request) {
        return request.getRequestUrl().encodedPath().contains("/manifests/");
    }

    private MockResponse answer(RecordedRequest request) {
        String method = request.getMethod();
        boolean manifest = isManifest(request);
        boolean authorized = request.getHeader("Authorization") != null;
        if (manifest && authorized && plainTooManyLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            MockResponse slowDown = error(429, "TOOMANYREQUESTS", "Too Many Requests")
                    .setHeader("Retry-After", plainTooManyRetryAfter);
            return slowDown.setHeaders(withLimit(slowDown, pullsLeft.get()));
        }
        if (manifest && authorized && method.equals("GET")) {
            pullAttempts.incrementAndGet();
            if (pullsLeft.getAndUpdate(n -> Math.max(0, n - 1)) == 0) {
                MockResponse refused = error(429, "TOOMANYREQUESTS", PULL_LIMIT_MESSAGE);
                Headers.Builder headers = withLimit(refused, 0).newBuilder();
                pullLimitExtraHeaders.forEach(header -> headers.add(header.getFirst(), header.getSecond()));
                return refused.setHeaders(headers.build());
            }
        } else if (manifest && authorized && method.equals("HEAD")) {
            manifestHeads.incrementAndGet();
        }
        MockResponse forwarded = forward(request);
        if (manifest && authorized) {
            forwarded.setHeaders(withLimit(forwarded, pullsLeft.get()));
        }
        if (method.equals("HEAD")) {
            // MockWebServer would send a body to HEAD too, which no HTTP server does.
            return new MockResponse().setResponseCode(Integer.parseInt(forwarded.getStatus().split(" ")[1]))
                    .setHeaders(forwarded.getHeaders());
        }
        return forwarded;
    }

    private Headers withLimit(MockResponse response, int remaining) {
        Headers.Builder headers = response.getHeaders().newBuilder();
        limitHeaders.apply(remaining).forEach(header -> headers.add(header.getFirst(), header.getSecond()));
        return headers.build();
    }

    private MockResponse forward(RecordedRequest request) {
        Request.Builder upstreamRequest = new Request.Builder().url(upstream.url() + request.getPath())
                .method(request.getMethod(), null)
                .header("Accept-Encoding", "identity");
        for (String name : List.of("Accept", "Authorization")) {
            String value = request.getHeader(name);
            if (value != null) {
                upstreamRequest.header(name, value);
            }
        }
        try (Response response = upstream.client().newCall(upstreamRequest.build()).execute()) {
            MockResponse answer = new MockResponse().setResponseCode(response.code());
            for (String name : PASSED_HEADERS) {
                for (String value : response.headers(name)) {
                    answer.addHeader(name, value);
                }
            }
            if (!request.getMethod().equals("HEAD")) {
                answer.setBody(new Buffer().write(response.body().bytes()));
            }
            return answer;
        } catch (IOException e) {
            return new MockResponse().setResponseCode(502).setBody("upstream failed: " + e);
        }
    }

    private static MockResponse error(int status, String code, String message) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}]}");
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
    }
}

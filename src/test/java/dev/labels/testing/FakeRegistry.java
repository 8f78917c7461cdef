package dev.labels.testing;

import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;

/**
 * A registry speaking just enough of the distribution API for client tests, with the auth scheme of a real
 * one: none, Basic (like ECR or Artifactory) or Bearer with a token service on another port (like Docker Hub).
 * Blobs can be served through a 307 to a separate "storage" server, as registries backed by S3 do.
 */
public final class FakeRegistry implements AutoCloseable {
    public enum Auth { NONE, BASIC, BEARER }

    public static final String USER = "user";
    public static final String PASSWORD = "pa:ss word";
    public static final String TOKEN = "fake-token-123";

    public final MockWebServer registry = new MockWebServer();
    public final MockWebServer tokens = new MockWebServer();
    public final MockWebServer storage = new MockWebServer();
    public final List<RecordedRequest> registryRequests = new CopyOnWriteArrayList<>();
    public final List<RecordedRequest> tokenRequests = new CopyOnWriteArrayList<>();
    public final List<RecordedRequest> storageRequests = new CopyOnWriteArrayList<>();

    private final Auth auth;
    private final Map<String, MockResponse> manifests = new ConcurrentHashMap<>();
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, List<String>> tags = new ConcurrentHashMap<>();
    /** Tags per page of tags/list when the client does not ask for fewer. */
    public volatile int tagPageSize = 2;
    /** Whether the Link header of tag pages is absolute (some registries) or relative (Distribution). */
    public volatile boolean absoluteTagLinks;
    public volatile boolean redirectBlobs;
    public volatile boolean tokenNeedsCredentials;
    /** The token service's answer; by default {"token": TOKEN, "expires_in": 300}. */
    public volatile MockResponse tokenResponse;

    /** Which of the fake's servers answers, for {@link #tamper}. */
    public enum Server { REGISTRY, TOKENS, STORAGE }

    /** Fault injection: sees every request and the answer the fake would give, and may answer otherwise. */
    @FunctionalInterface
    public interface Tamper {
        MockResponse answer(Server server, RecordedRequest request, MockResponse normal);
    }

    public volatile Tamper tamper = (server, request, normal) -> normal;

    /** Answers the first requests to {@code server} with {@code faults}, in order, then normally. */
    public void failFirst(Server server, MockResponse... faults) {
        java.util.Queue<MockResponse> queue = new java.util.concurrent.ConcurrentLinkedQueue<>(List.of(faults));
        tamper = (s, request, normal) -> {
            MockResponse fault = s == server ? queue.poll() : null;
            return fault != null ? fault : normal;
        };
    }

    public FakeRegistry(Auth auth) throws IOException {
        this.auth = auth;
        registry.setDispatcher(dispatcher(Server.REGISTRY, registryRequests, this::serveRegistry));
        tokens.setDispatcher(dispatcher(Server.TOKENS, tokenRequests, this::serveToken));
        storage.setDispatcher(dispatcher(Server.STORAGE, storageRequests, this::serveStorage));
        registry.start();
        tokens.start();
        storage.start();
    }

    /** host:port of the registry, for references: localhost:PORT/repo:tag. */
    public String host() {
        return "localhost:" + registry.getPort();
    }

    /** {@code HOST=http://HOST}: the --mirror value that tells the client this registry speaks plain HTTP. */
    public String plainHttpMirror() {
        return host() + "=http://" + host();
    }

    /** Stores a single-platform Docker v2 image under repository:tag (and its digest); returns the manifest. */
    public byte[] pushImage(String repository, String tag, Map<String, String> labels) {
        byte[] config = TestImages.config("linux", "amd64", labels);
        byte[] manifest = TestImages.manifest(TestImages.DOCKER_V2, TestImages.DOCKER_CONFIG, config);
        putBlob(config);
        putManifest(repository, tag, TestImages.DOCKER_V2, manifest);
        putManifest(repository, TestImages.sha256(manifest), TestImages.DOCKER_V2, manifest);
        return manifest;
    }

    public void putManifest(String repository, String reference, String mediaType, byte[] body) {
        manifests.put(repository + "@" + reference, new MockResponse()
                .setHeader("Content-Type", mediaType)
                .setHeader("Docker-Content-Digest", TestImages.sha256(body))
                .setBody(new Buffer().write(body)));
    }

    public void putTags(String repository, List<String> names) {
        tags.put(repository, List.copyOf(names));
    }

    public void putBlob(byte[] content) {
        blobs.put(TestImages.sha256(content), content);
    }

    public void putBlob(String digest, byte[] content) {
        blobs.put(digest, content);
    }

    private MockResponse serveRegistry(RecordedRequest request) {
        String path = request.getRequestUrl().encodedPath();
        String repository = repositoryOf(path);
        if (!authorized(request.getHeader("Authorization"))) {
            return challenge(repository);
        }
        if (path.endsWith("/tags/list")) {
            return tagPage(request, repository);
        }
        int manifestsAt = path.indexOf("/manifests/");
        if (manifestsAt > 0) {
            MockResponse found = manifests.get(repository + "@" + path.substring(manifestsAt + "/manifests/".length()));
            // The dispatcher strips the body from answers to HEAD.
            return found != null ? found.clone() : error(404, "MANIFEST_UNKNOWN", "manifest unknown");
        }
        int blobsAt = path.indexOf("/blobs/");
        if (blobsAt > 0) {
            String digest = path.substring(blobsAt + "/blobs/".length());
            if (!blobs.containsKey(digest)) {
                return error(404, "BLOB_UNKNOWN", "blob unknown");
            }
            if (redirectBlobs) {
                return new MockResponse().setResponseCode(307)
                        .setHeader("Location", storage.url("/storage/" + digest).toString());
            }
            return new MockResponse().setBody(new Buffer().write(blobs.get(digest)));
        }
        return error(404, "NAME_UNKNOWN", "repository name not known");
    }

    /** Distribution's pagination: n and last, and a Link to the next page while there is one. */
    private MockResponse tagPage(RecordedRequest request, String repository) {
        List<String> all = tags.get(repository);
        if (all == null) {
            return error(404, "NAME_UNKNOWN", "repository name not known");
        }
        String last = request.getRequestUrl().queryParameter("last");
        String n = request.getRequestUrl().queryParameter("n");
        int size = Math.min(tagPageSize, n == null ? Integer.MAX_VALUE : Integer.parseInt(n));
        int from = last == null ? 0 : all.indexOf(last) + 1;
        List<String> page = all.subList(from, Math.min(all.size(), from + size));
        MockResponse response = new MockResponse().setHeader("Content-Type", "application/json")
                .setBody(new String(TestImages.json(Map.of("name", repository, "tags", page)),
                        java.nio.charset.StandardCharsets.UTF_8));
        if (from + size < all.size()) {
            String next = "/v2/" + repository + "/tags/list?n=" + size + "&last=" + page.get(page.size() - 1);
            String link = absoluteTagLinks ? registry.url(next).toString() : next;
            response.setHeader("Link", "<" + link + ">; rel=\"next\"");
        }
        return response;
    }

    private boolean authorized(String header) {
        return switch (auth) {
            case NONE -> true;
            case BASIC -> basic().equals(header);
            case BEARER -> ("Bearer " + TOKEN).equals(header);
        };
    }

    private MockResponse challenge(String repository) {
        String value = auth == Auth.BASIC
                ? "Basic realm=\"fake\""
                : "Bearer realm=\"" + tokens.url("/token") + "\",service=\"fake-registry\",scope=\"repository:"
                        + repository + ":pull\"";
        return error(401, "UNAUTHORIZED", "authentication required").setHeader("WWW-Authenticate", value);
    }

    private MockResponse serveToken(RecordedRequest request) {
        if (tokenNeedsCredentials && !basic().equals(request.getHeader("Authorization"))) {
            return new MockResponse().setResponseCode(401).setBody("{\"details\":\"incorrect username or password\"}");
        }
        MockResponse custom = tokenResponse;
        return custom != null ? custom.clone()
                : new MockResponse().setBody("{\"token\":\"" + TOKEN + "\",\"expires_in\":300}");
    }

    private MockResponse serveStorage(RecordedRequest request) {
        String digest = request.getRequestUrl().encodedPath().substring("/storage/".length());
        byte[] content = blobs.get(digest);
        return content == null ? new MockResponse().setResponseCode(404)
                : new MockResponse().setBody(new Buffer().write(content));
    }

    public static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static MockResponse error(int status, String code, String message) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}]}");
    }

    private static String repositoryOf(String path) {
        String rest = path.substring("/v2/".length());
        int end = rest.indexOf("/manifests/");
        if (end < 0) {
            end = rest.indexOf("/blobs/");
        }
        if (end < 0 && rest.endsWith("/tags/list")) {
            end = rest.length() - "/tags/list".length();
        }
        return end < 0 ? rest : rest.substring(0, end);
    }

    private Dispatcher dispatcher(Server server, List<RecordedRequest> log,
                                  java.util.function.Function<RecordedRequest, MockResponse> handler) {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                log.add(request);
                MockResponse answer = tamper.answer(server, request, handler.apply(request));
                // MockWebServer would send a body even to HEAD, which no HTTP server does (and which leaves
                // the rest of the body on the connection for the next request to trip over).
                return answer != null && request.getMethod().equals("HEAD")
                        ? new MockResponse().setResponseCode(answer.getStatus().isEmpty() ? 200
                                : Integer.parseInt(answer.getStatus().split(" ")[1])).setHeaders(answer.getHeaders())
                        : answer;
            }
        };
    }

    @Override
    public void close() throws IOException {
        registry.shutdown();
        tokens.shutdown();
        storage.shutdown();
    }
}

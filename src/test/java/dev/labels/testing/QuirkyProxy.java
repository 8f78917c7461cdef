package dev.labels.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;

/**
 * A proxy in front of a {@link LocalRegistry} that passes everything through and adds the quirks real
 * registries have, one test at a time: manifest HEADs refused or without a digest, tag lists paged each
 * registry's way, a token service that refuses anonymous users. What it forwards is the real registry's
 * answer (its auth challenges, errors and bytes); it counts every request it sees, so tests can show what a
 * quirk costs.
 */
public final class QuirkyProxy implements AutoCloseable {

    /** What happens to manifest requests. */
    public enum Quirk {
        /** HEAD on a manifest answers 405 Method Not Allowed (older Nexus, some proxies and gateways). */
        HEAD_405,
        /** HEAD on a manifest answers 404 while GET serves it (some proxies). */
        HEAD_404,
        /** No {@code Docker-Content-Digest} on HEAD or GET (Artifactory, registry.access.redhat.com). */
        NO_DIGEST,
        /** HEAD answered with {@code Content-Type: application/octet-stream}, digest header kept. */
        HEAD_OCTET_STREAM
    }

    /** How tag lists are paged. The real registry (Distribution 2.8) sends every tag at once and ignores n and last. */
    public enum Paging {
        /** Forwarded as the registry answers. */
        AS_IS,
        /** Docker Hub, GHCR, Distribution 3: {@code Link: </v2/NAME/tags/list?n=N&last=T>; rel="next"}. */
        RELATIVE_LINK,
        /** The Link as an absolute URL on this same host. */
        ABSOLUTE_LINK,
        /** Quay: a relative Link whose cursor is an opaque {@code next_page} value instead of {@code last}. */
        CURSOR_LINK,
        /** Artifactory (RTFACT-18971): the Link's path lacks the repository's first segment, its key. */
        KEY_DROPPED_LINK,
        /** A Nexus connector port (nexus-public#1011): an absolute Link under {@code /repository/hosted/}, which it answers 400. */
        INTERNAL_PATH_LINK,
        /** A Link to another host, {@link #elsewhereRequests}: a registry that would send our credentials away. */
        OTHER_HOST_LINK,
        /** A Nexus group (NEXUS-35956): pages of exactly n tags, honouring last, without any Link. */
        NO_LINK
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TAGS_LIST = "/tags/list";

    private final LocalRegistry registry;
    private final MockWebServer proxy = new MockWebServer();
    private final MockWebServer elsewhere = new MockWebServer();
    /** Every request the proxy got, in order. */
    public final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    /** Every request the other host of {@link Paging#OTHER_HOST_LINK} got: none is the right number. */
    public final List<RecordedRequest> elsewhereRequests = new CopyOnWriteArrayList<>();

    public volatile Set<Quirk> quirks = EnumSet.noneOf(Quirk.class);
    public volatile Paging paging = Paging.AS_IS;
    /** Tags per page when the client asks for more or names no n (Docker Hub sends 100; small here). */
    public volatile int pageSize = 2;
    /** When above 0, a page request with a larger n gets 400 PAGINATION_NUMBER_INVALID (ECR: 1000). */
    public volatile int maxN;
    /**
     * When 401 or 403, the registry's challenge names this proxy's token service, which answers anonymous
     * requests with that status for every repository outside {@code public/}, as GHCR does for private and
     * missing ones, and forwards the rest to the real token service.
     */
    public volatile int anonymousTokenStatus;

    private QuirkyProxy(LocalRegistry registry) {
        this.registry = registry;
    }

    /** Starts a proxy for {@code registry} on a free port of 127.0.0.1, with no quirk yet. */
    public static QuirkyProxy start(LocalRegistry registry) {
        QuirkyProxy quirky = new QuirkyProxy(registry);
        try {
            quirky.proxy.setDispatcher(recording(quirky.requests, quirky::answer));
            quirky.elsewhere.setDispatcher(recording(quirky.elsewhereRequests, request -> tagPage("elsewhere",
                    List.of("from-elsewhere"))));
            InetAddress loopback = InetAddress.getByName("127.0.0.1");
            quirky.proxy.start(loopback, 0);
            quirky.elsewhere.start(loopback, 0);
            return quirky;
        } catch (IOException e) {
            quirky.close();
            throw new UncheckedIOException("could not start the quirky proxy", e);
        }
    }

    /** {@code 127.0.0.1:PORT}, the registry part of references that go through the proxy. */
    public String host() {
        return "127.0.0.1:" + proxy.getPort();
    }

    public QuirkyProxy with(Quirk... chosen) {
        quirks = chosen.length == 0 ? EnumSet.noneOf(Quirk.class) : EnumSet.of(chosen[0], chosen);
        return this;
    }

    /** How many requests with {@code method} to a path containing {@code pathPart} the proxy got. */
    public long count(String method, String pathPart) {
        return requests.stream().filter(r -> r.getMethod().equals(method) && r.getPath().contains(pathPart)).count();
    }

    @Override
    public void close() {
        for (MockWebServer server : List.of(proxy, elsewhere)) {
            try {
                server.shutdown();
            } catch (IOException e) {
                // a server that never started
            }
        }
    }

    private MockResponse answer(RecordedRequest request) {
        String path = request.getRequestUrl().encodedPath();
        if (path.equals("/token")) {
            return token(request);
        }
        if (!path.startsWith("/v2/")) {
            return error(400, "UNSUPPORTED", "this port serves /v2/ only");
        }
        if (path.endsWith(TAGS_LIST) && paging != Paging.AS_IS) {
            return tags(request, path.substring("/v2/".length(), path.length() - TAGS_LIST.length()));
        }
        MockResponse answer = forward(request, HttpUrl.get(registry.url() + request.getPath()));
        if (!path.contains("/manifests/")) {
            return answer;
        }
        boolean head = request.getMethod().equals("HEAD");
        boolean served = answer.getStatus().contains(" 200 ");
        Set<Quirk> now = quirks;
        if (head && served && now.contains(Quirk.HEAD_405)) {
            return new MockResponse().setResponseCode(405).setHeader("Allow", "GET").setHeader("Content-Length", "0");
        }
        if (head && served && now.contains(Quirk.HEAD_404)) {
            return new MockResponse().setResponseCode(404).setHeader("Content-Length", "0");
        }
        if (now.contains(Quirk.NO_DIGEST)) {
            answer.removeHeader("Docker-Content-Digest");
        }
        if (head && now.contains(Quirk.HEAD_OCTET_STREAM)) {
            answer.setHeader("Content-Type", "application/octet-stream");
        }
        return answer;
    }

    /** A tag list page as {@link #paging} says, cut from the registry's whole list in lexical order. */
    private MockResponse tags(RecordedRequest request, String repository) {
        MockResponse whole = forward(request, HttpUrl.get(registry.url() + "/v2/" + repository + TAGS_LIST));
        if (!whole.getStatus().contains(" 200 ")) {
            return whole;
        }
        List<String> all = new ArrayList<>();
        try {
            JsonNode tags = JSON.readTree(whole.getBody().readUtf8()).path("tags");
            tags.forEach(tag -> all.add(tag.asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        all.sort(null);
        HttpUrl url = request.getRequestUrl();
        String n = url.queryParameter("n");
        if (n != null && maxN > 0 && Integer.parseInt(n) > maxN) {
            return error(400, "PAGINATION_NUMBER_INVALID", "invalid number of results requested");
        }
        int size = n == null ? pageSize : paging == Paging.NO_LINK ? Integer.parseInt(n)
                : Math.min(Integer.parseInt(n), pageSize);
        String cursor = url.queryParameter("next_page");
        String last = cursor != null ? new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                : url.queryParameter("last");
        int from = last == null ? 0 : all.indexOf(last) + 1;
        List<String> page = all.subList(from, Math.min(all.size(), from + size));
        MockResponse answer = tagPage(repository, page);
        if (from + size < all.size() && paging != Paging.NO_LINK) {
            answer.setHeader("Link", "<" + link(repository, size, page.get(page.size() - 1)) + ">; rel=\"next\"");
        }
        return answer;
    }

    private String link(String repository, int size, String last) {
        String query = "?n=" + size + "&last=" + last;
        return switch (paging) {
            case RELATIVE_LINK -> "/v2/" + repository + TAGS_LIST + query;
            case ABSOLUTE_LINK -> proxy.url("/v2/" + repository + TAGS_LIST + query).toString();
            case CURSOR_LINK -> "/v2/" + repository + TAGS_LIST + "?n=" + size + "&next_page="
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8));
            case KEY_DROPPED_LINK -> "/v2/" + repository.substring(repository.indexOf('/') + 1) + TAGS_LIST + query;
            case INTERNAL_PATH_LINK -> proxy.url("/repository/hosted/v2/" + repository + TAGS_LIST + query).toString();
            case OTHER_HOST_LINK -> elsewhere.url("/v2/" + repository + TAGS_LIST + query).toString();
            case AS_IS, NO_LINK -> throw new IllegalStateException("no Link in " + paging);
        };
    }

    /** The proxy's token service: GHCR's refusal of anonymous users, else the real token service's answer. */
    private MockResponse token(RecordedRequest request) {
        String scope = String.valueOf(request.getRequestUrl().queryParameter("scope"));
        int refusal = anonymousTokenStatus;
        if (refusal != 0 && request.getHeader("Authorization") == null
                && !scope.startsWith("repository:" + Fixtures.PUBLIC + "/")) {
            return error(refusal, "DENIED", "requested access to the resource is denied");
        }
        HttpUrl real = HttpUrl.get(registry.tokenServer().realm()).newBuilder()
                .encodedQuery(request.getRequestUrl().encodedQuery()).build();
        return forward(request, real);
    }

    /** The real answer to {@code request} sent on to {@code target}, with the realm pointed here when asked. */
    private MockResponse forward(RecordedRequest request, HttpUrl target) {
        Request.Builder upstream = new Request.Builder().url(target);
        for (String name : List.of("Accept", "Authorization")) {
            String value = request.getHeader(name);
            if (value != null) {
                upstream.header(name, value);
            }
        }
        upstream.method(request.getMethod(), request.getMethod().equals("PUT") || request.getMethod().equals("POST")
                ? RequestBody.create(request.getBody().readByteArray(), null) : null);
        try (Response response = registry.client().newCall(upstream.build()).execute()) {
            MockResponse answer = new MockResponse().setResponseCode(response.code());
            Headers.Builder headers = new Headers.Builder();
            for (String name : response.headers().names()) {
                if (!name.equalsIgnoreCase("Transfer-Encoding") && !name.equalsIgnoreCase("Connection")) {
                    for (String value : response.headers(name)) {
                        headers.add(name, rewriteRealm(name, value));
                    }
                }
            }
            answer.setHeaders(headers.build());
            if (!request.getMethod().equals("HEAD")) {
                answer.setBody(new Buffer().write(response.body().bytes()));
            }
            return answer;
        } catch (IOException e) {
            return error(502, "UPSTREAM", "the registry behind the proxy did not answer: " + e.getMessage());
        }
    }

    private String rewriteRealm(String name, String value) {
        if (anonymousTokenStatus == 0 || !name.equalsIgnoreCase("WWW-Authenticate")) {
            return value;
        }
        return value.replace(registry.tokenServer().realm(), proxy.url("/token").toString());
    }

    private static MockResponse tagPage(String repository, List<String> tags) {
        try {
            return new MockResponse().setHeader("Content-Type", "application/json")
                    .setBody(JSON.writeValueAsString(Map.of("name", repository, "tags", tags)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MockResponse error(int status, String code, String message) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}]}");
    }

    private static Dispatcher recording(List<RecordedRequest> log, Function<RecordedRequest, MockResponse> handler) {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                log.add(request);
                return handler.apply(request);
            }
        };
    }
}

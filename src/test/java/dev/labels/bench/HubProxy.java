package dev.labels.bench;

import dev.labels.bench.HttpMessages.Request;
import dev.labels.bench.HttpMessages.Response;
import dev.labels.bench.LoopbackHttpServer.Answer;
import dev.labels.bench.LoopbackHttpServer.Delays;
import dev.labels.bench.Traffic.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local registry made to look like Docker Hub seen over a network, on three loopback ports:
 * <ul>
 *   <li>registry: every request waits {@link Delays#perRequest()} (and a new connection
 *       {@link Delays#perConnection()} more); requests without a valid Bearer token get a 401 whose
 *       challenge names the token port; manifests, tag lists and blob HEADs are forwarded to the real
 *       registry; blob GETs are answered with a 307 to a signed URL on the blob port (Docker Hub sends
 *       them to its CDN);</li>
 *   <li>token: {@code GET /token?service=bench&scope=repository:NAME:pull} issues an opaque token valid
 *       300 s;</li>
 *   <li>blob: serves the blob a signed URL names, read from the registry.</li>
 * </ul>
 * Either plain HTTP, all three named {@code 127.0.0.1}, or HTTPS as real registries are: each port under its
 * own host name ({@link #TLS_HOSTS}, which the caller makes resolve to 127.0.0.1) with its own certificate.
 * All three count what they see ({@link #traffic()}), delay alike, and close by themselves after
 * {@code maxLifetime}, whatever happens to the benchmark.
 */
final class HubProxy implements AutoCloseable {
    static final String SERVICE = "bench";
    /**
     * The HTTPS proxy's names, as Docker Hub's registry-1.docker.io, auth.docker.io and its CDN: under the
     * reserved {@code .test} domain, which no public DNS answers, and not loopback-looking, so that clients
     * treat them as they treat a registry on the internet.
     */
    static final Map<Traffic.Port, String> TLS_HOSTS = Collections.unmodifiableMap(new EnumMap<>(Map.of(
            Traffic.Port.REGISTRY, "registry.bench.test", Traffic.Port.TOKEN, "auth.bench.test",
            Traffic.Port.BLOB, "cdn.bench.test")));
    private static final String LOOPBACK = "127.0.0.1";
    /** How long a redirect to the blob port stays valid, like a pre-signed CDN URL. */
    private static final Duration BLOB_URL_LIFETIME = Duration.ofMinutes(10);
    /** Repository names and references as the distribution spec defines them (spec "Pulling manifests"). */
    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final Pattern NAME = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
    private static final Pattern TAG_OR_DIGEST = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}|[a-z0-9]+:[a-f0-9]{32,128}");
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+:[a-f0-9]{32,128}");
    private static final Pattern REGISTRY_PATH = Pattern.compile("/v2/(.+)/(manifests|blobs)/([^/]+)|/v2/(.+)/tags/list");
    private static final Pattern BLOB_PATH = Pattern.compile("/blobs/(.+)/([^/]+)");
    private static final String JSON = "application/json; charset=utf-8";
    private static final String API_VERSION = "registry/2.0";

    private final Traffic traffic;
    private final String scheme;
    private final Map<Traffic.Port, String> hosts;
    private final Tokens tokens = new Tokens();
    private final byte[] signingKey = new byte[32];
    private final Upstream upstream;
    private final LoopbackHttpServer tokenServer;
    private final LoopbackHttpServer blobServer;
    private final LoopbackHttpServer registryServer;
    private final Thread watchdog;

    /** @param certificates null for plain HTTP */
    private HubProxy(String registryUrl, Delays delays, Duration maxLifetime, BenchCertificates certificates)
            throws IOException {
        new SecureRandom().nextBytes(signingKey);
        boolean tls = certificates != null;
        traffic = new Traffic(tls ? "plain-HTTP probe" : "TLS probe");
        scheme = tls ? "https" : "http";
        hosts = tls ? TLS_HOSTS : Map.of(Traffic.Port.REGISTRY, LOOPBACK, Traffic.Port.TOKEN, LOOPBACK,
                Traffic.Port.BLOB, LOOPBACK);
        upstream = new Upstream(registryUrl);
        LoopbackHttpServer token = null;
        LoopbackHttpServer blob = null;
        try {
            token = LoopbackHttpServer.start("hub-token", Traffic.Port.TOKEN, traffic, delays, this::token,
                    tls ? certificates.serverSockets(hosts.get(Traffic.Port.TOKEN)) : null);
            blob = LoopbackHttpServer.start("hub-blob", Traffic.Port.BLOB, traffic, delays, this::blob,
                    tls ? certificates.serverSockets(hosts.get(Traffic.Port.BLOB)) : null);
            registryServer = LoopbackHttpServer.start("hub-registry", Traffic.Port.REGISTRY, traffic, delays,
                    this::registry, tls ? certificates.serverSockets(hosts.get(Traffic.Port.REGISTRY)) : null);
        } catch (IOException | RuntimeException e) {
            if (token != null) {
                token.close();
            }
            if (blob != null) {
                blob.close();
            }
            upstream.close();
            throw e;
        }
        tokenServer = token;
        blobServer = blob;
        watchdog = new Thread(() -> {
            try {
                Thread.sleep(maxLifetime.toMillis());
                close();
            } catch (InterruptedException e) {
                // closed normally
            }
        }, "hub-proxy-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /**
     * Plain HTTP, every port on {@code 127.0.0.1}.
     *
     * @param registryUrl the real registry, e.g. {@code http://127.0.0.1:5000}
     * @param maxLifetime the proxy closes itself after this, even if nobody calls {@link #close()}
     */
    static HubProxy start(String registryUrl, Delays delays, Duration maxLifetime) throws IOException {
        return new HubProxy(registryUrl, delays, maxLifetime, null);
    }

    /**
     * HTTPS under {@link #TLS_HOSTS}, each port with its certificate from {@code certificates}; the ports still
     * listen on 127.0.0.1 only.
     */
    static HubProxy startTls(String registryUrl, Delays delays, Duration maxLifetime, BenchCertificates certificates)
            throws IOException {
        return new HubProxy(registryUrl, delays, maxLifetime, certificates);
    }

    /**
     * {@code 127.0.0.1:PORT} or {@code registry.bench.test:PORT}: the registry part of image references that
     * go through the proxy.
     */
    String host() {
        return hosts.get(Traffic.Port.REGISTRY) + ":" + registryServer.port();
    }

    /** {@code http://127.0.0.1:PORT} or {@code https://registry.bench.test:PORT}, no trailing slash. */
    String registryUrl() {
        return scheme + "://" + host();
    }

    String tokenRealm() {
        return scheme + "://" + hosts.get(Traffic.Port.TOKEN) + ":" + tokenServer.port() + "/token";
    }


    Traffic traffic() {
        return traffic;
    }

    /** Idempotent. */
    @Override
    public void close() {
        registryServer.close();
        blobServer.close();
        tokenServer.close();
        upstream.close();
        if (Thread.currentThread() != watchdog) {
            watchdog.interrupt();
        }
    }

    private Answer registry(Request request) throws IOException {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return other(Response.text(405, "Method Not Allowed", "read-only").withHeader("Allow", "GET, HEAD"));
        }
        String path = request.path();
        if (path.equals("/v2/") || path.equals("/v2")) {
            if (!tokens.allows(request.header("authorization"), null)) {
                return challenge(null);
            }
            return new Answer(Kind.PING, Response.of(200, "OK", JSON, "{}".getBytes(StandardCharsets.UTF_8))
                    .withHeader("Docker-Distribution-Api-Version", API_VERSION));
        }
        Matcher route = REGISTRY_PATH.matcher(path);
        if (!route.matches()) {
            return other(error(404, "Not Found", "NAME_UNKNOWN", "no such route"));
        }
        boolean tags = route.group(4) != null;
        String repository = tags ? route.group(4) : route.group(1);
        if (!NAME.matcher(repository).matches()) {
            return other(error(400, "Bad Request", "NAME_INVALID", "invalid repository name"));
        }
        if (!tokens.allows(request.header("authorization"), repository)) {
            return challenge(repository);
        }
        if (tags) {
            String query = request.query() == null ? "" : "?" + request.query();
            return forwarded(Kind.TAGS, request, "/v2/" + repository + "/tags/list" + query);
        }
        String reference = route.group(3);
        if (!TAG_OR_DIGEST.matcher(reference).matches()) {
            return other(error(400, "Bad Request", "TAG_INVALID", "invalid reference"));
        }
        String upstreamPath = "/v2/" + repository + "/" + route.group(2) + "/" + reference;
        if (route.group(2).equals("manifests")) {
            return forwarded(request.method().equals("HEAD") ? Kind.MANIFEST_HEAD : Kind.MANIFEST_GET, request,
                    upstreamPath);
        }
        if (!DIGEST.matcher(reference).matches()) {
            return other(error(400, "Bad Request", "DIGEST_INVALID", "invalid digest"));
        }
        if (request.method().equals("HEAD")) {
            return forwarded(Kind.BLOB_HEAD, request, upstreamPath);
        }
        return new Answer(Kind.BLOB_REDIRECT, Response.of(307, "Temporary Redirect", null, new byte[0])
                .withHeader("Location", signedBlobUrl(repository, reference))
                .withHeader("Docker-Distribution-Api-Version", API_VERSION));
    }

    /** Docker Hub's challenge: the realm and service, and the scope the request needed (none for /v2/). */
    private Answer challenge(String repository) {
        String challenge = "Bearer realm=\"" + tokenRealm() + "\",service=\"" + SERVICE + "\""
                + (repository == null ? "" : ",scope=\"repository:" + repository + ":pull\"");
        return new Answer(Kind.CHALLENGE, error(401, "Unauthorized", "UNAUTHORIZED", "authentication required")
                .withHeader("WWW-Authenticate", challenge)
                .withHeader("Docker-Distribution-Api-Version", API_VERSION));
    }

    private Answer token(Request request) {
        if (!request.method().equals("GET") || !request.path().equals("/token")) {
            return other(Response.text(404, "Not Found", "the token endpoint is GET /token"));
        }
        List<Map.Entry<String, String>> parameters = HttpMessages.queryParameters(request.query());
        if (!SERVICE.equals(first(parameters, "service"))) {
            return other(Response.text(400, "Bad Request", "service must be " + SERVICE));
        }
        List<String> scopes = parameters.stream().filter(p -> p.getKey().equals("scope")).map(Map.Entry::getValue)
                .toList();
        String token = tokens.issue(scopes);
        if (token == null) {
            return other(Response.text(503, "Service Unavailable", "too many tokens issued"));
        }
        String body = "{\"token\":\"" + token + "\",\"access_token\":\"" + token + "\",\"expires_in\":"
                + Tokens.LIFETIME.toSeconds() + ",\"issued_at\":\"" + Instant.now() + "\"}";
        return new Answer(Kind.TOKEN, Response.of(200, "OK", JSON, body.getBytes(StandardCharsets.UTF_8)));
    }

    /** The blob port: {@code /blobs/NAME/DIGEST?expires=EPOCH&signature=HEX}, as the registry signed it. */
    private Answer blob(Request request) throws IOException {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return other(Response.text(405, "Method Not Allowed", "read-only").withHeader("Allow", "GET, HEAD"));
        }
        Matcher route = BLOB_PATH.matcher(request.path());
        if (!route.matches() || !NAME.matcher(route.group(1)).matches() || !DIGEST.matcher(route.group(2)).matches()) {
            return other(Response.text(404, "Not Found", "no such blob URL"));
        }
        String repository = route.group(1);
        String digest = route.group(2);
        List<Map.Entry<String, String>> parameters = HttpMessages.queryParameters(request.query());
        String expires = first(parameters, "expires");
        String signature = first(parameters, "signature");
        if (expires == null || !expires.matches("\\d{1,12}") || signature == null
                || !signature.equals(signature(repository, digest, expires))) {
            return other(Response.text(403, "Forbidden", "bad signature"));
        }
        if (Instant.now().getEpochSecond() > Long.parseLong(expires)) {
            return other(Response.text(403, "Forbidden", "expired"));
        }
        Response response = upstream.forward(request.method(), "/v2/" + repository + "/blobs/" + digest, null);
        if (response.status() != 200) {
            return other(response);
        }
        Response bytes = Response.of(200, "OK", "application/octet-stream", response.body())
                .withContentLength(response.contentLength());
        return new Answer(Kind.BLOB_BYTES, bytes);
    }

    private Answer forwarded(Kind kind, Request request, String upstreamPath) throws IOException {
        Response response = upstream.forward(request.method(), upstreamPath, request.header("accept"));
        return new Answer(response.status() / 100 == 2 ? kind : Kind.OTHER, response);
    }

    private String signedBlobUrl(String repository, String digest) {
        String expires = Long.toString(Instant.now().plus(BLOB_URL_LIFETIME).getEpochSecond());
        return scheme + "://" + hosts.get(Traffic.Port.BLOB) + ":" + blobServer.port() + "/blobs/" + repository + "/" + digest
                + "?expires=" + expires + "&signature=" + signature(repository, digest, expires);
    }

    private String signature(String repository, String digest, String expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            byte[] signed = mac.doFinal((repository + "\n" + digest + "\n" + expires).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    /** The first value of a query parameter, or null. */
    private static String first(List<Map.Entry<String, String>> parameters, String name) {
        return parameters.stream().filter(p -> p.getKey().equals(name)).map(Map.Entry::getValue).findFirst()
                .orElse(null);
    }

    private static Answer other(Response response) {
        return new Answer(Kind.OTHER, response);
    }

    /** An error body as the distribution spec defines it ("Error codes"). */
    private static Response error(int status, String reason, String code, String message) {
        String body = "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}]}";
        return Response.of(status, reason, JSON, body.getBytes(StandardCharsets.UTF_8));
    }
}

package dev.labels.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Docker token server (https://distribution.github.io/distribution/spec/auth/token/) on a free loopback
 * port, for a {@link LocalRegistry} in {@link LocalRegistry.Mode#TOKEN} mode.
 *
 * <p>Answers {@code GET /token?service=..&scope=repository:NAME:ACTIONS&account=..} with an RS256 JWT whose
 * header carries the signing certificate in {@code x5c}: Distribution 2.8 checks that chain against its
 * {@code rootcertbundle}, then the signature, issuer, audience (= service) and times.
 *
 * <p>Policy, chosen to mirror Docker Hub:
 * <ul>
 *   <li>correct Basic credentials ({@link LocalRegistry#USER}/{@link LocalRegistry#PASSWORD}): pull and push
 *       on every requested scope (plus {@code delete} and {@code *} when asked for them);</li>
 *   <li>no credentials: pull only on repositories under {@code public/}; for anything else the token carries
 *       an empty access list, so the registry answers 401 as Docker Hub does for a private repository;</li>
 *   <li>wrong credentials: 401 with a JSON error, no token.</li>
 * </ul>
 */
public final class TestTokenServer implements AutoCloseable {

    /** Long enough for any test; short enough that a client which never refreshes is not hidden for long. */
    public static final int EXPIRES_IN_SECONDS = 300;
    static final String PATH = "/token";
    private static final String PUBLIC_PREFIX = "public/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final HttpServer server;
    private final ExecutorService executor;
    private final TokenSigningKey key;
    private final String service;
    private final String issuer;
    private final AtomicInteger requestCount = new AtomicInteger();
    private volatile boolean lastHadAuthorization;
    private volatile Map<String, List<String>> lastQuery = Map.of();

    private TestTokenServer(HttpServer server, ExecutorService executor, TokenSigningKey key, String service, String issuer) {
        this.server = server;
        this.executor = executor;
        this.key = key;
        this.service = service;
        this.issuer = issuer;
    }

    /** Starts serving on 127.0.0.1 at a port the OS picks, so there is no race for it. */
    static TestTokenServer start(TokenSigningKey key, String service, String issuer) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "test-token-server");
                thread.setDaemon(true); // never keeps the test JVM alive
                return thread;
            });
            server.setExecutor(executor);
            TestTokenServer tokenServer = new TestTokenServer(server, executor, key, service, issuer);
            server.createContext(PATH, tokenServer::handle);
            server.start();
            return tokenServer;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the test token server", e);
        }
    }

    /** The realm the registry sends clients to, e.g. {@code http://127.0.0.1:41234/token}. */
    public String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** The {@code service} the registry names in its challenge and expects as the token audience. */
    public String service() {
        return service;
    }

    /** How many requests reached the server since start or the last {@link #reset()}. */
    public int requestCount() {
        return requestCount.get();
    }

    /** Whether the most recent request carried an {@code Authorization} header at all. */
    public boolean lastRequestHadAuthorization() {
        return lastHadAuthorization;
    }

    /**
     * The most recent request's query parameters, decoded, in order; a list per name because {@code scope}
     * may repeat. Empty before the first request.
     */
    public Map<String, List<String>> lastQuery() {
        return lastQuery;
    }

    /** Forgets the counters, e.g. after pushing fixtures and before the request a test wants to observe. */
    public void reset() {
        requestCount.set(0);
        lastHadAuthorization = false;
        lastQuery = Map.of();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requestCount.incrementAndGet();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            lastHadAuthorization = authorization != null;
            Map<String, List<String>> query = parseQuery(exchange.getRequestURI().getRawQuery());
            lastQuery = query;

            if (!"GET".equals(exchange.getRequestMethod())) {
                // The OAuth2 POST flow (refresh tokens) is not needed by anything under test.
                sendError(exchange, 405, "UNSUPPORTED", "only GET is implemented by the test token server");
                return;
            }
            String requestedService = first(query, "service");
            if (requestedService != null && !requestedService.equals(service)) {
                sendError(exchange, 400, "DENIED", "unknown service '" + requestedService + "', expected '" + service + "'");
                return;
            }
            boolean authenticated = false;
            if (authorization != null) {
                if (!validBasic(authorization)) {
                    exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"labels-test-token\"");
                    sendError(exchange, 401, "UNAUTHORIZED", "incorrect username or password");
                    return;
                }
                authenticated = true;
            }
            List<Map<String, Object>> access = grant(query.getOrDefault("scope", List.of()), authenticated);
            String subject = authenticated ? LocalRegistry.USER : "";
            String token = signedToken(subject, access);

            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            ObjectNode body = JSON.createObjectNode();
            body.put("token", token);
            body.put("access_token", token);
            body.put("expires_in", EXPIRES_IN_SECONDS);
            body.put("issued_at", now.toString());
            send(exchange, 200, JSON.writeValueAsBytes(body));
        }
    }

    /** The access list for the requested scopes, following the policy in the class comment. */
    private static List<Map<String, Object>> grant(List<String> scopeParameters, boolean authenticated) {
        List<Map<String, Object>> access = new ArrayList<>();
        for (String parameter : scopeParameters) {
            // Clients may repeat the scope parameter or, OAuth2 style, separate scopes with spaces.
            for (String scope : parameter.trim().split(" +")) {
                int firstColon = scope.indexOf(':');
                int lastColon = scope.lastIndexOf(':');
                if (firstColon < 0 || lastColon <= firstColon) {
                    continue; // not type:name:actions; grant nothing for it
                }
                String type = scope.substring(0, firstColon);
                String name = scope.substring(firstColon + 1, lastColon);
                Set<String> requested = Set.of(scope.substring(lastColon + 1).split(","));
                Set<String> actions = new LinkedHashSet<>();
                if (authenticated) {
                    actions.add("pull");
                    actions.add("push");
                    if (requested.contains("delete")) {
                        actions.add("delete");
                    }
                    if (requested.contains("*")) {
                        actions.add("*");
                    }
                } else if (type.equals("repository") && name.startsWith(PUBLIC_PREFIX) && requested.contains("pull")) {
                    actions.add("pull");
                }
                if (!actions.isEmpty()) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("type", type);
                    entry.put("name", name);
                    entry.put("actions", List.copyOf(actions));
                    access.add(entry);
                }
            }
        }
        return access;
    }

    /** header.claims.signature, each part base64url without padding (RFC 7515 compact serialization). */
    private String signedToken(String subject, List<Map<String, Object>> access) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        header.put("typ", "JWT");
        header.put("alg", "RS256");
        header.putArray("x5c").add(key.certificateBase64Der());

        long now = Instant.now().getEpochSecond();
        ObjectNode claims = JSON.createObjectNode();
        claims.put("iss", issuer);
        claims.put("sub", subject);
        claims.put("aud", service); // a plain string: the form every Distribution version accepts
        claims.put("exp", now + EXPIRES_IN_SECONDS);
        claims.put("nbf", now);
        claims.put("iat", now);
        claims.put("jti", UUID.randomUUID().toString());
        ArrayNode accessNode = claims.putArray("access");
        access.forEach(entry -> accessNode.add(JSON.valueToTree(entry)));

        String signingInput = BASE64URL.encodeToString(JSON.writeValueAsBytes(header)) + "."
                + BASE64URL.encodeToString(JSON.writeValueAsBytes(claims));
        byte[] signature = key.signRs256(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + BASE64URL.encodeToString(signature);
    }

    private static boolean validBasic(String authorization) {
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            return decoded.equals(LocalRegistry.USER + ":" + LocalRegistry.PASSWORD);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        query.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(query);
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static void sendError(HttpExchange exchange, int status, String code, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("errors").addObject().put("code", code).put("message", message);
        send(exchange, status, JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}

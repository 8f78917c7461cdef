package dev.labels.cli.boot;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import dev.labels.image.Digests;
import dev.labels.image.MediaTypes;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * A registry in the process, on a loopback port, serving one multi-platform image behind Bearer auth: the
 * smallest thing that makes an inspect walk the whole path a real one does (challenge, token, index,
 * platform manifest, config, cache). It serves the same over HTTPS on a second port once given a TLS
 * identity, its token realm then HTTPS too. Used only by {@link TrainCommand}.
 */
final class TrainingRegistry implements AutoCloseable {
    static final String REPOSITORY = "training/image";
    private static final String TOKEN = "training-token";

    private final HttpServer server;
    private final ServerSocket plainOnly;
    private HttpsServer tls;
    private final List<String> servedOverTls = new ArrayList<>();
    private final Map<String, byte[]> content = new HashMap<>();
    private final Map<String, String> types = new HashMap<>();

    TrainingRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        byte[] config = utf8("{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"2026-01-01T00:00:00Z\","
                + "\"config\":{\"Labels\":{\"blaze.service.deployment.cpu\":\"0.1\",\"team\":\"training\"},"
                + "\"Env\":[\"PATH=/usr/bin\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}");
        String configDigest = Digests.sha256(config);
        byte[] manifest = utf8("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{"
                + "\"mediaType\":\"" + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + configDigest + "\",\"size\":"
                + config.length + "},\"layers\":[]}");
        String manifestDigest = Digests.sha256(manifest);
        byte[] index = utf8("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
                + entry(manifest, manifestDigest, "linux", "amd64") + ","
                + entry(manifest, manifestDigest, "linux", "arm64") + "]}");
        content.put("blobs/" + configDigest, config);
        put("manifests/" + manifestDigest, manifest, MediaTypes.OCI_MANIFEST);
        put("manifests/1", index, MediaTypes.OCI_INDEX);
        put("manifests/" + Digests.sha256(index), index, MediaTypes.OCI_INDEX);
        content.put("tags/list", utf8("{\"name\":\"" + REPOSITORY + "\",\"tags\":[\"1\"]}"));
        types.put("tags/list", "application/json");
        server.start();
        plainOnly = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread refuser = new Thread(this::refuseTls, "training-plain-http-only");
        refuser.setDaemon(true);
        refuser.start();
    }

    /**
     * A loopback port that answers a TLS handshake as a plain-HTTP registry does: with an HTTP 400. An HTTPS
     * mirror there fails its handshake at once, so a training run also loads the TLS stack.
     */
    String plainHttpOnlyHost() {
        return "127.0.0.1:" + plainOnly.getLocalPort();
    }

    private void refuseTls() {
        while (!plainOnly.isClosed()) {
            try (Socket client = plainOnly.accept()) {
                client.getInputStream().read(new byte[4096]);
                client.getOutputStream().write(utf8("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"));
            } catch (IOException e) {
                // Closed, or the client hung up: either way, the next connection.
            }
        }
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Serves the same content over HTTPS, on a port of its own. @return that port */
    int serveTls(SSLContext context) throws IOException {
        tls = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        tls.setHttpsConfigurator(new HttpsConfigurator(context));
        tls.createContext("/", this::handle);
        tls.start();
        return tls.getAddress().getPort();
    }

    /** The requests answered over HTTPS ("GET /token"), each after a completed handshake. */
    synchronized List<String> servedOverTls() {
        return List.copyOf(servedOverTls);
    }

    private void put(String path, byte[] body, String type) {
        content.put(path, body);
        types.put(path, type);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            boolean overTls = exchange instanceof HttpsExchange;
            if (overTls) {
                synchronized (this) {
                    servedOverTls.add(exchange.getRequestMethod() + " " + path);
                }
            }
            if (path.equals("/token")) {
                send(exchange, 200, utf8("{\"token\":\"" + TOKEN + "\",\"expires_in\":300}"), "application/json");
                return;
            }
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                // Over HTTPS, tokens come from another host name, as Docker Hub's do from auth.docker.io: a
                // second handshake, checked against the certificate's IP address rather than its DNS name.
                String realm = overTls ? "https://127.0.0.1:" + tls.getAddress().getPort() : "http://" + host();
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"" + realm
                        + "/token\",service=\"training\",scope=\"repository:" + REPOSITORY + ":pull\"");
                send(exchange, 401, utf8("{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"auth\"}]}"),
                        "application/json");
                return;
            }
            String key = path.substring(("/v2/" + REPOSITORY + "/").length());
            byte[] body = content.get(key);
            if (body == null) {
                send(exchange, 404, utf8("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"no\"}]}"),
                        "application/json");
                return;
            }
            exchange.getResponseHeaders().add("Docker-Content-Digest", Digests.sha256(body));
            send(exchange, 200, body, types.getOrDefault(key, "application/octet-stream"));
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body, String type) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String entry(byte[] manifest, String digest, String os, String arch) {
        return "{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + digest + "\",\"size\":"
                + manifest.length + ",\"platform\":{\"os\":\"" + os + "\",\"architecture\":\"" + arch + "\"}}";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        if (tls != null) {
            tls.stop(0);
        }
        try {
            plainOnly.close();
        } catch (IOException e) {
            // Closing a listening socket does not fail in practice; nothing to do if it does.
        }
    }
}

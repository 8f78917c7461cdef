package dev.labels.registry;

import dev.labels.image.MediaTypes;
import dev.labels.reference.ImageReference;
import dev.labels.registry.RegistryException.Kind;
import dev.labels.registry.auth.Authorizer;
import dev.labels.registry.http.BoundedBody;
import dev.labels.registry.http.Limits;
import java.io.IOException;
import java.time.Clock;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The registry API this tool needs (OCI distribution spec, "Pulling manifests" and "Pulling blobs"): read a
 * manifest by tag or digest, and read a small blob (the image config). One instance per run: it owns the
 * run's single OkHttpClient, its connection pool and what the authorizer has learnt.
 */
public final class RegistryClient implements AutoCloseable {
    private static final String ACCEPT_MANIFESTS = String.join(", ", MediaTypes.ACCEPT_MANIFESTS);

    private final OkHttpClient http;
    private final RegistryTransport transport;

    public RegistryClient(RegistryConfig config) {
        this(config, Clock.systemUTC());
    }

    RegistryClient(RegistryConfig config, Clock clock) {
        this.http = HttpClients.create(config);
        this.transport = new RegistryTransport(new TlsClients(http, config), new Endpoints(config),
                new Authorizer(config.credentials(), clock), config);
    }

    /** GET /v2/NAME/manifests/IDENTIFIER with every manifest type we understand in Accept. */
    public ManifestResponse fetchManifest(Operation operation, ImageReference image, String identifier)
            throws RegistryException {
        Request.Builder request = new Request.Builder().get().header("Accept", ACCEPT_MANIFESTS);
        try (Response response = transport.execute(operation, image.registry(), image.repository(),
                "manifests/" + identifier, request)) {
            byte[] body = read(operation, response, Limits.MANIFEST_BYTES, "manifest");
            return new ManifestResponse(body, response.header("Content-Type"), response.header("Docker-Content-Digest"));
        }
    }

    /** GET /v2/NAME/blobs/DIGEST, following the registry's redirect to its storage. */
    public byte[] fetchBlob(Operation operation, ImageReference image, String digest, long limit)
            throws RegistryException {
        try (Response response = transport.execute(operation, image.registry(), image.repository(),
                "blobs/" + digest, new Request.Builder().get())) {
            return read(operation, response, limit, "blob " + digest);
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
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}

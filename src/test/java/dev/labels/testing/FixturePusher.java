package dev.labels.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Pushes blobs and manifests into a {@link LocalRegistry} through the registry HTTP API
 * (https://distribution.github.io/distribution/spec/api/), with whatever auth its mode needs.
 *
 * <p>Written against the API rather than with skopeo or a Docker daemon so that the fixtures are exactly the
 * bytes the tests describe: hand-written manifests, unusual labels, an attestation entry first in an index.
 */
public final class FixturePusher {

    private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalRegistry registry;
    /** Push tokens by repository; each lasts {@link TestTokenServer#EXPIRES_IN_SECONDS}, far longer than a push. */
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    /** {@code repository@digest} of every blob this pusher uploaded; thread-safe, as fixtures push in parallel. */
    private final Set<String> pushedBlobs = ConcurrentHashMap.newKeySet();

    public FixturePusher(LocalRegistry registry) {
        this.registry = registry;
    }

    /** {@code sha256:<hex>} of {@code content}: the digest form the registry and every manifest use. */
    public static String sha256(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Uploads {@code content} into {@code repository} unless this pusher already did, and returns its digest.
     * Monolithic upload: {@code POST /v2/<name>/blobs/uploads/} opens a session, then one
     * {@code PUT <Location>&digest=<digest>} sends all bytes and closes it.
     *
     * <p>No {@code HEAD} check first: under htpasswd every request costs the registry a bcrypt verification
     * (about 0.25 s), and uploading a blob that exists already is harmless.
     */
    public String pushBlob(String repository, byte[] content) {
        String digest = sha256(content);
        String target = repository + "@" + digest;
        if (pushedBlobs.contains(target)) {
            return digest;
        }
        Request start = authorized(repository, url("/v2/" + repository + "/blobs/uploads/").newBuilder())
                .post(RequestBody.create(new byte[0], null)).build();
        HttpUrl location;
        try (Response response = call(start, "starting upload of " + target)) {
            expect(response, 202, "starting upload of " + target);
            String header = response.header("Location");
            // 2.8 sends an absolute URL, but the spec allows a relative one: resolve against the request.
            location = header == null ? null : start.url().resolve(header);
            if (location == null) {
                throw new IllegalStateException("starting upload of " + target + ": no usable Location header: " + header);
            }
        }
        // The Location carries the upload state (_state=...) in its query, so the digest is appended to it.
        Request finish = authorized(repository, location.newBuilder().addQueryParameter("digest", digest))
                .put(RequestBody.create(content, OCTET_STREAM)).build();
        try (Response response = call(finish, "uploading " + target)) {
            expect(response, 201, "uploading " + target);
        }
        pushedBlobs.add(target);
        return digest;
    }

    /**
     * Puts {@code manifest} at {@code repository:reference} (a tag, or its own digest) with {@code mediaType} as
     * Content-Type, which is how the registry decides how to parse and validate it. Returns the digest, after
     * checking that the registry computed the same one from the same bytes.
     */
    public String pushManifest(String repository, String reference, String mediaType, byte[] manifest) {
        String digest = sha256(manifest);
        String target = repository + ":" + reference;
        Request put = authorized(repository, url("/v2/" + repository + "/manifests/" + reference).newBuilder())
                .put(RequestBody.create(manifest, MediaType.get(mediaType))).build();
        try (Response response = call(put, "pushing manifest " + target)) {
            expect(response, 201, "pushing manifest " + target);
            String registryDigest = response.header("Docker-Content-Digest");
            if (!digest.equals(registryDigest)) {
                throw new IllegalStateException("pushing manifest " + target + ": registry says digest "
                        + registryDigest + ", we computed " + digest);
            }
        }
        return digest;
    }

    /** Convenience for JSON documents: serializes once, so the digest covers exactly the bytes pushed. */
    public String pushManifest(String repository, String reference, String mediaType, JsonNode manifest) {
        try {
            return pushManifest(repository, reference, mediaType, JSON.writeValueAsBytes(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes the manifest with {@code digest} from {@code repository}, and with it every tag that points at it:
     * a tag that is really gone, for tests that must tell it from a registry that only refuses HEAD.
     */
    public void deleteManifest(String repository, String digest) {
        Request delete = authorized(repository, url("/v2/" + repository + "/manifests/" + digest).newBuilder())
                .delete().build();
        try (Response response = call(delete, "deleting manifest " + repository + "@" + digest)) {
            expect(response, 202, "deleting manifest " + repository + "@" + digest);
        }
    }

    private HttpUrl url(String path) {
        return HttpUrl.get(registry.url() + path);
    }

    private Request.Builder authorized(String repository, HttpUrl.Builder url) {
        Request.Builder request = new Request.Builder().url(url.build());
        switch (registry.mode()) {
            case ANONYMOUS -> { }
            case HTPASSWD -> request.header("Authorization", Credentials.basic(LocalRegistry.USER, LocalRegistry.PASSWORD));
            case TOKEN -> request.header("Authorization", "Bearer " + tokens.computeIfAbsent(repository, this::pushToken));
        }
        return request;
    }

    /**
     * Asks the token server directly for pull+push on {@code repository}, skipping the 401 challenge round
     * trip: the harness already knows the realm and service, and the challenge flow itself is what the tool
     * under test (and skopeo in HarnessTest) exercises.
     */
    private String pushToken(String repository) {
        TestTokenServer tokenServer = registry.tokenServer();
        HttpUrl url = HttpUrl.get(tokenServer.realm()).newBuilder()
                .addQueryParameter("service", tokenServer.service())
                .addQueryParameter("scope", "repository:" + repository + ":pull,push")
                .addQueryParameter("account", LocalRegistry.USER)
                .build();
        Request request = new Request.Builder().url(url)
                .header("Authorization", Credentials.basic(LocalRegistry.USER, LocalRegistry.PASSWORD)).build();
        try (Response response = call(request, "getting a push token for " + repository)) {
            expect(response, 200, "getting a push token for " + repository);
            return JSON.readTree(response.body().bytes()).path("token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("getting a push token for " + repository, e);
        }
    }

    private Response call(Request request, String operation) {
        try {
            return registry.client().newCall(request).execute();
        } catch (IOException e) {
            throw new UncheckedIOException(operation + ": " + request.method() + " " + request.url() + " failed", e);
        }
    }

    private static void expect(Response response, int status, String operation) {
        if (response.code() != status) {
            String body;
            try {
                body = response.body() == null ? "" : response.body().string();
            } catch (IOException e) {
                body = "<unreadable body: " + e.getMessage() + ">";
            }
            throw new IllegalStateException(operation + ": expected HTTP " + status + ", got " + response.code()
                    + " from " + response.request().method() + " " + response.request().url()
                    + "\n  body: " + body.strip());
        }
    }
}

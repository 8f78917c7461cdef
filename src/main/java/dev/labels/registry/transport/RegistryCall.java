package dev.labels.registry.transport;

import dev.labels.error.LabelsException.Kind;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * One registry request as its caller asks for it, handed whole to every step of the transport.
 *
 * @param operation  what is being done and to which image, for every error
 * @param registry   the registry name from the reference
 * @param repository the repository, for the path and the token scope
 * @param path       what follows {@code /v2/<repository>/}, e.g. {@code manifests/latest}
 * @param request    method and headers; the URL, tags and Authorization are set for each send, by the one
 *                   thread that executes the call
 * @param bodyLimit  the most a successful answer's body may hold (see {@link BodyLimit})
 * @param deadline   the time left to the image this request is for
 */
public record RegistryCall(Operation operation, String registry, String repository, String path,
                    Request.Builder request, long bodyLimit, Deadline deadline) {

    HttpUrl url(Endpoint endpoint) {
        return endpoint.url(repository, path);
    }

    /** Docker Hub counts manifest reads as pulls: see {@link PullLimitGuard}. */
    boolean readsManifest() {
        return path.startsWith("manifests/");
    }

    /** Between steps: a token fetch, a wait for another request or a slow answer may have used up the time. */
    void checkTimeLeft(Endpoint endpoint) throws RegistryException {
        if (deadline.expired()) {
            throw timedOut(endpoint);
        }
    }

    RegistryException timedOut(Endpoint endpoint) {
        return operation.fail(Kind.NETWORK, "timed out talking to " + endpoint.base().host() + ": "
                + deadline.describe());
    }
}

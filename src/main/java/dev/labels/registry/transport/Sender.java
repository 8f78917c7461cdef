package dev.labels.registry.transport;

import java.io.IOException;
import okhttp3.Response;

/**
 * Sends a call to one endpoint, once: no other scheme, no second try after a 401 (the steps above it do
 * those). {@link RequestSender} over OkHttp; tests give the steps above fakes.
 */
@FunctionalInterface
interface Sender {

    /**
     * @param authorize how the request gets its Authorization once the client is ready ({@link Authorize#PROBE}:
     *                  none, and the request is the scheme probe)
     * @param tries     filled in by the retry interceptor, for "(after 4 tries)" in errors
     * @throws IOException the request got no answer; the caller decides what that means
     */
    Sent send(RegistryCall call, Endpoint endpoint, Authorize authorize, Tries tries)
            throws IOException, RegistryException;

    /** The answer, and the Authorization value the request carried (null: none), which a 401 is a refusal of. */
    record Sent(Response response, String authorization) {
    }

    /** The Authorization of a request to an endpoint, or null to send none; {@link AuthHandshake#authorization}. */
    @FunctionalInterface
    interface Authorize {
        /** The scheme probe goes without credentials: they are sent only once the scheme is settled. */
        Authorize PROBE = (call, endpoint) -> null;

        String authorization(RegistryCall call, Endpoint endpoint) throws RegistryException;
    }
}

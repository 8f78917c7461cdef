package dev.labels.registry.transport;

import dev.labels.error.LabelsException.Kind;
import dev.labels.registry.tls.TlsException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * One HTTP request of a call: the client for the endpoint's scheme and TLS settings, the Authorization, the
 * tags the interceptors read, and the time left to the image as the call's timeout. Retries of failures that
 * may pass happen inside it, in the run's {@link RetryInterceptor}.
 */
final class RequestSender implements Sender {
    private final TlsClients clients;
    private final SentSecrets sentSecrets;

    RequestSender(TlsClients clients, SentSecrets sentSecrets) {
        this.clients = clients;
        this.sentSecrets = sentSecrets;
    }

    @Override
    public Sent send(RegistryCall call, Endpoint endpoint, Authorize authorize, Tries tries)
            throws IOException, RegistryException {
        call.checkTimeLeft(endpoint);
        OkHttpClient http = client(call.operation(), endpoint);
        String authorization = authorize.authorization(call, endpoint);
        call.checkTimeLeft(endpoint);
        Request request = request(call, endpoint, authorization, tries, authorize == Authorize.PROBE);
        sentSecrets.add(authorization);
        Call sent = http.newCall(request);
        // Never 0: OkHttp reads a zero timeout as none.
        sent.timeout().timeout(Math.max(1, call.deadline().remainingNanos()), TimeUnit.NANOSECONDS);
        return new Sent(sent.execute(), authorization);
    }

    private OkHttpClient client(Operation operation, Endpoint endpoint) throws RegistryException {
        try {
            return clients.forUrl(endpoint.credentialKey(), endpoint.base());
        } catch (TlsException e) {
            throw operation.fail(Kind.NETWORK, "cannot set up TLS for " + endpoint.credentialKey() + ": "
                    + e.getMessage(), 0, e);
        }
    }

    /** The tags tell the interceptors the retries' count, the body's limit, a probe and a manifest read. */
    private static Request request(RegistryCall call, Endpoint endpoint, String authorization, Tries tries,
                                   boolean probe) {
        Request.Builder request = call.request().url(call.url(endpoint))
                .tag(Tries.class, tries)
                .tag(BodyLimit.class, new BodyLimit(call.bodyLimit()))
                .tag(SchemeProbe.class, probe ? SchemeProbe.TAG : null)
                .tag(PullLimitGuard.ManifestRead.class, call.readsManifest() ? PullLimitGuard.ManifestRead.TAG : null);
        if (authorization != null) {
            request.header("Authorization", authorization);
        } else {
            request.removeHeader("Authorization");
        }
        return request.build();
    }
}

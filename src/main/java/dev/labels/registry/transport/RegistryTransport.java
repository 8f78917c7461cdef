package dev.labels.registry.transport;

import dev.labels.registry.transport.SchemeSettler.Answer;
import dev.labels.registry.auth.Authorizer;
import okhttp3.Response;

/**
 * Sends one registry request and returns only a successful answer, which the caller closes; every failure
 * becomes a {@link RegistryException}. The steps, outermost first, each in its own class:
 * <ol>
 *   <li>{@link MirrorLoop}: the registry's endpoints in order, mirrors first, until one gives the answer;</li>
 *   <li>{@link AuthHandshake}: per endpoint, the first request goes alone, and a 401 is resent once with
 *       the token or credentials its challenge asks for;</li>
 *   <li>{@link SchemeSettler}: which scheme the endpoint speaks, found out by the request itself (the probe of a
 *       loopback registry, the fallback to plain HTTP where allowed);</li>
 *   <li>{@link RequestSender}: one HTTP request within the time left to the image ({@link Deadline}), retried
 *       inside the call by the run's {@link RetryInterceptor} when the failure may pass.</li>
 * </ol>
 */
public final class RegistryTransport {
    private final MirrorLoop mirrors;
    private final AuthHandshake handshake;
    private final SchemeSettler scheme;
    private final TransportFailures failures;

    RegistryTransport(TlsClients clients, Endpoints endpoints, Authorizer authorizer, RegistryConfig config,
                      SentSecrets sentSecrets) {
        this.failures = new TransportFailures(authorizer, sentSecrets, config.tls());
        this.mirrors = new MirrorLoop(endpoints, config.verbose());
        this.scheme = new SchemeSettler(endpoints, new RequestSender(clients, sentSecrets), failures, config.verbose());
        this.handshake = new AuthHandshake(authorizer, clients, scheme);
    }

    public Response execute(RegistryCall call) throws RegistryException {
        return mirrors.firstAnswer(call, endpoint -> onEndpoint(call, endpoint));
    }

    @SuppressWarnings("try") // the gates are held for the exchange, never read
    private Response onEndpoint(RegistryCall call, Endpoint start) throws RegistryException {
        try (Gate contact = handshake.firstContact(start); Gate probe = scheme.probeAlone(call, start)) {
            return successful(call, handshake.exchange(call, start));
        }
    }

    private Response successful(RegistryCall call, Answer answer) throws RegistryException {
        Response response = answer.response();
        if (response.isSuccessful()) {
            return response;
        }
        try (response) {
            RegistryException error = failures.ofAnswer(call.operation(), answer.route().endpoint(),
                    call.repository(), response);
            throw call.operation().fail(error.kind(), error.detail() + answer.tries().describe(), error.httpStatus(),
                    null);
        }
    }
}

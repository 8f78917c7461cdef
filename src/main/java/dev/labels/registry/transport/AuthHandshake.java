package dev.labels.registry.transport;

import dev.labels.registry.transport.SchemeSettler.Answer;
import dev.labels.registry.auth.AuthException;
import dev.labels.registry.auth.Authorizer;
import dev.labels.registry.tls.TlsException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * The auth handshake around the sends of a call to one endpoint ({@link Authorizer} decides what is sent and
 * keeps what is learnt):
 * <ol>
 *   <li>The first request to an endpoint whose challenge is unknown goes alone; concurrent ones wait for it
 *       ({@link #firstContact}), so that a batch meets the challenge once.</li>
 *   <li>Send, with the Authorization known for the endpoint now: none before a challenge is known, and none on
 *       the scheme probe ({@link SchemeSettler}).</li>
 *   <li>A 401 from the endpoint: read its challenge ({@link Authorizer#challenged}), which says whether a resend
 *       can do better than the refused Authorization.</li>
 *   <li>Get the token (or the Basic credentials) the challenge asks for ({@link #authorization}).</li>
 *   <li>Resend once: a 401 to that is the answer, so a registry that keeps refusing cannot make us loop. The
 *       probe went without credentials: its 401 does not use up the one resend.</li>
 * </ol>
 */
final class AuthHandshake {
    private final Authorizer authorizer;
    private final TlsClients clients;
    private final SchemeSettler scheme;

    AuthHandshake(Authorizer authorizer, TlsClients clients, SchemeSettler scheme) {
        this.authorizer = authorizer;
        this.clients = clients;
        this.scheme = scheme;
    }

    /** Step 1: returns once this request may go; close the gate when its answer has been handled. */
    Gate firstContact(Endpoint endpoint) {
        return authorizer.beginFirstContact(endpoint) ? () -> authorizer.endFirstContact(endpoint.authority()) : Gate.OPEN;
    }

    /** Steps 2 to 5: the endpoint's last answer, successful or not. */
    Answer exchange(RegistryCall call, Endpoint start) throws RegistryException {
        return resendOnce(call, scheme.first(call, start, this::authorization), true);
    }

    private Answer resendOnce(RegistryCall call, Answer answer, boolean mayResend) throws RegistryException {
        if (!mayResend || !worthResending(call, answer)) {
            return answer;
        }
        answer.response().close();
        Answer again = scheme.send(call, answer.route(), this::authorization);
        return resendOnce(call, again, answer.probe());
    }

    /** Step 3: a 401 of the endpoint itself, whose challenge offers more than the refused Authorization. */
    private boolean worthResending(RegistryCall call, Answer answer) throws RegistryException {
        Response response = answer.response();
        Endpoint endpoint = answer.route().endpoint();
        if (response.code() != 401 || !endpoint.serves(response.request().url())) {
            return false;
        }
        try {
            return authorizer.challenged(endpoint, call.repository(), response, answer.authorization());
        } catch (AuthException e) {
            response.close();
            throw TransportFailures.ofAuth(call.operation(), e, new Tries(), false);
        }
    }

    /** Steps 2 and 4: the Authorization of a send to the endpoint, fetching a token if the challenge wants one. */
    String authorization(RegistryCall call, Endpoint endpoint) throws RegistryException {
        Tries tokenTries = new Tries();
        try {
            return authorizer.authorization(realm -> tokenClient(endpoint.credentialKey(), realm, call.deadline(),
                    tokenTries), endpoint, call.repository());
        } catch (AuthException e) {
            throw TransportFailures.ofAuth(call.operation(), e, tokenTries,
                    !authorizer.usedCredentials(endpoint, call.repository()));
        }
    }

    /**
     * The client of a token request: the registry's TLS settings, for the realm's scheme, bounded to the time
     * left to the image (a token request, which the authorizer sends on its own, must not get a whole
     * --timeout of its own). Made only when a token is fetched; it shares the connection pool.
     *
     * @param tries filled in by the retry interceptor, so that a failed token request says how often it was sent
     */
    private OkHttpClient tokenClient(String credentialKey, HttpUrl realm, Deadline deadline, Tries tries)
            throws IOException {
        OkHttpClient http;
        try {
            http = clients.forUrl(credentialKey, realm);
        } catch (TlsException e) {
            throw new IOException("cannot set up TLS for " + credentialKey + ": " + e.getMessage(), e);
        }
        OkHttpClient.Builder builder = http.newBuilder()
                .callTimeout(Math.max(1, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
        // First, so that the retry interceptor finds the tag: the token request is built by the authorizer.
        builder.interceptors().add(0, chain -> chain.proceed(chain.request().newBuilder().tag(Tries.class, tries).build()));
        return builder.build();
    }
}

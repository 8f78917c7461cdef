package dev.labels.registry.transport;

import dev.labels.error.LabelsException.Kind;
import dev.labels.registry.auth.AuthException;
import dev.labels.registry.auth.Authorizer;
import dev.labels.registry.tls.TlsFiles;
import dev.labels.text.UrlRedaction;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import okhttp3.HttpUrl;
import okhttp3.Response;

/**
 * Turns what went wrong with a registry request into the {@link RegistryException} the user reads: the
 * registry's own error, what a 401 means given the credentials that were used, the network failure and how
 * often the request was tried. Messages never carry a secret that was sent ({@link SentSecrets}).
 */
final class TransportFailures {
    private final Authorizer authorizer;
    private final SentSecrets sentSecrets;
    private final TlsFiles tls;

    TransportFailures(Authorizer authorizer, SentSecrets sentSecrets, TlsFiles tls) {
        this.authorizer = authorizer;
        this.sentSecrets = sentSecrets;
        this.tls = tls;
    }

    /** A registry's answer that is not a success: its error, with what a 401 means for the credentials used. */
    RegistryException ofAnswer(Operation operation, Endpoint endpoint, String repository, Response response) {
        if (response.isRedirect()) {
            // OkHttp follows redirects itself except those that change scheme (followSslRedirects(false)).
            String location = response.header("Location", "");
            HttpUrl target = response.request().url().resolve(location);
            String shown = UrlRedaction.redact(target == null ? location : target.toString());
            return operation.fail(Kind.REGISTRY_ERROR, "refused redirect from " + response.request().url().scheme()
                    + " to " + sentSecrets.scrub(shown)
                    + " (a redirect must not change scheme: an HTTPS registry must not send us to plain HTTP)",
                    response.code(), null);
        }
        RegistryException error = ErrorResponses.toException(operation, response);
        if (response.code() != 401 || !endpoint.serves(response.request().url())) {
            return error;
        }
        String registry = endpoint.credentialKey();
        if (authorizer.usedCredentials(endpoint, repository)) {
            // The token (or Basic) was accepted by the token service but not by the registry: typically
            // insufficient_scope. We do not retry: the same credentials would get the same answer.
            return operation.fail(Kind.UNAUTHORIZED, error.detail() + " ("
                    + authorizer.describeCredentials(endpoint, repository) + " were refused)", 401, null);
        }
        if (authorizer.wantsBasic(endpoint)) {
            return operation.fail(Kind.UNAUTHORIZED, "the registry requires credentials and none were found for "
                    + registry + " (use --creds or --authfile, or log in with docker or podman): "
                    + error.detail(), 401, null);
        }
        return privateOrMissing(operation, error.detail(), 401);
    }

    /**
     * Anonymous access refused by a token registry. Such registries refuse an anonymous user a private
     * repository and a missing one alike, so that private names do not leak: Docker Hub and Distribution hand
     * out a token without access and the registry answers 401; GHCR's token service itself answers 401 or 403.
     * Neither can be told from the other, so the message says both, and it is "not found" (exit 3), as a
     * missing repository would be.
     */
    static RegistryException privateOrMissing(Operation operation, String detail, int status) {
        return operation.fail(Kind.NOT_FOUND, "private or missing: anonymous access was refused (log in if the "
                + "repository is private): " + detail, status, null);
    }

    /**
     * A send that got no answer and is not tried over another scheme: a TLS failure says what to do about it, a
     * pull limit reached is a rate limit, and once plain HTTP failed after HTTPS did (but for a refused
     * connection) the server speaks TLS, so its TLS failure is the real problem.
     */
    RegistryException ofSend(RegistryCall call, Route route, IOException e, Tries tries) {
        Operation operation = call.operation();
        if (e instanceof SSLException tlsFailure) {
            return TlsFailures.describe(operation, route.endpoint(), tlsFailure, tls);
        }
        if (e instanceof PullLimitGuard.PullLimitException limit) {
            return operation.fail(Kind.RATE_LIMITED, sentSecrets.scrub(limit.getMessage()), limit.status(), null);
        }
        if (route.tlsFailure() != null && !(e instanceof ConnectException)) {
            return ofTlsGivenUp(operation, route);
        }
        return ofNetwork(operation, route.endpoint(), e, tries, call.deadline());
    }

    /** The TLS failure that made a route give up HTTPS for plain HTTP, once plain HTTP turned out no better. */
    RegistryException ofTlsGivenUp(Operation operation, Route route) {
        return TlsFailures.describe(operation, route.overTls(), route.tlsFailure(), tls);
    }

    /** A request that got no answer: what went wrong on the way, and how often it was tried. */
    RegistryException ofNetwork(Operation operation, Endpoint endpoint, IOException e, Tries tries, Deadline deadline) {
        String host = endpoint.base().host();
        String detail;
        if (e instanceof UnknownHostException) {
            detail = "unknown host " + host;
        } else if (e instanceof InterruptedIOException) {
            // OkHttp's call timeout (the image's deadline) and its connect and read timeouts all end up here.
            detail = "timed out talking to " + host + (deadline.expired() ? ": " + deadline.describe()
                    : " (" + e.getMessage() + ")");
        } else if (e instanceof ProtocolException && String.valueOf(e.getMessage()).startsWith("Too many follow-up")) {
            return operation.fail(Kind.REGISTRY_ERROR, "too many redirects (a redirect loop?) from " + host, 0, e);
        } else {
            detail = "cannot talk to " + host + ": " + e.getMessage();
            if (TlsFailures.looksLikeAClosedHandshake(endpoint, e)) {
                detail += TlsFailures.clientCertificateHint(endpoint, tls);
            }
        }
        return operation.fail(Kind.NETWORK, detail + tries.describe(), 0, e);
    }

    /**
     * Authentication that failed: refused credentials, a token service that is down or rate limits us.
     *
     * @param tokenTries how often the token request was sent, when this failure is its answer
     * @param anonymous  whether no credentials were offered: a token service that refuses anonymous access
     *                   says the repository is private or missing ({@link #privateOrMissing})
     */
    static RegistryException ofAuth(Operation operation, AuthException e, Tries tokenTries, boolean anonymous) {
        if (anonymous && e.reason() == AuthException.Reason.REFUSED) {
            return privateOrMissing(operation, e.getMessage() + tokenTries.describe(), 0);
        }
        Kind kind = switch (e.reason()) {
            case REFUSED, CREDENTIALS, UNSAFE -> Kind.UNAUTHORIZED;
            case RATE_LIMITED -> Kind.RATE_LIMITED;
            case NETWORK -> Kind.NETWORK;
            case MALFORMED -> Kind.REGISTRY_ERROR;
        };
        return operation.fail(kind, e.getMessage() + tokenTries.describe(), 0, e);
    }
}

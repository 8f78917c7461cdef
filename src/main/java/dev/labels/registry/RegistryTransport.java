package dev.labels.registry;

import dev.labels.registry.RegistryException.Kind;
import dev.labels.registry.auth.AuthException;
import dev.labels.registry.auth.Authorizer;
import dev.labels.registry.tls.TlsException;
import dev.labels.registry.tls.TlsFiles;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ProtocolException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one registry request: tries the registry's endpoints in order (mirrors first), authorizes, retries
 * once after a 401 challenge, falls back to plain HTTP where that is allowed, and turns every failure into a
 * {@link RegistryException}. Returns only successful responses; the caller closes them.
 */
final class RegistryTransport {
    private static final Logger LOG = LoggerFactory.getLogger("labels.http");

    private final TlsClients clients;
    private final Endpoints endpoints;
    private final Authorizer authorizer;
    private final TlsFiles tls;
    /** -v: say when a mirror is skipped (the "labels" loggers are at debug level, so this must be gated here). */
    private final boolean verbose;

    RegistryTransport(TlsClients clients, Endpoints endpoints, Authorizer authorizer, RegistryConfig config) {
        this.clients = clients;
        this.endpoints = endpoints;
        this.authorizer = authorizer;
        this.tls = config.tls();
        this.verbose = config.verbose();
    }

    /**
     * A mirror that cannot be reached, fails (5xx) or lacks the image (404, MANIFEST_UNKNOWN, NAME_UNKNOWN)
     * gives way to the next endpoint, as containerd and Docker do; anything else (refused credentials, rate
     * limits, a malformed answer) is the answer.
     *
     * @param registry   the registry name from the reference
     * @param repository the repository, for the path and the token scope
     * @param path       what follows {@code /v2/<repository>/}, e.g. {@code manifests/latest}
     * @param request    method and headers; the URL and Authorization are set here
     */
    Response execute(Operation operation, String registry, String repository, String path, Request.Builder request)
            throws RegistryException {
        List<Endpoint> candidates = endpoints.resolve(registry);
        List<String> mirrorFailures = new ArrayList<>();
        for (int i = 0; ; i++) {
            Endpoint endpoint = candidates.get(i);
            try {
                return executeOn(operation, endpoint, repository, path, request);
            } catch (RegistryException e) {
                if (i == candidates.size() - 1 || !worthTheNextEndpoint(e)) {
                    throw mirrorFailures.isEmpty() ? e : operation.fail(e.kind(), e.detail() + " (after mirrors: "
                            + String.join("; ", mirrorFailures) + ")", e.httpStatus(), e);
                }
                if (e.kind() == Kind.NETWORK) {
                    endpoints.markUnreachable(endpoint);
                }
                if (verbose) {
                    LOG.debug("mirror {} failed, trying the next endpoint: {}", endpoint.base(), e.detail());
                }
                mirrorFailures.add(endpoint.base() + ": " + e.detail());
            }
        }
    }

    private static boolean worthTheNextEndpoint(RegistryException e) {
        return e.kind() == Kind.NETWORK || e.kind() == Kind.NOT_FOUND
                || (e.kind() == Kind.REGISTRY_ERROR && e.httpStatus() >= 500);
    }

    private Response executeOn(Operation operation, Endpoint start, String repository, String path,
                               Request.Builder request) throws RegistryException {
        Endpoint endpoint = start;
        OkHttpClient http = client(operation, endpoint);
        boolean challenged = false;
        SSLException tlsFailure = null;
        Endpoint overTls = null;
        while (true) {
            String authorization = authorization(operation, http, endpoint, repository);
            Request.Builder attempt = request.url(endpoint.url(repository, path));
            if (authorization != null) {
                attempt.header("Authorization", authorization);
            } else {
                attempt.removeHeader("Authorization");
            }
            Response response;
            try {
                response = http.newCall(attempt.build()).execute();
            } catch (SSLException e) {
                if (endpoint.base().isHttps() && endpoint.mayUsePlainHttp()) {
                    tlsFailure = e;
                    overTls = endpoint;
                    endpoint = endpoints.fallBackToPlainHttp(endpoint);
                    continue;
                }
                throw TlsFailures.describe(operation, endpoint, e, tls);
            } catch (java.net.ConnectException e) {
                if (endpoint.base().isHttps() && endpoint.mayUsePlainHttp()) {
                    endpoint = endpoints.fallBackToPlainHttp(endpoint);
                    continue;
                }
                throw network(operation, endpoint, e);
            } catch (IOException e) {
                if (tlsFailure != null) {
                    // Plain HTTP failed too, so the server speaks TLS: its certificate is the real problem.
                    throw TlsFailures.describe(operation, overTls, tlsFailure, tls);
                }
                throw network(operation, endpoint, e);
            }
            if (response.code() == 401 && !challenged && endpoint.serves(response.request().url())) {
                challenged = true;
                if (retryAfterChallenge(operation, endpoint, repository, response, authorization)) {
                    response.close();
                    continue;
                }
            }
            if (response.isSuccessful()) {
                return response;
            }
            try (response) {
                throw failure(operation, endpoint, repository, response);
            }
        }
    }

    private OkHttpClient client(Operation operation, Endpoint endpoint) throws RegistryException {
        try {
            return clients.forRegistry(endpoint.credentialKey());
        } catch (TlsException e) {
            throw operation.fail(Kind.NETWORK, "cannot set up TLS for " + endpoint.credentialKey() + ": "
                    + e.getMessage(), 0, e);
        }
    }

    private String authorization(Operation operation, OkHttpClient http, Endpoint endpoint, String repository)
            throws RegistryException {
        try {
            return authorizer.authorization(http, endpoint.authority(), endpoint.credentialKey(), repository);
        } catch (AuthException e) {
            throw authFailure(operation, e);
        }
    }

    private boolean retryAfterChallenge(Operation operation, Endpoint endpoint, String repository, Response response,
                                        String sent) throws RegistryException {
        try {
            return authorizer.challenged(endpoint.authority(), endpoint.credentialKey(), repository, response, sent);
        } catch (AuthException e) {
            response.close();
            throw authFailure(operation, e);
        }
    }

    private RegistryException failure(Operation operation, Endpoint endpoint, String repository, Response response) {
        if (response.isRedirect()) {
            String location = response.header("Location", "");
            return operation.fail(Kind.REGISTRY_ERROR, "refused redirect from " + response.request().url().scheme()
                    + " to " + Sanitizer.clean(location) + " (an HTTPS registry must not send us to plain HTTP)",
                    response.code(), null);
        }
        RegistryException error = ErrorResponses.toException(operation, response);
        if (response.code() != 401 || !endpoint.serves(response.request().url())) {
            return error;
        }
        String registry = endpoint.credentialKey();
        if (authorizer.usedCredentials(registry, repository)) {
            // The token (or Basic) was accepted by the token service but not by the registry: typically
            // insufficient_scope. We do not retry: the same credentials would get the same answer.
            return operation.fail(Kind.UNAUTHORIZED, error.detail() + " ("
                    + authorizer.describeCredentials(registry, repository) + " were refused)", 401, null);
        }
        if (authorizer.wantsBasic(endpoint.authority())) {
            return operation.fail(Kind.UNAUTHORIZED, "the registry requires credentials and none were found for "
                    + registry + " (use --creds or --authfile, or log in with docker or podman): "
                    + error.detail(), 401, null);
        }
        // Token registries answer 401, not 404, to anonymous users for repositories that do not exist, so
        // that private names do not leak: we cannot tell the two apart.
        return operation.fail(Kind.NOT_FOUND, "not found or not authorized (anonymous access; log in if the "
                + "repository is private): " + error.detail(), 401, null);
    }

    private RegistryException network(Operation operation, Endpoint endpoint, IOException e) {
        String host = endpoint.base().host();
        String detail;
        if (e instanceof UnknownHostException) {
            detail = "unknown host " + host;
        } else if (e instanceof InterruptedIOException) {
            detail = "timed out talking to " + host;
        } else if (e instanceof ProtocolException && String.valueOf(e.getMessage()).startsWith("Too many follow-up")) {
            return operation.fail(Kind.REGISTRY_ERROR, "too many redirects (a redirect loop?) from " + host, 0, e);
        } else {
            detail = "cannot talk to " + host + ": " + e.getMessage();
            if (TlsFailures.looksLikeAClosedHandshake(endpoint, e)) {
                detail += TlsFailures.clientCertificateHint(endpoint, tls);
            }
        }
        return operation.fail(Kind.NETWORK, detail, 0, e);
    }

    private static RegistryException authFailure(Operation operation, AuthException e) {
        Kind kind = switch (e.reason()) {
            case REFUSED, CREDENTIALS -> Kind.UNAUTHORIZED;
            case RATE_LIMITED -> Kind.RATE_LIMITED;
            case NETWORK -> Kind.NETWORK;
            case MALFORMED -> Kind.REGISTRY_ERROR;
        };
        return operation.fail(kind, e.getMessage(), 0, e);
    }
}

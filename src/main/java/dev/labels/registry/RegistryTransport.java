package dev.labels.registry;

import dev.labels.error.LabelsException.Kind;
import dev.labels.registry.auth.AuthException;
import dev.labels.registry.auth.Authorizer;
import dev.labels.registry.auth.TokenHttp;
import dev.labels.registry.tls.TlsException;
import dev.labels.registry.tls.TlsFiles;
import dev.labels.text.UrlRedaction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sends one registry request: tries the registry's endpoints in order (mirrors first), authorizes, retries
 * once after a 401 challenge, finds out which scheme a registry on this machine speaks ({@link SchemeProbe}),
 * falls back to plain HTTP where that is allowed, and turns every failure into a
 * {@link RegistryException}. Returns only successful responses; the caller closes them.
 *
 * <p>Retries of failures that may pass are the run's {@link RetryInterceptor}'s job, inside each call; this
 * class gives every call the time left to the image ({@link Deadline}) and says in errors how many tries
 * were made.
 */
final class RegistryTransport {
    private final TlsClients clients;
    private final Endpoints endpoints;
    private final Authorizer authorizer;
    private final TlsFiles tls;
    /** -v: say when a mirror is skipped (the "labels" loggers are at debug level, so this must be gated here). */
    private final boolean verbose;
    private final SentSecrets sentSecrets;
    private final TransportFailures failures;

    RegistryTransport(TlsClients clients, Endpoints endpoints, Authorizer authorizer, RegistryConfig config,
                      SentSecrets sentSecrets) {
        this.clients = clients;
        this.endpoints = endpoints;
        this.authorizer = authorizer;
        this.tls = config.tls();
        this.verbose = config.verbose();
        this.sentSecrets = sentSecrets;
        this.failures = new TransportFailures(authorizer, sentSecrets, tls);
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
     * @param bodyLimit  the most a successful answer's body may hold (see {@link BodyLimit})
     * @param deadline   the time left to the image this request is for
     */
    Response execute(Operation operation, String registry, String repository, String path, Request.Builder request,
                     long bodyLimit, Deadline deadline) throws RegistryException {
        List<Endpoint> candidates = endpoints.resolve(registry);
        List<String> mirrorFailures = new ArrayList<>();
        for (int i = 0; ; i++) {
            Endpoint endpoint = candidates.get(i);
            try {
                return executeOn(operation, endpoint, repository, path, request, bodyLimit, deadline);
            } catch (RegistryException e) {
                if (i == candidates.size() - 1 || !worthTheNextEndpoint(e) || deadline.expired()) {
                    throw mirrorFailures.isEmpty() ? e : operation.fail(e.kind(), e.detail() + " (after mirrors: "
                            + String.join("; ", mirrorFailures) + ")", e.httpStatus(), e);
                }
                if (e.kind() == Kind.NETWORK) {
                    endpoints.markUnreachable(endpoint);
                }
                String mirror = UrlRedaction.redact(endpoint.base().toString());
                if (verbose) {
                    HttpLog.debug("mirror {} failed, trying the next endpoint: {}", mirror, e.detail());
                }
                mirrorFailures.add(mirror + ": " + e.detail());
            }
        }
    }

    private static boolean worthTheNextEndpoint(RegistryException e) {
        return e.kind() == Kind.NETWORK || e.kind() == Kind.NOT_FOUND
                || (e.kind() == Kind.REGISTRY_ERROR && e.httpStatus() >= 500);
    }

    /**
     * One endpoint. The first request to an endpoint whose challenge is unknown goes alone; concurrent ones
     * wait for it (see {@link Authorizer#beginFirstContact}), so a batch meets the challenge once.
     */
    private Response executeOn(Operation operation, Endpoint endpoint, String repository, String path,
                               Request.Builder request, long bodyLimit, Deadline deadline) throws RegistryException {
        boolean first = authorizer.beginFirstContact(endpoint);
        try {
            return attempt(operation, endpoint, repository, path, request, bodyLimit, deadline);
        } finally {
            if (first) {
                authorizer.endFirstContact(endpoint.authority());
            }
        }
    }

    /**
     * A loopback registry whose scheme is not settled is asked by one request at a time (see {@link SchemeProbe}):
     * the others wait for it and take what it found, so that a batch probes once, known challenge or not.
     */
    private Response attempt(Operation operation, Endpoint start, String repository, String path,
                             Request.Builder request, long bodyLimit, Deadline deadline) throws RegistryException {
        if (!endpoints.current(start).plainHttpFirst()) {
            return attemptOn(operation, start, repository, path, request, bodyLimit, deadline);
        }
        Lock probe = endpoints.probeLock(start);
        try {
            if (!probe.tryLock(Math.max(1, deadline.remainingNanos()), TimeUnit.NANOSECONDS)) {
                throw operation.fail(Kind.NETWORK, "timed out talking to " + start.base().host() + ": "
                        + deadline.describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw operation.fail(Kind.NETWORK, "interrupted while waiting for " + start.base().host(), 0, e);
        }
        try {
            return attemptOn(operation, start, repository, path, request, bodyLimit, deadline);
        } finally {
            probe.unlock();
        }
    }

    private Response attemptOn(Operation operation, Endpoint start, String repository, String path,
                               Request.Builder request, long bodyLimit, Deadline deadline) throws RegistryException {
        // Requests that waited for the first contact or the probe take what it found: a registry that speaks
        // plain HTTP is not tried over TLS again by each of them.
        Endpoint endpoint = endpoints.current(start);
        // A loopback registry not yet known to speak TLS is asked over plain HTTP first (see SchemeProbe).
        Endpoint probed = endpoint.plainHttpFirst() ? endpoint : null;
        if (probed != null) {
            endpoint = probed.overPlainHttp();
        }
        boolean challenged = false;
        SSLException tlsFailure = null;
        Endpoint overTls = null;
        // Set when HTTPS failed and plain HTTP was asked instead: its first answer says which failure to report,
        // and whether plain HTTP is worth a note for later runs.
        boolean fellBack = false;
        while (true) {
            boolean probing = probed != null;
            checkTimeLeft(operation, endpoint, deadline);
            OkHttpClient http = client(operation, endpoint);
            String credentialKey = endpoint.credentialKey();
            // The probe goes without credentials: they are sent only once the scheme is settled.
            Tries tokenTries = new Tries();
            String authorization = probing ? null : authorization(operation,
                    realm -> tokenClient(credentialKey, realm, deadline, tokenTries), endpoint, repository, tokenTries);
            checkTimeLeft(operation, endpoint, deadline);
            Tries tries = new Tries();
            Request.Builder attempt = request.url(endpoint.url(repository, path))
                    .tag(Tries.class, tries)
                    .tag(BodyLimit.class, new BodyLimit(bodyLimit))
                    .tag(SchemeProbe.class, probing ? SchemeProbe.TAG : null)
                    .tag(PullLimitGuard.ManifestRead.class, path.startsWith("manifests/") ? PullLimitGuard.ManifestRead.TAG : null);
            if (authorization != null) {
                sentSecrets.add(authorization);
                attempt.header("Authorization", authorization);
            } else {
                attempt.removeHeader("Authorization");
            }
            Response response;
            try {
                Call call = http.newCall(attempt.build());
                // Never 0: OkHttp reads a zero timeout as none.
                call.timeout().timeout(Math.max(1, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
                response = call.execute();
            } catch (SSLException e) {
                // A certificate the JVM rejects shows that the server speaks TLS: plain HTTP cannot help.
                if (endpoint.base().isHttps() && endpoint.mayUsePlainHttp() && !TlsFailures.provesTls(e)) {
                    tlsFailure = e;
                    overTls = endpoint;
                    endpoint = fallBack(endpoint, e);
                    fellBack = true;
                    continue;
                }
                throw TlsFailures.describe(operation, endpoint, e, tls);
            } catch (PullLimitGuard.PullLimitException e) {
                throw operation.fail(Kind.RATE_LIMITED, sentSecrets.scrub(e.getMessage()), e.status(), null);
            } catch (java.net.ConnectException e) {
                if (endpoint.base().isHttps() && endpoint.mayUsePlainHttp()) {
                    endpoint = fallBack(endpoint, e);
                    fellBack = true;
                    continue;
                }
                throw failures.ofNetwork(operation, endpoint, e, tries, deadline);
            } catch (IOException e) {
                if (probing && SchemeProbe.refusedPlainHttp(e)) {
                    endpoint = speaksTls(probed, e.getClass().getSimpleName());
                    probed = null;
                    continue;
                }
                if (tlsFailure != null) {
                    // Plain HTTP failed too, so the server speaks TLS: its certificate is the real problem.
                    throw TlsFailures.describe(operation, overTls, tlsFailure, tls);
                }
                throw failures.ofNetwork(operation, endpoint, e, tries, deadline);
            }
            if (probing) {
                if (SchemeProbe.worthTryingTls(response)) {
                    response.close();
                    endpoint = speaksTls(probed, "HTTP " + response.code());
                    probed = null;
                    continue;
                }
                endpoint = endpoints.fallBackToPlainHttp(probed);
                endpoints.notePlainHttp(probed);
                probed = null;
            } else if (fellBack) {
                fellBack = false;
                if (tlsFailure != null && SchemeProbe.refusedPlainHttp(response)) {
                    // Plain HTTP is refused the way a TLS server refuses it: the TLS failure is the real problem.
                    response.close();
                    endpoints.settleOnTls(start);
                    throw TlsFailures.describe(operation, overTls, tlsFailure, tls);
                }
                endpoints.notePlainHttp(start);
            }
            if (response.code() == 401 && !challenged && endpoint.serves(response.request().url())) {
                // The probe went without credentials: its 401 does not use up the one retry after a refusal.
                challenged = !probing;
                if (retryAfterChallenge(operation, endpoint, repository, response, authorization)) {
                    response.close();
                    continue;
                }
            }
            if (response.isSuccessful()) {
                return response;
            }
            try (response) {
                RegistryException error = failures.ofAnswer(operation, endpoint, repository, response);
                throw operation.fail(error.kind(), error.detail() + tries.describe(), error.httpStatus(), null);
            }
        }
    }

    /** A loopback registry refused the plain-HTTP probe, so HTTPS; -v says so. */
    private Endpoint speaksTls(Endpoint probed, String answer) {
        if (verbose) {
            HttpLog.debug("{} does not answer plain HTTP ({}); using HTTPS",
                    UrlRedaction.redact(probed.overPlainHttp().base().toString()), answer);
        }
        return endpoints.settleOnTls(probed);
    }

    /** --insecure registries, and loopback ones that refused plain HTTP: HTTPS failed, so plain HTTP; -v says so. */
    private Endpoint fallBack(Endpoint endpoint, IOException cause) {
        if (verbose) {
            HttpLog.debug("{} does not answer over TLS ({}); using plain HTTP",
                    UrlRedaction.redact(endpoint.base().toString()), cause.getClass().getSimpleName());
        }
        return endpoints.fallBackToPlainHttp(endpoint);
    }

    private OkHttpClient client(Operation operation, Endpoint endpoint) throws RegistryException {
        try {
            return clients.forUrl(endpoint.credentialKey(), endpoint.base());
        } catch (TlsException e) {
            throw operation.fail(Kind.NETWORK, "cannot set up TLS for " + endpoint.credentialKey() + ": "
                    + e.getMessage(), 0, e);
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

    /** Between steps: a token fetch or a slow answer may have used up the image's time. */
    private static void checkTimeLeft(Operation operation, Endpoint endpoint, Deadline deadline)
            throws RegistryException {
        if (deadline.expired()) {
            throw operation.fail(Kind.NETWORK, "timed out talking to " + endpoint.base().host() + ": "
                    + deadline.describe());
        }
    }

    private String authorization(Operation operation, TokenHttp http, Endpoint endpoint, String repository,
                                 Tries tokenTries) throws RegistryException {
        try {
            return authorizer.authorization(http, endpoint, repository);
        } catch (AuthException e) {
            throw TransportFailures.ofAuth(operation, e, tokenTries,
                    !authorizer.usedCredentials(endpoint, repository));
        }
    }

    private boolean retryAfterChallenge(Operation operation, Endpoint endpoint, String repository, Response response,
                                        String sent) throws RegistryException {
        try {
            return authorizer.challenged(endpoint, repository, response, sent);
        } catch (AuthException e) {
            response.close();
            throw TransportFailures.ofAuth(operation, e, new Tries(), false);
        }
    }
}

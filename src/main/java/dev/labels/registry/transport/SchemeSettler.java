package dev.labels.registry.transport;

import dev.labels.error.LabelsException.Kind;
import dev.labels.registry.transport.Sender.Authorize;
import dev.labels.text.UrlRedaction;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import javax.net.ssl.SSLException;
import okhttp3.Response;

/**
 * Sends a call to an endpoint and settles on the way which scheme the endpoint speaks, into the {@link Route}
 * of the answer, which later sends of the call (the resend after a 401) take:
 * <ul>
 *   <li>a loopback registry whose scheme is not known yet is asked over plain HTTP, without credentials
 *       ({@link SchemeProbe}): an answer settles plain HTTP, a TLS server's refusal settles HTTPS;</li>
 *   <li>HTTPS that fails where plain HTTP is allowed (loopback, {@code --insecure}) is given up for plain HTTP,
 *       whose first answer says whether the TLS failure is the real problem and whether plain HTTP is worth a
 *       note for later runs.</li>
 * </ul>
 * What is settled is kept for the rest of the run by {@link Endpoints}.
 */
final class SchemeSettler {
    /** One answer of an endpoint: where it came from, which Authorization it refuses if a 401, its tries. */
    record Answer(Route route, Response response, String authorization, Tries tries, boolean probe) {
    }

    private final Endpoints endpoints;
    private final Sender sender;
    private final TransportFailures failures;
    /** -v: say which scheme was settled on (the "labels" loggers are at debug level, so this is gated here). */
    private final boolean verbose;

    SchemeSettler(Endpoints endpoints, Sender sender, TransportFailures failures, boolean verbose) {
        this.endpoints = endpoints;
        this.sender = sender;
        this.failures = failures;
        this.verbose = verbose;
    }

    /**
     * A loopback registry whose scheme is not settled is asked by one request at a time: the others wait here
     * and take what it found, so that a batch probes once, known challenge or not.
     */
    Gate probeAlone(RegistryCall call, Endpoint start) throws RegistryException {
        if (!endpoints.current(start).plainHttpFirst()) {
            return Gate.OPEN;
        }
        Lock probe = endpoints.probeLock(start);
        try {
            if (!probe.tryLock(Math.max(1, call.deadline().remainingNanos()), TimeUnit.NANOSECONDS)) {
                throw call.timedOut(start);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw call.operation().fail(Kind.NETWORK, "interrupted while waiting for " + start.base().host(), 0, e);
        }
        return probe::unlock;
    }

    /** The call's first send to an endpoint: the probe when its scheme is not known yet. */
    Answer first(RegistryCall call, Endpoint start, Authorize authorize) throws RegistryException {
        // Requests that waited for the first contact or the probe take what it found: a registry that speaks
        // plain HTTP is not tried over TLS again by each of them.
        Endpoint endpoint = endpoints.current(start);
        return endpoint.plainHttpFirst() ? probe(call, start, endpoint, authorize)
                : send(call, Route.to(start, endpoint), authorize);
    }

    /** A send over a route, falling back to plain HTTP when HTTPS fails where that is allowed. */
    Answer send(RegistryCall call, Route route, Authorize authorize) throws RegistryException {
        Tries tries = new Tries();
        try {
            Sender.Sent sent = sender.send(call, route.endpoint(), authorize, tries);
            return new Answer(route, sent.response(), sent.authorization(), tries, false);
        } catch (IOException e) {
            if (!mayFallBack(route.endpoint(), e)) {
                throw failures.ofSend(call, route, e, tries);
            }
            return afterFallback(call, route.fellBack(fallBack(route.endpoint(), e), e), authorize);
        }
    }

    /** Over plain HTTP without credentials: any answer but a TLS server's refusal settles plain HTTP. */
    private Answer probe(RegistryCall call, Endpoint start, Endpoint probed, Authorize authorize)
            throws RegistryException {
        Route route = Route.to(start, probed.overPlainHttp());
        Tries tries = new Tries();
        Response response;
        try {
            response = sender.send(call, route.endpoint(), Authorize.PROBE, tries).response();
        } catch (IOException e) {
            if (!refusedLikeATlsServer(e)) {
                throw failures.ofSend(call, route, e, tries);
            }
            return send(call, Route.to(start, speaksTls(probed, e.getClass().getSimpleName())), authorize);
        }
        if (SchemeProbe.worthTryingTls(response)) {
            response.close();
            return send(call, Route.to(start, speaksTls(probed, "HTTP " + response.code())), authorize);
        }
        Endpoint plain = endpoints.fallBackToPlainHttp(probed);
        endpoints.notePlainHttp(probed);
        return new Answer(Route.to(start, plain), response, null, tries, true);
    }

    /**
     * A closed or garbled connection, as a TLS server answers a plain-HTTP request; a TLS failure or a pull
     * limit is reported as what it is.
     */
    private static boolean refusedLikeATlsServer(IOException probeFailure) {
        return !(probeFailure instanceof SSLException || probeFailure instanceof PullLimitGuard.PullLimitException)
                && SchemeProbe.refusedPlainHttp(probeFailure);
    }

    /** A certificate the JVM rejects shows that the server speaks TLS: plain HTTP cannot help then. */
    private static boolean mayFallBack(Endpoint endpoint, IOException failure) {
        boolean maySpeakPlainHttp = failure instanceof ConnectException
                || (failure instanceof SSLException tlsFailure && !TlsFailures.provesTls(tlsFailure));
        return endpoint.base().isHttps() && endpoint.mayUsePlainHttp() && maySpeakPlainHttp;
    }

    /** The first answer over plain HTTP after HTTPS failed says which failure to report, and notes plain HTTP. */
    private Answer afterFallback(RegistryCall call, Route route, Authorize authorize) throws RegistryException {
        Answer answer = send(call, route, authorize);
        if (route.tlsFailure() != null && SchemeProbe.refusedPlainHttp(answer.response())) {
            // Plain HTTP is refused the way a TLS server refuses it: the TLS failure is the real problem.
            answer.response().close();
            endpoints.settleOnTls(route.start());
            throw failures.ofTlsGivenUp(call.operation(), route);
        }
        endpoints.notePlainHttp(route.start());
        return answer;
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
}

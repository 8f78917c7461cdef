package dev.labels.registry.transport;

import java.io.IOException;
import javax.net.ssl.SSLException;

/**
 * How one request reaches an endpoint: the endpoint as the registry's endpoints listed it, the endpoint as it
 * is asked now (its scheme settled by {@link SchemeSettler}), and, after HTTPS failed and plain HTTP was asked
 * instead, that TLS failure: when plain HTTP fails too, or is refused the way a TLS server refuses it, the TLS
 * failure is the one to report.
 *
 * @param start      the endpoint as {@link Endpoints#resolve} gave it: what is settled or noted is kept under it
 * @param endpoint   where the request goes now
 * @param overTls    the HTTPS endpoint that failed, or null
 * @param tlsFailure how it failed, or null when HTTPS was not given up for a TLS failure
 */
record Route(Endpoint start, Endpoint endpoint, Endpoint overTls, SSLException tlsFailure) {

    static Route to(Endpoint start, Endpoint endpoint) {
        return new Route(start, endpoint, null, null);
    }

    /** After HTTPS failed with {@code cause}: over {@code plain}, keeping the TLS failure if that is what it was. */
    Route fellBack(Endpoint plain, IOException cause) {
        return cause instanceof SSLException tls ? new Route(start, plain, endpoint, tls)
                : new Route(start, plain, overTls, tlsFailure);
    }
}

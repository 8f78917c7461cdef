package dev.labels.registry.transport;

import dev.labels.registry.auth.AuthTarget;
import dev.labels.registry.auth.RegistryHosts;
import okhttp3.HttpUrl;

/**
 * Where a registry's API is served for this run: the registry itself or one of its mirrors.
 *
 * @param registry        the registry name from the reference
 * @param base            the base URL; {@code /v2/...} is appended to its path
 * @param credentialKey   the name credentials, config-file settings and the certs.d folder are looked up by:
 *                        the registry, or the mirror's host[:port] (a mirror never gets the upstream's secrets)
 * @param mayUsePlainHttp whether an HTTPS failure may be retried over plain HTTP (loopback or insecure)
 * @param mirror          whether this is a mirror, which the registry itself backs up when it fails
 * @param plainHttpFirst  a loopback registry whose scheme is not known yet: plain HTTP is tried first, and
 *                        HTTPS only when the server turns out to speak TLS (see {@link SchemeProbe})
 * @param insecure        the user allowed plain HTTP here: {@code --insecure}, or {@code "insecure": true} for
 *                        this host in the config file
 */
public record Endpoint(String registry, HttpUrl base, String credentialKey, boolean mayUsePlainHttp, boolean mirror,
                boolean plainHttpFirst, boolean insecure) implements AuthTarget {

    /** {@code BASE/v2/REPOSITORY/PATH}; a query in {@code path} (tags/list?n=100) is kept as the query. */
    HttpUrl url(String repository, String path) {
        int query = path.indexOf('?');
        HttpUrl.Builder url = base.newBuilder().addPathSegment("v2").addPathSegments(repository)
                .addPathSegments(query < 0 ? path : path.substring(0, query));
        return query < 0 ? url.build() : url.encodedQuery(path.substring(query + 1)).build();
    }

    @Override
    public boolean namedInReference() {
        return RegistryHosts.canonical(credentialKey).equals(RegistryHosts.canonical(registry));
    }

    @Override
    public boolean allowsPlainHttpRealm() {
        return mayUsePlainHttp || insecure;
    }

    /** Over plain HTTP, a secret can be read by anyone on the way: only loopback is not on the way. */
    @Override
    public boolean maySendSecretsTo(HttpUrl url) {
        return url.isHttps() || insecure || Loopback.isLoopbackHost(url.host());
    }

    boolean serves(HttpUrl url) {
        return url.host().equals(base.host()) && url.port() == base.port() && url.scheme().equals(base.scheme());
    }

    Endpoint overPlainHttp() {
        return new Endpoint(registry, base.newBuilder().scheme("http").port(port(base)).build(), credentialKey, false,
                mirror, false, insecure);
    }

    /** This endpoint once its server was found to speak TLS: HTTPS, with the usual fallback should TLS fail. */
    Endpoint overTls() {
        return new Endpoint(registry, base, credentialKey, mayUsePlainHttp, mirror, false, insecure);
    }

    /** Keeps an explicit port; an implicit https port 443 becomes http's 80, as Docker's fallback does. */
    private static int port(HttpUrl url) {
        return url.port() == HttpUrl.defaultPort(url.scheme()) ? HttpUrl.defaultPort("http") : url.port();
    }
}

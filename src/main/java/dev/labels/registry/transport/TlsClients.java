package dev.labels.registry.transport;

import dev.labels.registry.config.RegistrySettings;
import dev.labels.registry.tls.TlsException;
import dev.labels.registry.tls.TlsMaterial;
import dev.labels.registry.tls.TlsSettings;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The client for each request. Plain-HTTP requests get the run's shared client as it is: it speaks cleartext
 * only, so building it loads neither the JVM's trust store nor its TLS stack, dear at start-up and never needed
 * by a run against a plain-HTTP registry, or one whose answers are all cached. HTTPS requests get
 * a client derived from it with {@code newBuilder()}: the JVM's TLS defaults, or the registry's own socket
 * factory ({@code --ca-cert}, the config file's {@code ca} and {@code insecure}, certs.d). Derived clients
 * keep the shared connection pool and dispatcher; OkHttp never reuses a connection across socket factories,
 * so one registry's trust cannot leak to another. TLS material is read on the first HTTPS request to a
 * registry, so a run never reads files it does not need.
 */
final class TlsClients {
    /** OkHttp's own default: modern TLS, and cleartext for the plain-HTTP side of a loopback fallback. */
    private static final List<ConnectionSpec> TLS_SPECS = List.of(ConnectionSpec.MODERN_TLS, ConnectionSpec.CLEARTEXT);
    private final OkHttpClient base;
    private final RegistryConfig config;
    private final TlsSettings settings;
    private final Map<String, OkHttpClient> byRegistry = new ConcurrentHashMap<>();
    private OkHttpClient platformTls;
    private OkHttpClient globalOnly;

    TlsClients(OkHttpClient base, RegistryConfig config) {
        this.base = base;
        this.config = config;
        this.settings = new TlsSettings(config.tls());
    }

    /**
     * @param registry an endpoint's credential key: the registry name, or a mirror's host[:port]; its TLS
     *                 settings apply to every HTTPS URL asked for on its behalf, its token service's too
     * @param url      where the request goes: its scheme decides whether TLS is set up
     */
    OkHttpClient forUrl(String registry, HttpUrl url) throws TlsException {
        return url.isHttps() ? forRegistry(registry) : base;
    }

    private OkHttpClient forRegistry(String registry) throws TlsException {
        OkHttpClient client = byRegistry.get(registry);
        if (client == null) {
            client = build(registry);
            OkHttpClient raced = byRegistry.putIfAbsent(registry, client);
            client = raced != null ? raced : client;
        }
        return client;
    }

    private OkHttpClient build(String registry) throws TlsException {
        RegistrySettings own = config.settingsFor(registry);
        boolean trustAll = config.insecure() || own.insecure();
        if (settings.onlyGlobal(registry, own.ca(), trustAll)) {
            return config.tls().caCertificates().isEmpty() ? platformTls() : globalOnly();
        }
        return derive(settings.materialFor(registry, own.ca(), trustAll));
    }

    /** The JVM's own trust store (see PlatformTrust) and TLS defaults. */
    private synchronized OkHttpClient platformTls() throws TlsException {
        if (platformTls == null) {
            platformTls = derive(new TlsMaterial(List.of(), List.of(), false));
        }
        return platformTls;
    }

    /** With only --ca-cert, every registry has the same trust: one derived client for all of them. */
    private synchronized OkHttpClient globalOnly() throws TlsException {
        if (globalOnly == null) {
            globalOnly = derive(new TlsMaterial(settings.globalAuthorities(), List.of(), false));
        }
        return globalOnly;
    }

    private OkHttpClient derive(TlsMaterial material) throws TlsException {
        TlsMaterial.Sockets sockets = material.sockets();
        OkHttpClient.Builder builder = withTls().sslSocketFactory(sockets.factory(), sockets.trustManager());
        if (material.trustAll()) {
            // --insecure / "insecure": true: the user accepts any certificate, as skopeo's --tls-verify=false.
            builder.hostnameVerifier((host, session) -> true);
        }
        return builder.build();
    }

    private OkHttpClient.Builder withTls() {
        return base.newBuilder().connectionSpecs(TLS_SPECS);
    }
}

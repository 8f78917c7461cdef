package dev.labels.registry;

import dev.labels.registry.config.RegistrySettings;
import dev.labels.registry.tls.TlsException;
import dev.labels.registry.tls.TlsMaterial;
import dev.labels.registry.tls.TlsSettings;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.OkHttpClient;

/**
 * The client for each registry: the run's shared client when the JVM's TLS defaults do, else one derived from
 * it with {@code newBuilder()} and the registry's own socket factory ({@code --ca-cert}, the config file's
 * {@code ca} and {@code insecure}, certs.d). Derived clients keep the shared connection pool and dispatcher;
 * OkHttp never reuses a connection across socket factories, so one registry's trust cannot leak to another.
 * Material is read on the first request to a registry, so a run never reads files it does not need.
 */
final class TlsClients {
    private final OkHttpClient base;
    private final RegistryConfig config;
    private final TlsSettings settings;
    private final Map<String, OkHttpClient> byRegistry = new ConcurrentHashMap<>();
    private OkHttpClient globalOnly;

    TlsClients(OkHttpClient base, RegistryConfig config) {
        this.base = base;
        this.config = config;
        this.settings = new TlsSettings(config.tls());
    }

    /** @param registry an endpoint's credential key: the registry name, or a mirror's host[:port] */
    OkHttpClient forRegistry(String registry) throws TlsException {
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
            return config.tls().caCertificates().isEmpty() ? base : globalOnly();
        }
        return derive(settings.materialFor(registry, own.ca(), trustAll));
    }

    /** With only --ca-cert, every registry has the same trust: one derived client for all of them. */
    private synchronized OkHttpClient globalOnly() throws TlsException {
        if (globalOnly == null) {
            globalOnly = derive(new TlsMaterial(settings.globalAuthorities(), java.util.List.of(), false));
        }
        return globalOnly;
    }

    private OkHttpClient derive(TlsMaterial material) throws TlsException {
        TlsMaterial.Sockets sockets = material.sockets();
        OkHttpClient.Builder builder = base.newBuilder().sslSocketFactory(sockets.factory(), sockets.trustManager());
        if (material.trustAll()) {
            // --insecure / "insecure": true: the user accepts any certificate, as skopeo's --tls-verify=false.
            builder.hostnameVerifier((host, session) -> true);
        }
        return builder.build();
    }
}

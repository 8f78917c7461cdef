package dev.labels.registry.proxy;

import java.util.Map;
import java.util.Optional;

/**
 * The proxies the environment asks for, read as curl and Go read them: {@code https_proxy} for https://
 * URLs, {@code http_proxy} for http:// URLs, {@code no_proxy} for the exceptions; each also in upper case, the
 * lower-case one winning when both are set (curl's rule). An empty variable counts as unset.
 */
public final class ProxySettings {
    public static final ProxySettings NONE = new ProxySettings(null, null, NoProxy.NONE);

    private final ProxyServer http;
    private final ProxyServer https;
    private final NoProxy noProxy;

    private ProxySettings(ProxyServer http, ProxyServer https, NoProxy noProxy) {
        this.http = http;
        this.https = https;
        this.noProxy = noProxy;
    }

    /** Throws IllegalArgumentException naming the variable when a proxy URL cannot be used. */
    public static ProxySettings fromEnvironment(Map<String, String> env) {
        ProxyServer http = server(env, "http_proxy");
        ProxyServer https = server(env, "https_proxy");
        if (http == null && https == null) {
            return NONE;
        }
        return new ProxySettings(http, https, NoProxy.parse(variable(env, "no_proxy").map(Map.Entry::getValue).orElse(null)));
    }

    public boolean isEmpty() {
        return http == null && https == null;
    }

    /** The proxy for a request, or empty to go direct. */
    public Optional<ProxyServer> forTarget(String scheme, String host, int port) {
        ProxyServer server = "https".equalsIgnoreCase(scheme) ? https : "http".equalsIgnoreCase(scheme) ? http : null;
        if (server == null || noProxy.bypasses(host, port)) {
            return Optional.empty();
        }
        return Optional.of(server);
    }

    /** The configured proxy listening at host:port, to answer its 407 with its own credentials. */
    Optional<ProxyServer> at(String host, int port) {
        for (ProxyServer server : new ProxyServer[] {https, http}) {
            if (server != null && server.host().equalsIgnoreCase(host) && server.port() == port) {
                return Optional.of(server);
            }
        }
        return Optional.empty();
    }

    private static ProxyServer server(Map<String, String> env, String lowerCaseName) {
        return variable(env, lowerCaseName).map(e -> ProxyServer.parse(e.getKey(), e.getValue())).orElse(null);
    }

    /** The lower-case variable when set, else the upper-case one: name and value. */
    private static Optional<Map.Entry<String, String>> variable(Map<String, String> env, String lowerCaseName) {
        for (String name : new String[] {lowerCaseName, lowerCaseName.toUpperCase(java.util.Locale.ROOT)}) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(Map.entry(name, value));
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "ProxySettings[http=" + http + ", https=" + https + "]";
    }
}

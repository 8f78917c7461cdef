package dev.labels.registry.proxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;

/**
 * Picks the proxy of each request from {@link ProxySettings}. OkHttp asks it per address, so a registry,
 * its token service and the storage its blobs redirect to are each decided on their own host, as curl does.
 * The proxy's address is left unresolved: OkHttp resolves it, and the target host is resolved by the proxy.
 */
public final class EnvironmentProxySelector extends ProxySelector {
    private final ProxySettings settings;

    public EnvironmentProxySelector(ProxySettings settings) {
        this.settings = settings;
    }

    @Override
    public List<Proxy> select(URI uri) {
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return settings.forTarget(uri.getScheme(), uri.getHost(), port)
                .map(server -> List.of(new Proxy(Proxy.Type.HTTP,
                        InetSocketAddress.createUnresolved(server.host(), server.port()))))
                .orElse(List.of(Proxy.NO_PROXY));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
        // One proxy per scheme, no alternatives to rotate to: OkHttp reports the failure to the caller.
    }
}

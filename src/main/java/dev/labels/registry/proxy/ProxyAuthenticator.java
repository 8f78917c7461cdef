package dev.labels.registry.proxy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import okhttp3.Authenticator;
import okhttp3.Credentials;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

/**
 * Answers a proxy's 407 with the {@code user:password} of that proxy's URL, as Basic
 * {@code Proxy-Authorization} (RFC 7235). Once: a request that already carried credentials and was refused
 * again gets no second try, so a wrong password cannot loop. The credentials go to the proxy that asked and
 * to no other host.
 */
public final class ProxyAuthenticator implements Authenticator {
    private final ProxySettings settings;

    public ProxyAuthenticator(ProxySettings settings) {
        this.settings = settings;
    }

    @Override
    public Request authenticate(Route route, Response response) {
        if (route == null || response.request().header("Proxy-Authorization") != null) {
            return null;
        }
        if (!(route.proxy().address() instanceof InetSocketAddress address)) {
            return null;
        }
        return settings.at(address.getHostString(), address.getPort())
                .filter(ProxyServer::hasCredentials)
                .map(server -> response.request().newBuilder()
                        .header("Proxy-Authorization", Credentials.basic(server.username(), server.password(),
                                StandardCharsets.UTF_8))
                        .build())
                .orElse(null);
    }
}

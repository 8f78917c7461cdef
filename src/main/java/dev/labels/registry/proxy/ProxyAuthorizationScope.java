package dev.labels.registry.proxy;

import java.io.IOException;
import java.net.Proxy;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Keeps {@code Proxy-Authorization} on the way to the proxy it was given for. {@link ProxyAuthenticator} puts it
 * on the request itself when a plain-HTTP request goes through the proxy, and OkHttp carries every header but
 * {@code Authorization} along a redirect: one to a host that {@code NO_PROXY} exempts would hand the proxy's
 * password to that host. A network interceptor sees the connection a request really goes out on, so the header
 * goes only where that is an HTTP proxy reading the request in clear.
 */
public final class ProxyAuthorizationScope implements Interceptor {
    private static final String HEADER = "Proxy-Authorization";

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (request.header(HEADER) == null || toTheProxy(chain.connection(), request)) {
            return chain.proceed(request);
        }
        return chain.proceed(request.newBuilder().removeHeader(HEADER).build());
    }

    /** Over an HTTPS tunnel the request's headers reach the server, not the proxy. */
    private static boolean toTheProxy(Connection connection, Request request) {
        return connection != null && connection.route().proxy().type() == Proxy.Type.HTTP && !request.isHttps();
    }
}

package dev.labels.registry.proxy;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An HTTP proxy from {@code HTTPS_PROXY}/{@code HTTP_PROXY}, read as Go's net/http (and so docker, skopeo
 * and crane) reads it: a URL, {@code http://} assumed when there is no scheme, port 80 when there is none,
 * and {@code user:password@} (percent-encoded) for the proxy's Basic authentication. {@link #toString()}
 * never shows the password.
 *
 * @param variable the environment variable it came from, for messages
 */
public record ProxyServer(String host, int port, String username, String password, String variable) {
    static final int DEFAULT_PORT = 80;

    /**
     * Throws IllegalArgumentException naming the variable, never quoting the value: it may hold a password.
     */
    static ProxyServer parse(String variable, String value) {
        String text = value.strip();
        if (!text.contains("://")) {
            text = "http://" + text;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(variable + " is not a valid proxy URL");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http")) {
            throw new IllegalArgumentException(variable + ": " + scheme + ":// proxies are not supported; "
                    + "use an http:// proxy (it tunnels HTTPS with CONNECT)");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(variable + " is not a valid proxy URL: it has no host");
        }
        String username = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            username = percentDecode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? "" : percentDecode(userInfo.substring(colon + 1));
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new ProxyServer(host, uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), username, password, variable);
    }

    public boolean hasCredentials() {
        return username != null && !username.isEmpty();
    }

    /** RFC 3986 percent-decoding; unlike URLDecoder it leaves '+' alone, as URL userinfo requires. */
    private static String percentDecode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length
                    && Character.digit(bytes[i + 1], 16) >= 0 && Character.digit(bytes[i + 2], 16) >= 0) {
                out.write(Character.digit(bytes[i + 1], 16) * 16 + Character.digit(bytes[i + 2], 16));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ProxyServer[" + (hasCredentials() ? username + ":<redacted>@" : "") + host + ":" + port
                + " from " + variable + "]";
    }
}

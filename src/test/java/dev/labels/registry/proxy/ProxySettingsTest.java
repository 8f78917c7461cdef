package dev.labels.registry.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ProxySettingsTest {

    @ParameterizedTest(name = "NO_PROXY={0}: {1}:{2} direct={3}")
    @CsvSource(delimiter = '|', value = {
        "example.com            | example.com        | 443  | true",
        "example.com            | r.example.com      | 443  | true",
        ".example.com           | r.example.com      | 443  | true",
        ".example.com           | example.com        | 443  | true",
        "*.example.com          | a.b.example.com    | 443  | true",
        "example.com            | badexample.com     | 443  | false",
        "example.com            | example.com.evil   | 443  | false",
        "registry.corp:5000     | registry.corp      | 5000 | true",
        "registry.corp:5000     | registry.corp      | 443  | false",
        "10.0.0.0/8             | 10.1.2.3           | 443  | true",
        "10.0.0.0/8             | 11.1.2.3           | 443  | false",
        "10.0.0.0/8             | ten.example        | 443  | false",
        "192.168.1.10           | 192.168.1.10       | 80   | true",
        "::1                    | [::1]              | 80   | true",
        "fd00::/8               | [fd12::1]          | 443  | true",
        "'a.com, b.com'         | x.b.com            | 443  | true",
        "*                      | anything.at.all    | 443  | true",
        "EXAMPLE.com            | Registry.Example.COM | 443 | true",
        "''                     | localhost          | 80   | false",
        "example.com            | localhost          | 80   | false",
        "localhost,127.0.0.1    | 127.0.0.1          | 5000 | true",
    })
    void noProxyEntries(String noProxy, String host, int port, boolean direct) {
        assertEquals(direct, NoProxy.parse(noProxy).bypasses(host, port));
    }

    @Test
    void lowerCaseVariablesWinLikeCurl() {
        ProxySettings settings = ProxySettings.fromEnvironment(Map.of(
                "https_proxy", "http://lower:3128", "HTTPS_PROXY", "http://upper:3128",
                "NO_PROXY", "skip.example", "no_proxy", "direct.example"));

        assertEquals("lower", settings.forTarget("https", "r.io", 443).orElseThrow().host());
        assertTrue(settings.forTarget("https", "direct.example", 443).isEmpty());
        assertFalse(settings.forTarget("https", "skip.example", 443).isEmpty(), "NO_PROXY is overridden by no_proxy");
    }

    @Test
    void eachSchemeHasItsOwnProxy() {
        ProxySettings settings = ProxySettings.fromEnvironment(Map.of("HTTP_PROXY", "plain.proxy:8080"));

        assertEquals(8080, settings.forTarget("http", "r.io", 80).orElseThrow().port());
        assertTrue(settings.forTarget("https", "r.io", 443).isEmpty(), "HTTP_PROXY is not used for https URLs");
    }

    @Test
    void proxyUrlsWithoutSchemeOrPortAreHttpOnPort80() {
        ProxyServer server = ProxyServer.parse("HTTPS_PROXY", "proxy.corp");

        assertEquals("proxy.corp", server.host());
        assertEquals(80, server.port());
    }

    @Test
    void proxyCredentialsArePercentDecodedAndNeverShown() {
        ProxyServer server = ProxyServer.parse("HTTPS_PROXY", "http://us%40er:p%3Ass+word@proxy.corp:3128");

        assertEquals("us@er", server.username());
        assertEquals("p:ss+word", server.password());
        assertFalse(server.toString().contains("ss+word"), server.toString());
        assertFalse(ProxySettings.fromEnvironment(Map.of("HTTPS_PROXY", "http://u:topsecret@p:1")).toString()
                .contains("topsecret"));
    }

    @Test
    void unsupportedProxiesAreErrorsNamingTheVariableNotTheValue() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ProxySettings.fromEnvironment(Map.of("https_proxy", "socks5://u:topsecret@p:1080")));

        assertTrue(error.getMessage().startsWith("https_proxy: socks5:// proxies are not supported"), error.getMessage());
        assertFalse(error.getMessage().contains("topsecret"));
    }

    @Test
    void selectorGivesAnUnresolvedHttpProxyOrDirect() {
        ProxySettings settings = ProxySettings.fromEnvironment(Map.of("HTTPS_PROXY", "http://proxy.corp:3128",
                "NO_PROXY", "internal.corp"));
        EnvironmentProxySelector selector = new EnvironmentProxySelector(settings);

        Proxy proxy = selector.select(URI.create("https://ghcr.io/v2/")).get(0);
        assertEquals(Proxy.Type.HTTP, proxy.type());
        assertEquals("proxy.corp", ((InetSocketAddress) proxy.address()).getHostString());
        assertEquals(Proxy.NO_PROXY, selector.select(URI.create("https://r.internal.corp/v2/")).get(0));
    }

    @Test
    void noProxyVariablesMeansNoSelector() {
        assertTrue(ProxySettings.fromEnvironment(Map.of("NO_PROXY", "x")).isEmpty());
    }
}

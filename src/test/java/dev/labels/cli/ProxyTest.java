package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.testing.TestImageServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code HTTP_PROXY}/{@code HTTPS_PROXY}/{@code NO_PROXY}. The proxy is a MockWebServer: an HTTP proxy gets
 * requests in absolute form ({@code GET http://host/v2/...}), which it serves itself, so the target host never
 * has to exist. Registries are given as plain-HTTP mirrors of themselves so that no CONNECT tunnel is involved.
 */
class ProxyTest {
    /** A name that must never be resolved by us: only the proxy sees it. */
    private static final String UPSTREAM = "registry.proxied.test:5000";

    private TestImageServer proxy;
    private TestImageServer registry;

    @AfterEach
    void stop() {
        for (TestImageServer server : new TestImageServer[] {proxy, registry}) {
            if (server != null) {
                server.close();
            }
        }
    }

    private static String plainHttp(String host) {
        return host + "=http://" + host;
    }

    @Test
    void requestsGoThroughTheProxyFromHttpProxy() {
        proxy = TestImageServer.start();
        Map<String, String> labels = proxy.push("team/app", "1");

        CliRun run = CliRun.run(Map.of("HTTP_PROXY", proxy.url()), "", "inspect", UPSTREAM + "/team/app:1",
                "--mirror", plainHttp(UPSTREAM));

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(labels, run.labels());
        assertTrue(proxy.requests().get(0).getRequestLine().startsWith("GET http://" + UPSTREAM + "/v2/team/app/"),
                proxy.requests().get(0).getRequestLine());
    }

    @Test
    void lowerCaseProxyVariableWinsOverUpperCase() {
        proxy = TestImageServer.start();
        proxy.push("team/app", "1");

        CliRun run = CliRun.run(Map.of("http_proxy", proxy.url(), "HTTP_PROXY", "http://127.0.0.1:1"), "",
                "inspect", UPSTREAM + "/team/app:1", "--mirror", plainHttp(UPSTREAM));

        assertEquals(0, run.exitCode(), run::toString);
    }

    @Test
    void noProxyBypassesTheProxy() {
        proxy = TestImageServer.start().failing(502);
        registry = TestImageServer.start();
        Map<String, String> labels = registry.push("team/app", "1");
        Map<String, String> env = Map.of("HTTP_PROXY", proxy.url(), "NO_PROXY", "example.com,localhost");

        CliRun run = CliRun.run(env, "", "inspect", registry.host() + "/team/app:1", "--mirror", plainHttp(registry.host()));

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(labels, run.labels());
        assertEquals(List.of(), proxy.requests(), "the proxy was bypassed");
    }

    @Test
    void loopbackIsProxiedUnlessNoProxySaysOtherwise() {
        proxy = TestImageServer.start();
        proxy.push("team/app", "1");
        registry = TestImageServer.start();

        CliRun run = CliRun.run(Map.of("HTTP_PROXY", proxy.url()), "", "inspect", registry.host() + "/team/app:1",
                "--mirror", plainHttp(registry.host()));

        assertEquals(0, run.exitCode(), "served by the proxy, as curl would: " + run);
        assertEquals(List.of(), registry.requests());
    }

    @Test
    void proxyCredentialsInTheUrlAnswerA407Once() {
        proxy = TestImageServer.start().requireProxyCredentials("proxy-user", "proxy:pass");
        Map<String, String> labels = proxy.push("team/app", "1");
        String url = "http://proxy-user:proxy%3Apass@" + proxy.host();

        CliRun run = CliRun.run(Map.of("HTTP_PROXY", url), "", "inspect", UPSTREAM + "/team/app:1",
                "--mirror", plainHttp(UPSTREAM));

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(labels, run.labels());
        RecordedRequest first = proxy.requests().get(0);
        assertNull(first.getHeader("Proxy-Authorization"), "nothing is sent before the proxy asks");
        assertEquals(TestImageServer.basic("proxy-user", "proxy:pass"),
                proxy.requests().get(1).getHeader("Proxy-Authorization"));
        assertFalse(run.stderr().contains("proxy:pass") || run.stderr().contains("proxy%3Apass"), run.stderr());
    }

    @Test
    void wrongProxyCredentialsAreTriedOnlyOnce() {
        proxy = TestImageServer.start().requireProxyCredentials("proxy-user", "right");
        proxy.push("team/app", "1");
        Map<String, String> env = new HashMap<>();
        env.put("HTTP_PROXY", "http://proxy-user:wrong@" + proxy.host());

        CliRun run = CliRun.run(env, "", "inspect", UPSTREAM + "/team/app:1", "--mirror", plainHttp(UPSTREAM));

        assertEquals(ExitCodes.ERROR, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("407"), run.stderr());
        assertEquals(2, proxy.requests().size(), "asked once without, once with credentials, then gave up");
    }

    @Test
    void unsupportedProxyIsAUsageErrorNamingTheVariable() {
        CliRun run = CliRun.run(Map.of("HTTPS_PROXY", "socks5://user:secret@127.0.0.1:1080"), "",
                "inspect", "ghcr.io/a/b:1");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("HTTPS_PROXY: socks5:// proxies are not supported"), run.stderr());
        assertFalse(run.stderr().contains("secret"));
    }

    /**
     * OkHttp keeps every header but Authorization on a redirect, and the proxy's 407 put Proxy-Authorization on
     * the request itself (plain HTTP goes through the proxy without a tunnel): a redirect to a host NO_PROXY
     * exempts would carry the proxy's password to that host.
     */
    @Test
    void proxyCredentialsGoToTheProxyOnlyNotToAHostARedirectReachesDirectly() throws Exception {
        try (MockWebServer direct = new MockWebServer(); MockWebServer authenticatingProxy = new MockWebServer()) {
            direct.enqueue(new MockResponse().setResponseCode(404));
            direct.start();
            authenticatingProxy.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    if (request.getHeader("Proxy-Authorization") == null) {
                        return new MockResponse().setResponseCode(407).addHeader("Proxy-Authenticate", "Basic realm=\"p\"");
                    }
                    return new MockResponse().setResponseCode(302)
                            .addHeader("Location", "http://127.0.0.1:" + direct.getPort() + "/storage/manifest");
                }
            });
            authenticatingProxy.start();
            Map<String, String> env = Map.of("HTTP_PROXY", "http://proxy-user:proxy-pass@127.0.0.1:"
                    + authenticatingProxy.getPort(), "NO_PROXY", "127.0.0.1");

            CliRun.run(env, "", "inspect", "--no-cache", "--retries", "0", UPSTREAM + "/team/app:1",
                    "--mirror", plainHttp(UPSTREAM));

            RecordedRequest reached = direct.takeRequest(10, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(reached != null && reached.getPath().equals("/storage/manifest"), "the redirect was followed");
            assertNull(reached.getHeader("Proxy-Authorization"), "the proxy's credentials stay with the proxy");
        }
    }

    /** A proxy that refuses the credentials it was sent and quotes them back must not get them printed. */
    @Test
    void aProxyQuotingTheCredentialsItRefusedDoesNotGetThemPrinted() throws Exception {
        try (MockWebServer echoing = new MockWebServer()) {
            echoing.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    String sent = request.getHeader("Proxy-Authorization");
                    String decoded = sent == null ? "" : new String(java.util.Base64.getDecoder()
                            .decode(sent.substring("Basic ".length())), java.nio.charset.StandardCharsets.UTF_8);
                    return new MockResponse().setResponseCode(407).addHeader("Proxy-Authenticate", "Basic realm=\"p\"")
                            .setBody("refused " + sent + " (" + decoded + ")");
                }
            });
            echoing.start();
            Map<String, String> env = Map.of("HTTP_PROXY", "http://proxy-user:s3cret-pw@127.0.0.1:" + echoing.getPort());

            CliRun run = CliRun.run(env, "", "inspect", UPSTREAM + "/team/app:1", "--mirror", plainHttp(UPSTREAM));

            assertEquals(ExitCodes.ERROR, run.exitCode(), run::toString);
            assertTrue(run.stderr().contains("407"), run.stderr());
            assertFalse(run.stderr().contains("s3cret-pw"), run.stderr());
            assertFalse(run.stderr().contains(java.util.Base64.getEncoder().encodeToString(
                    "proxy-user:s3cret-pw".getBytes(java.nio.charset.StandardCharsets.UTF_8))), run.stderr());
        }
    }
}

package dev.labels.registry.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Random;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;

class SchemeProbeTest {

    private static Response answer(int code, String apiVersion) {
        Response.Builder response = new Response.Builder().request(new Request.Builder().url("http://127.0.0.1:5000/v2/").build())
                .protocol(Protocol.HTTP_1_1).code(code).message("status");
        if (apiVersion != null) {
            response.header("Docker-Distribution-API-Version", apiVersion);
        }
        return response.build();
    }

    @Test
    void aBare400IsATlsServersRefusalOfPlainHttp() {
        assertTrue(SchemeProbe.worthTryingTls(answer(400, null)));
        assertTrue(SchemeProbe.refusedPlainHttp(answer(400, null)));
    }

    @Test
    void aRegistrys400IsWorthTryingTlsForButNotARefusal() {
        assertTrue(SchemeProbe.worthTryingTls(answer(400, "registry/2.0")), "a TLS proxy may add the header too");
        assertFalse(SchemeProbe.refusedPlainHttp(answer(400, "registry/2.0")));
    }

    private static Response redirect(String location) {
        return new Response.Builder().request(new Request.Builder().url("http://127.0.0.1:5000/v2/a/manifests/1").build())
                .protocol(Protocol.HTTP_1_1).code(301).message("Moved").header("Location", location).build();
    }

    @Test
    void aRedirectToHttpsOnTheSamePortIsATlsServersRefusal() {
        assertTrue(SchemeProbe.worthTryingTls(redirect("https://127.0.0.1:5000/v2/a/manifests/1")));
        assertTrue(SchemeProbe.refusedPlainHttp(redirect("https://127.0.0.1:5000/v2/a/manifests/1")));
    }

    @Test
    void otherRedirectsAreTheRegistrysOwn() {
        assertFalse(SchemeProbe.worthTryingTls(redirect("https://127.0.0.1:5001/v2/a/manifests/1")), "another port");
        assertFalse(SchemeProbe.worthTryingTls(redirect("https://storage.example.com/blob")), "another host");
        assertFalse(SchemeProbe.worthTryingTls(redirect("/v2/a/manifests/2")), "same scheme");
    }

    @Test
    void anyAnswerFromARegistryMeansItSpeaksPlainHttp() {
        for (int code : new int[] {200, 401, 404, 503}) {
            assertFalse(SchemeProbe.worthTryingTls(answer(code, null)), "HTTP " + code);
            assertFalse(SchemeProbe.refusedPlainHttp(answer(code, null)), "HTTP " + code);
        }
    }

    @Test
    void aConnectionClosedOrGarbledMayBeATlsServer() {
        assertTrue(SchemeProbe.refusedPlainHttp(new IOException("unexpected end of stream on http://127.0.0.1:5000/",
                new EOFException())));
        assertTrue(SchemeProbe.refusedPlainHttp(new java.net.ProtocolException("Unexpected status line: \u0015\u0003")));
        assertTrue(SchemeProbe.refusedPlainHttp(new SocketException("Connection reset")));
    }

    @Test
    void nothingListeningAnUnknownNameOrATimeoutIsNotAnswerEnoughToTryTls() {
        assertFalse(SchemeProbe.refusedPlainHttp(new ConnectException("Connection refused")));
        assertFalse(SchemeProbe.refusedPlainHttp(new UnknownHostException("nowhere")));
        assertFalse(SchemeProbe.refusedPlainHttp(new SocketTimeoutException("timeout")));
    }

    @Test
    void theProbesTransportFailureIsNotRetriedWhileOtherRequestsAre() throws Exception {
        RecordingSleeper sleeper = new RecordingSleeper();
        OkHttpClient client = new OkHttpClient.Builder().retryOnConnectionFailure(false)
                .addInterceptor(new RetryInterceptor(new RetryPolicy(3, new Random(1)), sleeper, Clock.systemUTC()))
                .build();
        try (MockWebServer server = new MockWebServer()) {
            for (int i = 0; i < 5; i++) {
                server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
            }
            server.start();
            Request probe = new Request.Builder().url(server.url("/v2/")).tag(SchemeProbe.class, SchemeProbe.TAG).build();
            Request ordinary = new Request.Builder().url(server.url("/v2/")).build();

            assertThrows(IOException.class, () -> client.newCall(probe).execute().close());
            assertEquals(0, sleeper.waits.size(), "a closed connection is the probe's answer: " + sleeper.waits);

            assertThrows(IOException.class, () -> client.newCall(ordinary).execute().close());
            assertEquals(3, sleeper.waits.size(), "an ordinary request backs off and tries again: " + sleeper.waits);
        } finally {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    @Test
    void aProbeThatFindsNothingListeningIsTriedAgainAsAnyRequestIs() throws Exception {
        RecordingSleeper sleeper = new RecordingSleeper();
        OkHttpClient client = new OkHttpClient.Builder().retryOnConnectionFailure(false)
                .addInterceptor(new RetryInterceptor(new RetryPolicy(2, new Random(1)), sleeper, Clock.systemUTC()))
                .build();
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try {
            Request probe = new Request.Builder().url("http://127.0.0.1:" + closedPort + "/v2/")
                    .tag(SchemeProbe.class, SchemeProbe.TAG).build();

            assertThrows(ConnectException.class, () -> client.newCall(probe).execute().close());
            assertEquals(2, sleeper.waits.size(), "a registry still starting is waited for: " + sleeper.waits);
        } finally {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }
}

package dev.labels.registry;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;

/** MockWebServers that answer with a handler and record what they got; a test shuts them down together. */
public final class RecordingServers implements AutoCloseable {
    private final List<MockWebServer> servers = new ArrayList<>();

    /** A started server answering with {@code handler}, adding each request to {@code log}. TLS when {@code tls} is given. */
    public MockWebServer start(List<RecordedRequest> log, HandshakeCertificates tls,
                        Function<RecordedRequest, MockResponse> handler) throws IOException {
        return start(InetAddress.getByName("localhost"), log, tls, handler);
    }

    /** As {@link #start(List, HandshakeCertificates, Function)}, listening on {@code address}. */
    public MockWebServer start(InetAddress address, List<RecordedRequest> log, HandshakeCertificates tls,
                               Function<RecordedRequest, MockResponse> handler) throws IOException {
        MockWebServer server = new MockWebServer();
        if (tls != null) {
            server.useHttps(tls.sslSocketFactory(), false);
        }
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                log.add(request);
                return handler.apply(request);
            }
        });
        server.start(address, 0);
        servers.add(server);
        return server;
    }

    @Override
    public void close() throws IOException {
        for (MockWebServer server : servers) {
            server.shutdown();
        }
    }
}

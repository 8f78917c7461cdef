package dev.labels.bench;

import dev.labels.bench.HttpMessages.BadRequest;
import dev.labels.bench.HttpMessages.Request;
import dev.labels.bench.HttpMessages.Response;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * An HTTP/1.1 server on a free 127.0.0.1 port, plain or over TLS, written on raw sockets (a thread per
 * connection) so that it sees what an HTTP library would hide: each new connection, which it delays to stand
 * for the round trip of setting up a connection to a far-away server, and clients speaking the other protocol
 * (a TLS ClientHello on the plain port, from clients that try HTTPS first; plain HTTP on the TLS port), which
 * it answers with a plain 400, as Go's servers do, and counts as probes.
 *
 * <p>Bounded everywhere: lines, headers and bodies ({@link HttpMessages}), open connections
 * ({@link #MAX_OPEN_CONNECTIONS}), requests per connection, idle time. Threads are daemons, and
 * {@link #close()} closes the listening socket and every open connection.
 */
final class LoopbackHttpServer implements AutoCloseable {
    /** The benchmark's clients hold at most a few dozen connections at once; beyond this is a leak. */
    static final int MAX_OPEN_CONNECTIONS = 256;
    private static final int MAX_REQUESTS_PER_CONNECTION = 10_000;
    /** Keep-alive connections left idle this long are closed, as real servers do. */
    private static final int IDLE_TIMEOUT_MILLIS = 15_000;
    private static final int BACKLOG = 128;
    /** First byte of a TLS record carrying a handshake message (RFC 8446 5.1): a ClientHello. */
    private static final int TLS_HANDSHAKE = 0x16;
    /** A TLS record holds at most 2^14 bytes plus some overhead (RFC 8446 5.2). */
    private static final int MAX_TLS_RECORD_BYTES = 16_384 + 256;

    /** What a request was answered with, and how to count it. */
    record Answer(Traffic.Kind kind, Response response) {
    }

    @FunctionalInterface
    interface Handler {
        Answer handle(Request request) throws IOException;
    }

    /**
     * The simulated network: {@code perRequest} before every answer (the round trip), {@code perConnection}
     * more before a new connection's first byte is read (the TCP handshake's round trip).
     */
    record Delays(Duration perRequest, Duration perConnection) {
    }

    private final String name;
    private final Traffic.Port port;
    private final Traffic traffic;
    private final Delays delays;
    private final Handler handler;
    /** Null for plain HTTP. */
    private final SSLSocketFactory tls;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private LoopbackHttpServer(String name, Traffic.Port port, Traffic traffic, Delays delays, Handler handler,
                               SSLSocketFactory tls, ServerSocket server) {
        this.name = name;
        this.port = port;
        this.traffic = traffic;
        this.delays = delays;
        this.handler = handler;
        this.tls = tls;
        this.server = server;
    }

    /** @param tls the server side of TLS (its certificate and key), or null to speak plain HTTP */
    static LoopbackHttpServer start(String name, Traffic.Port port, Traffic traffic, Delays delays, Handler handler,
                                    SSLSocketFactory tls) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
        LoopbackHttpServer http = new LoopbackHttpServer(name, port, traffic, delays, handler, tls, server);
        Thread acceptor = new Thread(http::acceptLoop, name + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return http;
    }

    int port() {
        return server.getLocalPort();
    }

    /** Idempotent. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        for (Socket socket : open) {
            closeQuietly(socket);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                pause(Duration.ofMillis(10)); // e.g. out of file descriptors: do not spin
                continue;
            }
            traffic.connection(port);
            if (open.size() >= MAX_OPEN_CONNECTIONS || closed) {
                traffic.refused(port);
                closeQuietly(socket);
                continue;
            }
            open.add(socket);
            Thread thread = new Thread(() -> serve(socket), name + "-connection");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void serve(Socket socket) {
        try {
            socket.setSoTimeout(IDLE_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            pause(delays.perConnection());
            // Unbuffered, so that nothing past the first byte is taken from the socket before TLS reads it.
            InputStream raw = socket.getInputStream();
            int first = raw.read();
            if (first < 0) {
                return;
            }
            boolean clientHello = first == TLS_HANDSHAKE;
            if (tls == null && clientHello) {
                answerTlsProbe(socket, raw, new BufferedOutputStream(socket.getOutputStream()));
            } else if (tls == null) {
                converse(socket, new BufferedInputStream(replay(first, raw)), socket.getOutputStream());
            } else if (!clientHello) {
                answerPlainProbe(socket, new BufferedInputStream(replay(first, raw)));
            } else {
                SSLSocket secure = handshake(socket, first);
                if (secure != null) {
                    converse(secure, new BufferedInputStream(secure.getInputStream()), secure.getOutputStream());
                }
            }
        } catch (IOException e) {
            // The client went away, or the connection sat idle past the timeout: nothing to answer.
        } finally {
            open.remove(socket);
            closeQuietly(socket);
        }
    }

    /** HTTP requests, one after another, until the client closes the connection or asks for it to be closed. */
    private void converse(Socket socket, InputStream in, OutputStream rawOut) throws IOException {
        OutputStream out = new BufferedOutputStream(rawOut);
        for (int served = 0; served < MAX_REQUESTS_PER_CONNECTION && !closed; served++) {
            Request request;
            try {
                request = HttpMessages.read(in);
            } catch (BadRequest e) {
                traffic.request(port, Traffic.Kind.OTHER);
                HttpMessages.write(out, Response.text(400, "Bad Request", e.getMessage()), false, false);
                closeGracefully(socket, in);
                return;
            }
            if (request == null) {
                return; // the client closed its keep-alive connection
            }
            pause(delays.perRequest());
            Answer answer = answer(request);
            traffic.request(port, answer.kind());
            boolean keepAlive = request.keepAlive() && served + 1 < MAX_REQUESTS_PER_CONNECTION;
            HttpMessages.write(out, answer.response(), request.method().equals("HEAD"), keepAlive);
            if (!keepAlive) {
                return;
            }
        }
    }

    /**
     * The server side of a TLS handshake whose ClientHello has begun ({@code first}, already read). Null when
     * it failed, which is counted: a client that does not trust the certificate, or that gave up.
     */
    private SSLSocket handshake(Socket socket, int first) throws IOException {
        SSLSocket secure = (SSLSocket) tls.createSocket(socket, new ByteArrayInputStream(new byte[] {(byte) first}), true);
        try {
            secure.startHandshake();
            traffic.negotiated(secure.getSession().getProtocol());
            return secure;
        } catch (IOException e) {
            // An alert (SSLException) or, as often when the client gives up first, a reset or end of stream.
            traffic.failedHandshake(port);
            return null;
        }
    }

    private Answer answer(Request request) {
        try {
            return handler.handle(request);
        } catch (IOException | RuntimeException e) {
            return new Answer(Traffic.Kind.OTHER, Response.text(502, "Bad Gateway", name + ": " + e));
        }
    }

    /**
     * A client tried TLS on this plain port. Skopeo does that on loopback (labels too when it is told to) and
     * falls back to HTTP when it fails. The ClientHello record is read before answering, so that the answer is
     * not lost to a reset.
     *
     * @param in the connection's input after the record's first byte
     */
    private void answerTlsProbe(Socket socket, InputStream in, OutputStream out) throws IOException {
        traffic.probe(port);
        byte[] header = in.readNBytes(4); // version (2 bytes), record length (2 bytes)
        if (header.length == 4) {
            int length = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
            in.readNBytes(Math.min(length, MAX_TLS_RECORD_BYTES));
        }
        HttpMessages.write(out, Response.text(400, "Bad Request", "this is a plain HTTP port"), false, false);
        closeGracefully(socket, in);
    }

    /** A client spoke plain HTTP on this TLS port: Go's answer, in plain text, then the connection closes. */
    private void answerPlainProbe(Socket socket, InputStream in) throws IOException {
        traffic.probe(port);
        OutputStream out = new BufferedOutputStream(socket.getOutputStream());
        HttpMessages.write(out, Response.text(400, "Bad Request", "Client sent an HTTP request to an HTTPS server."),
                false, false);
        closeGracefully(socket, in);
    }

    /** The connection's input with its first byte, already read, put back in front. */
    private static InputStream replay(int first, InputStream rest) {
        return new SequenceInputStream(new ByteArrayInputStream(new byte[] {(byte) first}), rest);
    }

    /**
     * Half-closes and drains what the client still sends (bounded in bytes and time) before the socket is
     * closed: closing with unread input makes the kernel send a reset instead of a clean end of stream.
     */
    private static void closeGracefully(Socket socket, InputStream in) throws IOException {
        socket.shutdownOutput();
        socket.setSoTimeout(1_000);
        in.readNBytes(MAX_TLS_RECORD_BYTES);
    }

    private static void pause(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing while shutting down: nothing useful to do with the error
        }
    }
}

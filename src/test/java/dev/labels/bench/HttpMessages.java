package dev.labels.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Just enough HTTP/1.1 (RFC 9112) for the benchmark's proxy: request line and headers with hard size limits,
 * Content-Length bodies only, and responses that always carry a Content-Length so that connections can be
 * kept alive. Anything outside that subset is a {@link BadRequest}, answered with 400 and a closed connection.
 */
final class HttpMessages {
    /** Request lines and header lines are short; a longer line is garbage or an attack, not a client. */
    static final int MAX_LINE_BYTES = 8 * 1024;
    static final int MAX_HEADERS = 100;
    /** Registry clients send no bodies on GET/HEAD; a small one is read and dropped, a large one refused. */
    static final int MAX_REQUEST_BODY_BYTES = 64 * 1024;

    private HttpMessages() {
    }

    /** A request that cannot be served: answered with 400 and the connection closed. */
    static final class BadRequest extends IOException {
        BadRequest(String message) {
            super(message);
        }
    }

    /**
     * A parsed request.
     *
     * @param target  the request target as sent: path and query
     * @param headers lower-case names; repeated headers joined with ", " (RFC 9110 5.3), as Go's client sends
     *                one Accept line per media type
     */
    record Request(String method, String target, String version, Map<String, String> headers) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String path() {
            int query = target.indexOf('?');
            return query < 0 ? target : target.substring(0, query);
        }

        /** The query without the {@code ?}, or null. */
        String query() {
            int query = target.indexOf('?');
            return query < 0 ? null : target.substring(query + 1);
        }

        /** HTTP/1.1 keeps the connection unless told otherwise; HTTP/1.0 closes it unless told otherwise. */
        boolean keepAlive() {
            String connection = String.valueOf(header("connection")).toLowerCase(Locale.ROOT);
            if (version.equals("HTTP/1.0")) {
                return connection.contains("keep-alive");
            }
            return !connection.contains("close");
        }
    }

    /**
     * A response to write; {@code headers} must not hold Content-Length or Connection, which are set here.
     *
     * @param contentLength the body's length, except for a forwarded answer to HEAD, which has no body but
     *                      keeps the length the registry announced (what a GET would return)
     */
    record Response(int status, String reason, Map<String, String> headers, byte[] body, long contentLength) {

        static Response of(int status, String reason, String contentType, byte[] body) {
            Map<String, String> headers = new LinkedHashMap<>();
            if (contentType != null) {
                headers.put("Content-Type", contentType);
            }
            return new Response(status, reason, headers, body, body.length);
        }

        static Response text(int status, String reason, String text) {
            return of(status, reason, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8));
        }

        Response withHeader(String name, String value) {
            Map<String, String> copy = new LinkedHashMap<>(headers);
            copy.put(name, value);
            return new Response(status, reason, copy, body, contentLength);
        }

        Response withContentLength(long length) {
            return new Response(status, reason, headers, body, length);
        }
    }

    /**
     * Reads one request, or returns null when the client closed the connection cleanly between requests.
     * A body announced by Content-Length is read and dropped; chunked bodies are refused.
     */
    static Request read(InputStream in) throws IOException {
        String requestLine = readLine(in, true);
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[1].startsWith("/") || !parts[2].startsWith("HTTP/1.")) {
            throw new BadRequest("malformed request line");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int count = 0; ; count++) {
            String line = readLine(in, false);
            if (line.isEmpty()) {
                break;
            }
            if (count >= MAX_HEADERS) {
                throw new BadRequest("more than " + MAX_HEADERS + " headers");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new BadRequest("malformed header line");
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            headers.merge(name, value, (first, second) -> first + ", " + second);
        }
        if (headers.containsKey("transfer-encoding")) {
            throw new BadRequest("Transfer-Encoding is not supported");
        }
        skipBody(in, headers.get("content-length"));
        return new Request(parts[0], parts[1], parts[2], headers);
    }

    /** Writes a response; for a HEAD request, the headers only. */
    static void write(OutputStream out, Response response, boolean head, boolean keepAlive) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("HTTP/1.1 ").append(response.status()).append(' ').append(response.reason()).append("\r\n");
        response.headers().forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
        text.append("Content-Length: ").append(head ? response.contentLength() : response.body().length).append("\r\n");
        if (!keepAlive) {
            text.append("Connection: close\r\n");
        }
        text.append("\r\n");
        out.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!head) {
            out.write(response.body());
        }
        out.flush();
    }

    /**
     * One CRLF-terminated line (a bare LF is accepted, as RFC 9112 2.2 allows), without the terminator.
     * Returns null only when {@code eofAllowed} and the stream ends before the first byte.
     */
    private static String readLine(InputStream in, boolean eofAllowed) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (eofAllowed && line.size() == 0) {
                    return null;
                }
                throw new BadRequest("connection closed in the middle of a request");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE_BYTES) {
                throw new BadRequest("a line longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.write(b);
        }
    }

    private static void skipBody(InputStream in, String contentLength) throws IOException {
        if (contentLength == null) {
            return;
        }
        long length;
        try {
            length = Long.parseLong(contentLength.strip());
        } catch (NumberFormatException e) {
            throw new BadRequest("malformed Content-Length");
        }
        if (length < 0 || length > MAX_REQUEST_BODY_BYTES) {
            throw new BadRequest("request body of " + length + " bytes");
        }
        if (in.readNBytes((int) length).length != length) {
            throw new BadRequest("connection closed in the middle of a request body");
        }
    }

    /** Splits a query string into decoded name/value pairs, in order; repeated names are kept. */
    static List<Map.Entry<String, String>> queryParameters(String query) {
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.add(Map.entry(decode(name), decode(value)));
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return java.net.URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // a malformed %-escape: keep it as sent, it will simply not match anything
        }
    }
}

package dev.labels.registry.http;

import java.io.IOException;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/** Reads a response body into memory, refusing bodies larger than a limit before reading them whole. */
public final class BoundedBody {

    /** Thrown when a body is over its limit; carries the limit for the message. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(String what, long limit) {
            super(what + " is larger than the limit of " + limit + " bytes");
        }
    }

    private BoundedBody() {
    }

    public static byte[] read(ResponseBody body, long limit, String what) throws IOException {
        if (body == null) {
            return new byte[0];
        }
        long declared = body.contentLength();
        if (declared > limit) {
            throw new TooLargeException(what, limit);
        }
        BufferedSource source = body.source();
        // request(limit + 1) buffers at most limit + 1 bytes: true means there is more than the limit.
        if (source.request(limit + 1)) {
            throw new TooLargeException(what, limit);
        }
        return source.getBuffer().readByteArray();
    }

    /**
     * Buffers a body, up to {@code limit + 1} bytes, without consuming it: a later {@link #read} gets it from
     * memory. Reading it here lets a caller retry a body cut off midway; a body over the limit, declared or
     * not, is left for {@link #read} to refuse.
     */
    public static void readAhead(ResponseBody body, long limit) throws IOException {
        if (body == null || body.contentLength() > limit) {
            return;
        }
        body.source().request(limit + 1);
    }
}

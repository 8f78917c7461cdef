package dev.labels.registry.transport;

import dev.labels.registry.transport.RegistryException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** A {@link Sender} that gives its replies in order and records what each send was: for the transport's steps. */
final class ScriptedSender implements Sender {

    /** One send as the step below the transport's steps saw it. */
    record Asked(HttpUrl url, String authorization, boolean probe) {
    }

    /** An answer to a URL, or the failure of the request. */
    @FunctionalInterface
    interface Reply {
        Response to(HttpUrl url) throws IOException;
    }

    final List<Asked> asked = new ArrayList<>();
    private final Deque<Reply> replies = new ArrayDeque<>();

    ScriptedSender(Reply... replies) {
        this.replies.addAll(List.of(replies));
    }

    @Override
    public Sent send(RegistryCall call, Endpoint endpoint, Authorize authorize, Tries tries)
            throws IOException, RegistryException {
        String authorization = authorize.authorization(call, endpoint);
        HttpUrl url = call.url(endpoint);
        asked.add(new Asked(url, authorization, authorize == Authorize.PROBE));
        Reply reply = replies.poll();
        if (reply == null) {
            throw new AssertionError("no reply left for " + url);
        }
        return new Sent(reply.to(url), authorization);
    }

    static Reply status(int code, String... headerNamesAndValues) {
        return url -> {
            Response.Builder response = new Response.Builder().request(new Request.Builder().url(url).build())
                    .protocol(Protocol.HTTP_1_1).code(code).message("status " + code)
                    .body(ResponseBody.create("", null));
            for (int i = 0; i < headerNamesAndValues.length; i += 2) {
                response.header(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
            }
            return response.build();
        };
    }

    static Reply failure(IOException e) {
        return url -> {
            throw e;
        };
    }
}

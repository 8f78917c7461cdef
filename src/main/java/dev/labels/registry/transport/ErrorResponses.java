package dev.labels.registry.transport;

import dev.labels.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import dev.labels.error.LabelsException.Kind;
import dev.labels.registry.http.BoundedBody;
import dev.labels.registry.http.Limits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.Response;

/**
 * The one place that turns a registry's non-2xx answer into a {@link RegistryException}.
 *
 * <p>Registries describe errors as {@code {"errors":[{"code":"MANIFEST_UNKNOWN","message":"..."}]}}
 * (OCI distribution spec, "Error Codes"). The status decides the kind, except where the error code is
 * more precise than the status: some registries answer a missing manifest with 400 or 401, and Docker Hub
 * reports its rate limit as TOOMANYREQUESTS.
 */
final class ErrorResponses {
    private static final Set<String> NOT_FOUND_CODES = Set.of("MANIFEST_UNKNOWN", "NAME_UNKNOWN", "BLOB_UNKNOWN");
    static final String RATE_LIMIT_CODE = "TOOMANYREQUESTS";
    /** How much of an error text goes into a message. */
    private static final int EXCERPT_CHARS = 300;
    private static final Pattern WHITESPACE = Pattern.compile("[ \\t\\r\\n]+");

    private ErrorResponses() {
    }

    /** Reads the (bounded) error body and classifies the failure. Does not close the response. */
    static RegistryException toException(Operation operation, Response response) {
        List<String> codes = new ArrayList<>();
        String detail = describe(response, codes);
        Kind kind = classify(response.code(), codes);
        return operation.fail(kind, detail, response.code(), null);
    }

    static Kind classify(int status, List<String> codes) {
        if (status == 429 || codes.contains(RATE_LIMIT_CODE)) {
            return Kind.RATE_LIMITED;
        }
        if (status == 404 || codes.stream().anyMatch(NOT_FOUND_CODES::contains)) {
            return Kind.NOT_FOUND;
        }
        if (status == 401 || status == 403) {
            return Kind.UNAUTHORIZED;
        }
        return Kind.REGISTRY_ERROR;
    }

    private static String describe(Response response, List<String> codes) {
        String text;
        try {
            text = new String(BoundedBody.read(response.body(), Limits.SMALL_BODY_BYTES, "error body"),
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            text = "";
        }
        return describe(response, text, codes);
    }

    /**
     * The words of an error answer whose body ({@code text}, bounded) was read already, and its error codes into
     * {@code codes}.
     */
    static String describe(Response response, String text, List<String> codes) {
        // Before anything is cut or parsed: a registry (or a proxy) that quotes the token or password it refused
        // must not get it printed.
        text = SentSecrets.scrub(text, response.request().header("Authorization"));
        text = SentSecrets.scrub(text, response.request().header("Proxy-Authorization"));
        String fromJson = fromErrorDocument(text, codes);
        if (fromJson != null) {
            return fromJson;
        }
        // The reason phrase is the registry's text too: it is escaped with the rest where the message is printed.
        String status = "HTTP " + response.code() + (response.message().isEmpty() ? "" : " " + response.message());
        return text.isBlank() ? status : status + ": " + excerpt(text);
    }

    private static String fromErrorDocument(String text, List<String> codes) {
        JsonNode errors;
        try {
            errors = Json.parseLeading(text).path("errors");
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (!errors.isArray() || errors.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode error : errors) {
            String code = error.path("code").asText("");
            String message = error.path("message").asText("");
            codes.add(code);
            parts.add(excerpt(code.isEmpty() ? message : message.isEmpty() ? code : code + ": " + message));
        }
        return String.join("; ", parts);
    }

    /**
     * The start of an error text, on one line: an HTML error page is mostly markup and line breaks, and the
     * first few hundred characters say what went wrong. Controls are left to the printing, which escapes them.
     */
    static String excerpt(String text) {
        String flat = WHITESPACE.matcher(text).replaceAll(" ").strip();
        return flat.length() <= EXCERPT_CHARS ? flat : flat.substring(0, EXCERPT_CHARS) + "...";
    }
}

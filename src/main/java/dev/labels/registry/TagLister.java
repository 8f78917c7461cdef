package dev.labels.registry;

import dev.labels.json.Json;
import dev.labels.reference.ImageReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.labels.registry.RegistryException.Kind;
import dev.labels.registry.http.BoundedBody;
import dev.labels.registry.http.Limits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Lists a repository's tags (distribution spec, "Listing Tags"): {@code GET /v2/NAME/tags/list?n=N}, then
 * the next page named by the {@code Link} header ({@code <URL>; rel="next"}, where URL is usually relative,
 * e.g. {@code </v2/NAME/tags/list?last=x&n=N>}) until there is none.
 */
final class TagLister {
    /** Page size asked for; registries may send fewer (Docker Hub caps at 100 per page... or more). */
    static final int PAGE_SIZE = 1000;
    /** A repository with more than a million tags, or a registry whose Link loops, stops here. */
    static final int MAX_PAGES = 1000;
    /** One page of 1000 tags of up to 128 characters is well under this. */
    private static final long MAX_PAGE_BYTES = 4L * 1024 * 1024;
    /**
     * The most tags listed: far more than a repository people pick tags from holds, and what a registry could
     * otherwise make us keep in memory is bounded by it (100,000 tags of at most 128 characters).
     */
    static final int MAX_TAGS = 100_000;
    /** The most bytes of tag pages read in all: 100,000 tags of 128 characters, quoted, with room to spare. */
    static final long MAX_TOTAL_BYTES = 64L * 1024 * 1024;
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]*)>\\s*;[^,]*rel=\"?next\"?");

    private final RegistryTransport transport;

    TagLister(RegistryTransport transport) {
        this.transport = transport;
    }

    /** @param deadline bounds each page, like one image: a registry cannot stall a listing forever */
    List<String> list(Operation operation, String registry, String repository, Deadline deadline)
            throws RegistryException {
        List<String> tags = new ArrayList<>();
        long bytes = 0;
        String path = "tags/list?n=" + PAGE_SIZE;
        for (int page = 0; page < MAX_PAGES && path != null; page++) {
            try (Response response = transport.execute(operation, registry, repository, path,
                    new Request.Builder().get().header("Accept", "application/json"), MAX_PAGE_BYTES, deadline)) {
                byte[] body = read(operation, response);
                bytes += body.length;
                if (bytes > MAX_TOTAL_BYTES) {
                    throw operation.fail(Kind.REGISTRY_ERROR, "the tag list is larger than "
                            + MAX_TOTAL_BYTES / (1024 * 1024) + " MiB in all, the most labels reads");
                }
                tags.addAll(parse(operation, response, body));
                if (tags.size() > MAX_TAGS) {
                    throw operation.fail(Kind.REGISTRY_ERROR, "more than " + MAX_TAGS + " tags, the most labels lists");
                }
                path = nextPath(response, repository);
            }
        }
        if (path != null) {
            throw operation.fail(Kind.REGISTRY_ERROR, "more than " + MAX_PAGES + " pages of tags (a pagination loop?)");
        }
        return tags;
    }

    private static byte[] read(Operation operation, Response response) throws RegistryException {
        try {
            return BoundedBody.read(response.body(), MAX_PAGE_BYTES, "tag list");
        } catch (BoundedBody.TooLargeException e) {
            throw operation.fail(Kind.REGISTRY_ERROR, e.getMessage());
        } catch (IOException e) {
            throw operation.fail(Kind.NETWORK, "reading the tag list from " + response.request().url().host()
                    + " failed", response.code(), e);
        }
    }

    private static List<String> parse(Operation operation, Response response, byte[] body) throws RegistryException {
        JsonNode json;
        try {
            json = Json.parseLeading(body);
        } catch (IOException e) {
            throw operation.fail(Kind.REGISTRY_ERROR, "the tag list from " + response.request().url().host()
                    + " is not JSON", response.code(), e);
        }
        JsonNode tags = json == null ? null : json.get("tags");
        List<String> out = new ArrayList<>();
        if (tags == null || tags.isNull()) {
            return out; // an empty repository lists "tags": null
        }
        if (!tags.isArray()) {
            throw operation.fail(Kind.REGISTRY_ERROR, "the tag list has no \"tags\" array");
        }
        for (JsonNode tag : tags) {
            if (!tag.isTextual()) {
                throw operation.fail(Kind.REGISTRY_ERROR, "the tag list holds " + tag.getNodeType().name()
                        .toLowerCase(java.util.Locale.ROOT) + " where a tag belongs", response.code(), null);
            }
            // A name outside the grammar is not a tag this registry can serve: a newline forges another line of
            // output, and "1@sha256:..." or "1:x" would make list read another image than the one listed.
            // The whole listing is refused rather than cut: a script must not act on part of a list.
            if (!ImageReference.isTag(tag.asText())) {
                throw operation.fail(Kind.REGISTRY_ERROR, "the registry listed \"" + tag.asText() + "\", which is "
                        + "not a valid tag (a letter, digit or _, then up to 127 letters, digits, _, . or -)",
                        response.code(), null);
            }
            out.add(tag.asText());
        }
        return out;
    }

    /**
     * The path of the next page relative to /v2/NAME/, or null on the last page. The Link target is resolved
     * against the current URL; it must stay on the tag list of the same repository (a registry cannot send
     * our credentials elsewhere through it).
     */
    private static String nextPath(Response response, String repository) {
        String link = response.header("Link");
        if (link == null) {
            return null;
        }
        Matcher matcher = NEXT_LINK.matcher(link);
        if (!matcher.find()) {
            return null;
        }
        HttpUrl next = response.request().url().resolve(matcher.group(1));
        String expected = "/v2/" + repository + "/tags/list";
        if (next == null || !next.encodedPath().endsWith(expected)) {
            return null;
        }
        String query = next.encodedQuery();
        return "tags/list" + (query == null ? "" : "?" + query);
    }
}

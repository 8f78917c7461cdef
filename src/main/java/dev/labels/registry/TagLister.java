package dev.labels.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.labels.error.LabelsException.Kind;
import dev.labels.json.Json;
import dev.labels.reference.ImageReference;
import dev.labels.registry.http.BoundedBody;
import dev.labels.registry.http.Limits;
import dev.labels.registry.transport.Deadline;
import dev.labels.registry.transport.Operation;
import dev.labels.registry.transport.RegistryCall;
import dev.labels.registry.transport.RegistryException;
import dev.labels.registry.transport.RegistryTransport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Lists a repository's tags (distribution spec, "Listing Tags"): {@code GET /v2/NAME/tags/list?n=N}, then
 * the next page until there is none. Registries page in their own ways, and each is followed without
 * cutting the list short or sending a request anywhere but the tag list we asked for:
 * <ul>
 *   <li>the next page named by the {@code Link} header ({@code <URL>; rel="next"}): Docker Hub, GHCR,
 *       Quay (with an opaque {@code next_page} cursor) and Distribution send it relative, others absolute.
 *       Only its query is used, on our own tag list's URL: Artifactory drops the repository key from the
 *       Link's path (RTFACT-18971), a Nexus connector port names its internal {@code /repository/NAME/} path
 *       that the port does not serve, and a Link to another host would take our credentials there;</li>
 *   <li>a full page ({@link #PAGE_SIZE} tags) without a Link, as a Nexus group answers: the spec lets a
 *       registry send fewer than {@code n} tags only on the last page, so the next one is asked for with
 *       {@code last=} the page's last tag; a page that brings only tags already listed (a registry that
 *       ignores {@code last}) ends the list;</li>
 *   <li>a first page refused with 400 ({@code PAGINATION_NUMBER_INVALID}: Distribution 3 with a
 *       {@code tags.maxtags} below {@link #PAGE_SIZE}): asked again without {@code n}, so that the registry
 *       picks its own page size.</li>
 * </ul>
 */
final class TagLister {
    /** Page size asked for: ECR's most (it refuses more with 400); registries may send fewer (Docker Hub 100). */
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
    private static final String FIRST_PAGE = "n=" + PAGE_SIZE;

    private final RegistryTransport transport;

    TagLister(RegistryTransport transport) {
        this.transport = transport;
    }

    /** @param deadline bounds each page, like one image: a registry cannot stall a listing forever */
    List<String> list(Operation operation, String registry, String repository, Deadline deadline)
            throws RegistryException {
        Listing listing = new Listing(operation);
        Page page = firstPage(operation, registry, repository, deadline);
        while (listing.add(page)) {
            String next = page.link() != null ? page.link() : page.afterFullPage();
            if (next == null) {
                break;
            }
            listing.ask(next);
            page = page(operation, registry, repository, next, deadline);
        }
        return listing.tags;
    }

    /** A page as read: the query it was asked with (null: none), its tags and bytes, and its Link's query. */
    private record Page(String query, List<String> tags, long bytes, String link) {
        /** Asked for by us with {@code last=} after a full page that came without a Link. */
        boolean continued() {
            return query != null && query.startsWith(FIRST_PAGE + "&last=");
        }

        /**
         * The query of the page after this one when it is full, came without a Link, and we chose its size: the
         * spec lets a registry send fewer than {@code n} tags only on the last page.
         */
        String afterFullPage() {
            boolean ours = FIRST_PAGE.equals(query) || continued();
            return ours && tags.size() == PAGE_SIZE ? FIRST_PAGE + "&last=" + tags.get(tags.size() - 1) : null;
        }
    }

    /** The tags listed so far, and the bounds on how far a registry can make a listing go. */
    private static final class Listing {
        private final Operation operation;
        private final List<String> tags = new ArrayList<>();
        private final Set<String> listed = new HashSet<>();
        private final Set<String> asked = new HashSet<>();
        private long bytes;

        Listing(Operation operation) {
            this.operation = operation;
            asked.add(FIRST_PAGE);
        }

        /** Adds a page's tags; false when it ends the list: a page asked with last= that repeats what we have. */
        boolean add(Page page) throws RegistryException {
            bytes += page.bytes();
            if (bytes > MAX_TOTAL_BYTES) {
                throw operation.fail(Kind.REGISTRY_ERROR, "the tag list is larger than "
                        + MAX_TOTAL_BYTES / (1024 * 1024) + " MiB in all, the most labels reads");
            }
            if (page.continued() && !page.tags().isEmpty() && listed.containsAll(page.tags())) {
                return false; // the registry ignores last: there is no more to be had
            }
            for (String tag : page.tags()) {
                if (listed.add(tag)) {
                    tags.add(tag);
                }
            }
            if (tags.size() > MAX_TAGS) {
                throw operation.fail(Kind.REGISTRY_ERROR, "more than " + MAX_TAGS + " tags, the most labels lists");
            }
            return true;
        }

        /** Before asking for the next page: a page asked for before, or too many pages, is a loop. */
        void ask(String query) throws RegistryException {
            if (!asked.add(query)) {
                throw operation.fail(Kind.REGISTRY_ERROR, "the registry's next page of tags is one already read "
                        + "(a pagination loop)");
            }
            if (asked.size() > MAX_PAGES) {
                throw operation.fail(Kind.REGISTRY_ERROR, "more than " + MAX_PAGES + " pages of tags (a pagination loop?)");
            }
        }
    }

    /** The first page, asked with {@code n}; a 400 to that is a registry with a lower cap, asked again without. */
    private Page firstPage(Operation operation, String registry, String repository, Deadline deadline)
            throws RegistryException {
        try {
            return page(operation, registry, repository, FIRST_PAGE, deadline);
        } catch (RegistryException e) {
            if (e.httpStatus() != 400) {
                throw e;
            }
            return page(operation, registry, repository, null, deadline);
        }
    }

    /** One page; {@code query} null asks for the registry's own page size. */
    private Page page(Operation operation, String registry, String repository, String query, Deadline deadline)
            throws RegistryException {
        String path = query == null ? "tags/list" : "tags/list?" + query;
        try (Response response = transport.execute(new RegistryCall(operation, registry, repository, path,
                new Request.Builder().get().header("Accept", "application/json"), MAX_PAGE_BYTES, deadline))) {
            byte[] body = read(operation, response);
            return new Page(query, parse(operation, response, body), body.length, nextQuery(operation, response));
        }
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
     * The query of the next page, from the {@code Link} header, or null when there is none. The Link's scheme,
     * host and path are not used (see the class comment): only its query, asked of our own tag list.
     */
    private static String nextQuery(Operation operation, Response response) throws RegistryException {
        String link = response.header("Link");
        if (link == null) {
            return null;
        }
        Matcher matcher = NEXT_LINK.matcher(link);
        if (!matcher.find()) {
            return null;
        }
        HttpUrl next = response.request().url().resolve(matcher.group(1));
        String query = next == null ? null : next.encodedQuery();
        if (query == null || query.isEmpty()) {
            // Without a query there is nothing we can ask of our own tag list: failing beats a list cut short.
            throw operation.fail(Kind.REGISTRY_ERROR, "the registry's Link to the next page of tags has no query "
                    + "to follow, so the rest of the list cannot be read", response.code(), null);
        }
        return query;
    }
}

package dev.labels.text;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one redaction of URLs for logs and errors. A URL can carry secrets in three places, all shown as
 * {@code REDACTED}:
 * <ul>
 *   <li>user information ({@code https://user:password@mirror/}): the whole of it;</li>
 *   <li>the query: every value, except those of the few parameters the registry API itself uses and that
 *       carry no secret ({@link #KEPT}). Pre-signed storage URLs put their signatures, credentials and tokens
 *       there under names no list can foresee (S3's {@code X-Amz-Signature}, Azure's {@code sig},
 *       CloudFront's {@code Policy} and {@code Key-Pair-Id}, Docker Hub's and Cloudflare's {@code verify},
 *       Google's {@code X-Goog-Signature}, ...), so it is the harmless ones that are named;</li>
 *   <li>the fragment, where OAuth-style flows put tokens.</li>
 * </ul>
 * Scheme, host, port and path stay: they say where a request went.
 */
public final class UrlRedaction {
    static final String REDACTED = "REDACTED";
    /** Tag pages ({@code n}, {@code last}) and token requests ({@code service}, {@code scope}). */
    static final Set<String> KEPT = Set.of("n", "last", "service", "scope");

    /** A URL in running text: a scheme, {@code ://}, and what follows up to a space, a quote or an angle bracket. */
    private static final Pattern URL = Pattern.compile("(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*://[^\\x00-\\x20\"'<>`\\x7f]*");
    /** Punctuation that ends a sentence rather than a URL: "(see http://x/y)." */
    private static final String TRAILING = ".,:;!?)]}";

    private UrlRedaction() {
    }

    /** {@code text} with every URL in it redacted. */
    public static String inText(String text) {
        if (!text.contains("://")) {
            return text;
        }
        Matcher matcher = URL.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int done = 0;
        while (matcher.find()) {
            int end = matcher.end();
            while (end > matcher.start() && TRAILING.indexOf(text.charAt(end - 1)) >= 0) {
                end--;
            }
            out.append(text, done, matcher.start()).append(redact(text.substring(matcher.start(), end)));
            done = end;
        }
        return out.append(text, done, text.length()).toString();
    }

    /** One URL, redacted; text without {@code ://} is returned as it is. */
    public static String redact(String url) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            return url;
        }
        int authorityStart = schemeEnd + 3;
        int authorityEnd = indexOfAny(url, "/?#", authorityStart);
        String authority = url.substring(authorityStart, authorityEnd);
        int at = authority.lastIndexOf('@');
        StringBuilder out = new StringBuilder(url.length()).append(url, 0, authorityStart);
        out.append(at < 0 ? authority : REDACTED + authority.substring(at));
        int fragment = url.indexOf('#', authorityEnd);
        int queryStart = url.indexOf('?', authorityEnd);
        if (queryStart < 0 || (fragment >= 0 && queryStart > fragment)) {
            queryStart = -1;
        }
        int pathEnd = queryStart >= 0 ? queryStart : fragment >= 0 ? fragment : url.length();
        out.append(url, authorityEnd, pathEnd);
        if (queryStart >= 0) {
            out.append('?').append(query(url.substring(queryStart + 1, fragment >= 0 ? fragment : url.length())));
        }
        if (fragment >= 0) {
            out.append('#').append(fragment == url.length() - 1 ? "" : REDACTED);
        }
        return out.toString();
    }

    /** Each {@code name=value} of a query, split at {@code &} and {@code ;}, with its value redacted unless kept. */
    private static String query(String query) {
        StringBuilder out = new StringBuilder(query.length());
        int start = 0;
        while (start <= query.length()) {
            int end = indexOfAny(query, "&;", start);
            String parameter = query.substring(start, end);
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            if (parameter.isEmpty() || (KEPT.contains(name) && equals >= 0)) {
                out.append(parameter);
            } else {
                out.append(equals < 0 ? REDACTED : name + "=" + REDACTED);
            }
            if (end < query.length()) {
                out.append(query.charAt(end));
            }
            start = end + 1;
        }
        return out.toString();
    }

    private static int indexOfAny(String text, String characters, int from) {
        for (int i = from; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }
}

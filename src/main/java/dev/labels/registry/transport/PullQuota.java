package dev.labels.registry.transport;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Headers;

/**
 * What a registry says about its pull limit on a manifest answer, HEAD or GET. Docker Hub sends
 * {@code ratelimit-limit: 100;w=21600} and {@code ratelimit-remaining: 87;w=21600} (pulls per window of
 * {@code w} seconds) and {@code docker-ratelimit-source} (the IP address or account it counts), per
 * docs.docker.com/docker-hub/usage/pulls/; {@code ratelimit-reset} (seconds until the window resets, from
 * the IETF RateLimit header draft) is read when a registry sends it.
 *
 * <p>Header values are foreign text: a number counts only when it is a plain decimal of at most 9 digits,
 * a source only when it is at most {@link #MAX_SOURCE_CHARS} characters (it is printed escaped, as all foreign
 * text), and a value longer than {@link #MAX_VALUE_CHARS} is not read at all. Anything else is as good as absent.
 *
 * @param limit         pulls allowed per window, or null
 * @param remaining     pulls left in the window, or null
 * @param windowSeconds the window's length, or null
 * @param source        who is counted (an IP address or an account id), or null
 * @param resetSeconds  seconds until the window resets, or null (Docker Hub's window rolls and it does not say)
 */
public record PullQuota(Integer limit, Integer remaining, Long windowSeconds, String source, Long resetSeconds) {
    static final int MAX_VALUE_CHARS = 256;
    static final int MAX_SOURCE_CHARS = 128;
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");
    private static final Pattern WINDOW = Pattern.compile("\\s*w\\s*=\\s*([0-9]{1,9})\\s*");

    public static PullQuota of(Headers headers) {
        Integer limit = count(headers.get("ratelimit-limit"));
        Integer remaining = count(headers.get("ratelimit-remaining"));
        Long window = window(headers.get("ratelimit-limit"));
        if (window == null) {
            window = window(headers.get("ratelimit-remaining"));
        }
        Integer reset = count(headers.get("ratelimit-reset"));
        return new PullQuota(limit, remaining, window, source(headers.get("docker-ratelimit-source")),
                reset == null ? null : reset.longValue());
    }

    /** Whether the registry said anything about a limit: a count, not just a source. */
    public boolean reported() {
        return limit != null || remaining != null;
    }

    /** Whether the registry said that no pull is left. */
    boolean exhausted() {
        return remaining != null && remaining == 0;
    }

    /** "100 pulls per 6 h", "100 pulls", or null when the limit is not known. */
    String describeLimit() {
        if (limit == null) {
            return null;
        }
        return limit + " pulls" + (windowSeconds == null ? "" : " per " + Durations.words(windowSeconds));
    }

    /**
     * The first list member's leading number: the draft allows {@code 100, 100;w=60, 1000;w=3600}, where the
     * first member is the limit that applies now.
     */
    private static Integer count(String value) {
        String first = firstMember(value);
        if (first == null) {
            return null;
        }
        int semicolon = first.indexOf(';');
        String number = (semicolon < 0 ? first : first.substring(0, semicolon)).strip();
        return NUMBER.matcher(number).matches() ? Integer.valueOf(number) : null;
    }

    private static Long window(String value) {
        String first = firstMember(value);
        if (first == null || count(first) == null) {
            return null;
        }
        for (String parameter : first.split(";", 8)) {
            Matcher window = WINDOW.matcher(parameter);
            if (window.matches()) {
                return Long.valueOf(window.group(1));
            }
        }
        return null;
    }

    private static String firstMember(String value) {
        if (value == null || value.length() > MAX_VALUE_CHARS) {
            return null;
        }
        int comma = value.indexOf(',');
        return comma < 0 ? value : value.substring(0, comma);
    }

    private static String source(String value) {
        if (value == null || value.length() > MAX_SOURCE_CHARS) {
            return null;
        }
        String source = value.strip();
        return source.isEmpty() ? null : source;
    }
}

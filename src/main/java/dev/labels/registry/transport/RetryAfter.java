package dev.labels.registry.transport;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import okhttp3.Response;

/**
 * Reads {@code Retry-After} (RFC 9110, 10.2.3): either delay-seconds or an HTTP date. A value that is neither,
 * or a negative one, is ignored (the caller backs off as if there were none); a date in the past means now.
 */
final class RetryAfter {

    private RetryAfter() {
    }

    static Optional<Duration> of(Response response, Instant now) {
        String value = response.header("Retry-After");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.strip();
        if (text.chars().allMatch(Character::isDigit)) {
            // A huge number of seconds is still "longer than we wait": saturate instead of overflowing.
            return Optional.of(Duration.ofSeconds(text.length() > 9 ? 999_999_999 : Long.parseLong(text)));
        }
        // OkHttp's own lenient parser for the HTTP date forms (IMF-fixdate and the two obsolete ones).
        Date date = response.headers().getDate("Retry-After");
        if (date == null) {
            return Optional.empty();
        }
        Duration wait = Duration.between(now, date.toInstant());
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    }
}

package dev.labels.registry.transport;

import dev.labels.text.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.MessageFormatter;

/**
 * The -v log ({@code labels.http}): every line is formatted here and goes through {@link SafeText#line}, since
 * lines quote URLs (with their signatures), status lines and registry errors.
 */
public final class HttpLog {
    /**
     * Made on first use, that is only with -v: a run without it never sets slf4j up (some 40 classes and a
     * service lookup in the jar).
     */
    private static final class Holder {
        static final Logger LOG = LoggerFactory.getLogger("labels.http");
    }

    private HttpLog() {
    }

    /** @param format slf4j's, with {@code {}} for each argument */
    public static void debug(String format, Object... arguments) {
        Holder.LOG.debug("{}", SafeText.line(MessageFormatter.arrayFormat(format, arguments).getMessage()));
    }
}

package dev.labels.cli;

import dev.labels.registry.transport.Reliability;
import java.time.Duration;
import picocli.CommandLine;

/** {@code --retries} and {@code --timeout}: how hard to try before giving up on an image. */
final class ReliabilityOptions {

    int retries;
    int timeoutSeconds;

    void declare(CommandModel model) {
        model.option("--retries").label("N").defaultValue("" + Reliability.DEFAULT_RETRIES)
                .description("Try a request again up to N times after a failure that may pass (connection failure, "
                        + "timeout, 429, 500, 502, 503, 504), with exponential backoff; 0 disables (default: "
                        + "${DEFAULT-VALUE}).")
                .value(int.class, new Count(), () -> retries, value -> retries = value);
        model.option("--timeout").label("SECONDS").defaultValue("" + Reliability.DEFAULT_TIMEOUT_SECONDS)
                .description("Give up on an image after SECONDS, retries included (default: ${DEFAULT-VALUE}).")
                .value(int.class, new Seconds(), () -> timeoutSeconds, value -> timeoutSeconds = value);
    }

    Reliability toReliability() {
        return new Reliability(retries, Duration.ofSeconds(timeoutSeconds));
    }

    /** A whole number of 0 or more; picocli names the option in the message. */
    static final class Count implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return parse(value, 0, "a whole number of 0 or more");
        }
    }

    /** A whole number of seconds, at least 1. */
    static final class Seconds implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return parse(value, 1, "a whole number of seconds, 1 or more");
        }
    }

    private static int parse(String value, int min, String expected) {
        int parsed;
        try {
            parsed = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not " + expected);
        }
        if (parsed < min) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not " + expected);
        }
        return parsed;
    }
}

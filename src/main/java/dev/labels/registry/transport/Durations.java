package dev.labels.registry.transport;

/** Spans of time in words for messages: "6 h", "1 h 30 min", "1 min 30 s", "45 s". */
final class Durations {
    private Durations() {
    }

    /** Hours and minutes, seconds only under an hour; a negative span is "0 s". */
    static String words(long seconds) {
        long total = Math.max(0, seconds);
        long hours = total / 3600;
        long minutes = total % 3600 / 60;
        long rest = total % 60;
        StringBuilder out = new StringBuilder();
        if (hours > 0) {
            out.append(hours).append(" h");
        }
        if (minutes > 0) {
            out.append(out.isEmpty() ? "" : " ").append(minutes).append(" min");
        }
        if (hours == 0 && (rest > 0 || out.isEmpty())) {
            out.append(out.isEmpty() ? "" : " ").append(rest).append(" s");
        }
        return out.toString();
    }
}

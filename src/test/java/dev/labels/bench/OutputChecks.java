package dev.labels.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each measured run must have printed. A benchmark that times wrong answers, or errors that come back
 * fast, measures nothing, so every run is checked and a wrong one stops the benchmark.
 */
final class OutputChecks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OutputChecks() {
    }

    /** A run that printed something wrong; the message says what. */
    static final class WrongOutput extends RuntimeException {
        WrongOutput(String message) {
            super(message);
        }
    }

    static void exitedZero(Processes.Result result) {
        if (result.exitCode() != 0) {
            throw new WrongOutput("failed: " + result.describeFailure());
        }
    }

    /** {@code labels inspect REF}: the labels object, exactly. */
    static void labelsObject(Processes.Result result, Map<String, String> expected) {
        exitedZero(result);
        Map<String, String> printed = parse(result, result.stdoutText(), new TypeReference<Map<String, String>>() { });
        if (!printed.equals(expected)) {
            throw new WrongOutput("labels printed " + printed + ", expected " + expected);
        }
    }

    /** {@code skopeo inspect}: its summary's {@code Labels}, exactly. */
    static void skopeoLabels(Processes.Result result, Map<String, String> expected) {
        exitedZero(result);
        JsonNode summary = parse(result, result.stdoutText(), new TypeReference<JsonNode>() { });
        Map<String, String> labels = JSON.convertValue(summary.path("Labels"), new TypeReference<Map<String, String>>() { });
        if (!expected.equals(labels)) {
            throw new WrongOutput("skopeo printed labels " + labels + ", expected " + expected);
        }
    }

    /**
     * ndjson records of {@code labels inspect --file}: one per reference, in input order, none failed, each
     * with the labels of its own tag. Returns how many were checked.
     */
    static int recordsInOrder(Processes.Result result, List<String> references) {
        exitedZero(result);
        List<String> lines = result.stdoutText().lines().filter(line -> !line.isBlank()).toList();
        if (lines.size() != references.size()) {
            throw new WrongOutput("expected " + references.size() + " records, got " + lines.size());
        }
        for (int i = 0; i < lines.size(); i++) {
            JsonNode record = parse(result, lines.get(i), new TypeReference<JsonNode>() { });
            String reference = record.path("reference").asText();
            if (!reference.equals(references.get(i))) {
                throw new WrongOutput("record " + (i + 1) + " is for " + reference + ", input line " + (i + 1)
                        + " was " + references.get(i) + ": not in input order");
            }
            checkRecord(record, tagOf(reference));
        }
        return lines.size();
    }

    /** ndjson records of {@code labels list}: one per tag 1..count, in any order, each with its own labels. */
    static void recordsOfTags(Processes.Result result, int count) {
        exitedZero(result);
        List<String> lines = result.stdoutText().lines().filter(line -> !line.isBlank()).toList();
        Set<String> seen = new HashSet<>();
        for (String line : lines) {
            JsonNode record = parse(result, line, new TypeReference<JsonNode>() { });
            String tag = tagOf(record.path("reference").asText());
            checkRecord(record, tag);
            seen.add(tag);
        }
        if (lines.size() != count || seen.size() != count) {
            throw new WrongOutput("expected " + count + " records of distinct tags, got " + lines.size()
                    + " records of " + seen.size() + " tags");
        }
    }

    private static void checkRecord(JsonNode record, String tag) {
        if (record.has("error")) {
            throw new WrongOutput("record for " + record.path("reference").asText() + " failed: " + record.get("error"));
        }
        String labelled = record.path("labels").path(BenchImages.TAG_LABEL).asText(null);
        if (!tag.equals(labelled)) {
            throw new WrongOutput("record for " + record.path("reference").asText() + " has " + BenchImages.TAG_LABEL
                    + "=" + labelled + ", not " + tag);
        }
    }

    private static String tagOf(String reference) {
        return reference.substring(reference.lastIndexOf(':') + 1);
    }

    private static <T> T parse(Processes.Result result, String text, TypeReference<T> type) {
        try {
            T value = JSON.readValue(text, type);
            if (value == null) {
                throw new WrongOutput("printed null: " + result.describeFailure());
            }
            return value;
        } catch (IOException e) {
            throw new WrongOutput("printed something that is not the expected JSON (" + e.getMessage() + "): "
                    + text.substring(0, Math.min(200, text.length())));
        }
    }
}

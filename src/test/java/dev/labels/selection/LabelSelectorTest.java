package dev.labels.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {
    private static final Map<String, String> LABELS = Map.of(
            "blaze.service.deployment.cpu", "0.1",
            "blaze.service.deployment.memory", "300",
            "blaze.service.health-check.endpoint", "/status",
            "org.opencontainers.image.title", "dodo",
            "org.opencontainers.image.version", "1.2",
            "team", "dodo");

    private static LabelSelector selector(List<String> prefixes, List<String> globs, List<String> regexes, boolean strip) {
        return new LabelSelector(prefixes, globs.stream().map(Glob::new).toList(),
                regexes.stream().map(Pattern::compile).toList(), strip);
    }

    @Test
    void noSelectorsKeepEveryLabelSorted() {
        assertEquals(List.copyOf(new java.util.TreeMap<>(LABELS).keySet()),
                List.copyOf(LabelSelector.ALL.select(LABELS).keySet()));
    }

    @Test
    void matchIsAGlobOverTheWholeKey() {
        LabelSelector glob = selector(List.of(), List.of("*.cpu", "tea?"), List.of(), false);

        assertEquals(Map.of("blaze.service.deployment.cpu", "0.1", "team", "dodo"), glob.select(LABELS));
        assertEquals(Map.of(), selector(List.of(), List.of("cpu"), List.of(), false).select(LABELS),
                "a glob without wildcards matches the whole key only");
    }

    @Test
    void regexIsFoundAnywhereInTheKeyAndAnchorsMakeItWhole() {
        assertEquals(Map.of("blaze.service.deployment.memory", "300"),
                selector(List.of(), List.of(), List.of("mem"), false).select(LABELS));
        assertEquals(Map.of("team", "dodo"),
                selector(List.of(), List.of(), List.of("^te.m$"), false).select(LABELS));
    }

    @Test
    void aLabelIsKeptWhenItPassesAnySelector() {
        LabelSelector any = selector(List.of("org."), List.of("team"), List.of("cpu$"), false);

        assertEquals(List.of("blaze.service.deployment.cpu", "org.opencontainers.image.title",
                "org.opencontainers.image.version", "team"), List.copyOf(any.select(LABELS).keySet()));
    }

    @Test
    void stripPrefixRemovesThePrefixThatSelectedTheKey() {
        LabelSelector strip = selector(List.of("blaze.service."), List.of(), List.of(), true);

        assertEquals(Map.of("deployment.cpu", "0.1", "deployment.memory", "300", "health-check.endpoint", "/status"),
                strip.select(LABELS));
    }

    @Test
    void keysSelectedByMatchOrRegexKeepTheirName() {
        LabelSelector strip = selector(List.of("blaze.service.deployment."), List.of("team"), List.of("title"), true);

        assertEquals(Map.of("cpu", "0.1", "memory", "300", "team", "dodo", "org.opencontainers.image.title", "dodo"),
                strip.select(LABELS));
    }

    @Test
    void stripPrefixCollisionTheLongerPrefixWinsWhateverTheOrder() {
        Map<String, String> labels = Map.of("app.cpu", "1", "app.prod.cpu", "2", "app.memory", "300");

        for (List<String> prefixes : List.of(List.of("app.", "app.prod."), List.of("app.prod.", "app."))) {
            assertEquals(Map.of("cpu", "2", "memory", "300"), selector(prefixes, List.of(), List.of(), true).select(labels),
                    "app.prod.cpu loses the longest prefix, app.prod., so no prod.cpu is left: " + prefixes);
        }
    }

    @Test
    void stripPrefixCollisionOfEqualLengthPrefixesTheLaterOneWins() {
        Map<String, String> labels = Map.of("aa.cpu", "from aa", "bb.cpu", "from bb");

        assertEquals(Map.of("cpu", "from bb"), selector(List.of("aa.", "bb."), List.of(), List.of(), true).select(labels));
        assertEquals(Map.of("cpu", "from aa"), selector(List.of("bb.", "aa."), List.of(), List.of(), true).select(labels));
    }

    @Test
    void stripPrefixCollisionARepeatedPrefixCountsWhereItWasGivenLast() {
        Map<String, String> labels = Map.of("aa.cpu", "from aa", "bb.cpu", "from bb");

        assertEquals(Map.of("cpu", "from aa"),
                selector(List.of("aa.", "bb.", "aa."), List.of(), List.of(), true).select(labels));
    }

    @Test
    void aStrippedKeyWinsOverAnUnstrippedOneOfTheSameName() {
        Map<String, String> labels = Map.of("cpu", "plain", "app.cpu", "prefixed");

        assertEquals(Map.of("cpu", "prefixed"), selector(List.of("app."), List.of("cpu"), List.of(), true).select(labels));
    }

    @Test
    void aKeyEqualToThePrefixKeepsItsName() {
        Map<String, String> labels = Map.of("app.", "whole", "app.cpu", "1");

        assertEquals(Map.of("app.", "whole", "cpu", "1"), selector(List.of("app."), List.of(), List.of(), true).select(labels));
    }
}

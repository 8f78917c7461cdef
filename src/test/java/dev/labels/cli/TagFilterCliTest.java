package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labels.testing.FixtureMediaTypes;
import dev.labels.testing.FixturePlatform;
import dev.labels.testing.FixturePusher;
import dev.labels.testing.Fixtures;
import dev.labels.testing.LocalRegistry;
import dev.labels.testing.Skopeo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --tag GLOB} selects the tags that {@code tags} prints and {@code list} reads; {@code --match}, its old
 * spelling there, still does, with one warning that names the new one. Against a real registry, with skopeo as
 * the oracle for the labels of each tag.
 */
class TagFilterCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPOSITORY = "team/app";
    private static final List<String> TAGS = List.of("86-1a2b3c4", "87-2b51c14", "87-3c62d25", "latest");

    private static LocalRegistry registry;

    @BeforeAll
    static void push() {
        registry = LocalRegistry.start(LocalRegistry.Mode.ANONYMOUS);
        FixturePusher pusher = new FixturePusher(registry);
        for (String tag : TAGS) {
            Fixtures.single(pusher, REPOSITORY, tag, FixtureMediaTypes.DOCKER_MANIFEST, FixturePlatform.LINUX_AMD64,
                    Map.of("build", tag, "blaze.service.name", "app"));
        }
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    private static CliRun run(String command, String... options) {
        List<String> args = new ArrayList<>(List.of(command, registry.host() + "/" + REPOSITORY, "--no-cache"));
        if (command.equals("tags")) {
            args.remove("--no-cache"); // tags keeps no cache
        }
        args.addAll(List.of(options));
        return CliRun.run(args.toArray(String[]::new));
    }

    /** The labels of each record, by the tag of its reference (records come in the registry's order). */
    private static Map<String, Map<String, String>> labelsByTag(CliRun run) throws Exception {
        Map<String, Map<String, String>> byTag = new TreeMap<>();
        for (String line : run.stdout().split("\n")) {
            JsonNode record = JSON.readTree(line);
            String reference = record.get("reference").asText();
            Map<String, String> labels = new LinkedHashMap<>();
            record.get("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            byTag.put(reference.substring(reference.lastIndexOf(':') + 1), labels);
        }
        return byTag;
    }

    private static Map<String, String> skopeoLabels(String tag) {
        return Skopeo.labels(registry.host(), REPOSITORY + ":" + tag, Skopeo.Options.anonymous());
    }

    @Test
    void listReadsTheTagsThatTagSelectsWithEveryLabelAsSkopeoSeesThem() throws Exception {
        CliRun run = run("list", "--tag", "87-*");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.stderr());
        Map<String, Map<String, String>> byTag = labelsByTag(run);
        assertEquals(List.of("87-2b51c14", "87-3c62d25"), List.copyOf(byTag.keySet()));
        for (String tag : byTag.keySet()) {
            assertEquals(skopeoLabels(tag), byTag.get(tag), tag);
        }
    }

    @Test
    void listMatchStillSelectsTagsNotLabelKeysAndWarnsOnceNamingTag() throws Exception {
        CliRun old = run("list", "--match", "87-*", "--match", "86-*");
        CliRun renamed = run("list", "--tag", "87-*", "--tag", "86-*");

        assertEquals(0, old.exitCode(), old::toString);
        assertEquals(renamed.stdout(), old.stdout());
        assertEquals(List.of("86-1a2b3c4", "87-2b51c14", "87-3c62d25"), List.copyOf(labelsByTag(old).keySet()));
        assertEquals(skopeoLabels("86-1a2b3c4"), labelsByTag(old).get("86-1a2b3c4"), "no label key is filtered");
        assertEquals("labels: warning: list --match is deprecated: use --tag GLOB, which selects tags as --match did "
                + "here (in inspect and diff, --match selects label keys)\n", old.stderr());
        assertEquals("", renamed.stderr());
    }

    @Test
    void tagAndTheOldSpellingTogetherAddUp() throws Exception {
        CliRun run = run("list", "--tag", "86-*", "--match", "latest", "--tag", "87-3*");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(List.of("86-1a2b3c4", "87-3c62d25", "latest"), List.copyOf(labelsByTag(run).keySet()));
    }

    @Test
    void tagsPrintsTheTagsThatTagSelectsAndTheOldSpellingWarns() {
        CliRun renamed = run("tags", "--tag", "87-*", "--tag", "latest");
        CliRun old = run("tags", "--match", "87-*", "--match", "latest");

        assertEquals(0, renamed.exitCode(), renamed::toString);
        assertEquals(List.of("87-2b51c14", "87-3c62d25", "latest"), renamed.stdout().lines().sorted().toList());
        assertEquals("", renamed.stderr());
        assertEquals(renamed.stdout(), old.stdout());
        assertEquals(1, old.stderr().lines().count(), old.stderr());
        assertTrue(old.stderr().startsWith("labels: warning: tags --match is deprecated: use --tag GLOB"),
                old.stderr());
    }

    @Test
    void inspectMatchStillSelectsLabelKeys() {
        CliRun run = CliRun.run("inspect", registry.host() + "/" + REPOSITORY + ":latest", "--no-cache",
                "--match", "blaze.*");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(Map.of("blaze.service.name", "app"), run.labels());
        assertEquals("", run.stderr());
    }
}

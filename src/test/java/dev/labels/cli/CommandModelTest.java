package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The hand-written model parses as picocli's annotated one would: values, repeats, defaults, required parameters. */
class CommandModelTest {

    /** A command with one of each kind of argument. */
    private static final class Sample implements Callable<Integer> {
        String name;
        String shout;
        boolean loud;
        int count;
        List<String> tags = new ArrayList<>();
        String first;
        List<String> rest = new ArrayList<>();

        CommandLine commandLine() {
            CommandModel model = CommandModel.of("sample", this);
            model.option("--name").label("NAME").description("A name.")
                    .value(String.class, () -> name, value -> name = value);
            model.option("--shout").label("WORD").description("Converted by its own converter.")
                    .value(String.class, value -> value.toUpperCase(java.util.Locale.ROOT), () -> shout,
                            value -> shout = value);
            model.option("-l", "--loud").description("Loudly.").flag(() -> loud, value -> loud = value);
            model.option("--count").label("N").defaultValue("3").description("How many (default: ${DEFAULT-VALUE}).")
                    .value(int.class, () -> count, value -> count = value);
            model.option("--tag").label("TAG").description("Repeatable.")
                    .list(String.class, () -> tags, value -> tags = value);
            model.parameter("0").label("FIRST").description("Required.")
                    .value(String.class, () -> first, value -> first = value);
            model.parameter("1..*").arity("0..*").label("REST").description("Optional.")
                    .list(String.class, () -> rest, value -> rest = value);
            return new CommandLine(model.spec());
        }

        @Override
        public Integer call() {
            return 0;
        }
    }

    @Test
    void bindsEveryKindOfArgumentToItsField() {
        Sample sample = new Sample();
        sample.commandLine().parseArgs("--name", "x", "--shout", "hey", "-l", "--count", "5", "--tag", "a", "--tag", "b", "one", "two",
                "three");
        assertEquals("x", sample.name);
        assertEquals("HEY", sample.shout);
        assertTrue(sample.loud);
        assertEquals(5, sample.count);
        assertEquals(List.of("a", "b"), sample.tags);
        assertEquals("one", sample.first);
        assertEquals(List.of("two", "three"), sample.rest);
    }

    @Test
    void leavesWhatIsNotGivenAtItsDefault() {
        Sample sample = new Sample();
        sample.commandLine().parseArgs("one");
        assertNull(sample.name);
        assertFalse(sample.loud);
        assertEquals(3, sample.count);
        assertEquals(List.of(), sample.tags);
        assertEquals(List.of(), sample.rest);
    }

    @Test
    void aFlagTakesAnAttachedBooleanAsWithAnnotations() {
        Sample sample = new Sample();
        sample.commandLine().parseArgs("--loud=true", "one");
        assertTrue(sample.loud);
        sample = new Sample();
        sample.commandLine().parseArgs("--loud=false", "one");
        assertFalse(sample.loud);
    }

    @Test
    void aListParameterWithoutArityIsOptionalAsWithAnnotations() {
        List<List<String>> items = new ArrayList<>(List.of(List.of()));
        CommandModel model = CommandModel.of("lists", (Callable<Integer>) () -> 0);
        model.parameter("0..*").label("ITEM").description("Items.")
                .list(String.class, () -> items.get(0), value -> items.set(0, value));
        new CommandLine(model.spec()).parseArgs();
        assertEquals(List.of(), items.get(0));
        new CommandLine(model.spec()).parseArgs("a", "b");
        assertEquals(List.of("a", "b"), items.get(0));
    }

    @Test
    void aSingleParameterIsRequired() {
        CommandLine.ParameterException missing = assertThrows(CommandLine.ParameterException.class,
                () -> new Sample().commandLine().parseArgs("--name", "x"));
        assertTrue(missing.getMessage().contains("FIRST"), missing.getMessage());
    }

    @Test
    void helpShowsLabelsAndDefaults() {
        String usage = new Sample().commandLine().getUsageMessage();
        assertTrue(usage.contains("--count=N"), usage);
        assertTrue(usage.contains("How many (default: 3)."), usage);
        assertTrue(usage.contains("[--tag=TAG]..."), usage);
        assertTrue(usage.contains("FIRST [REST...]"), usage);
    }
}

package dev.labels.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --require KEY[=VALUE]}: how the text is split, and what a label map must hold to meet it. */
class RequirementTest {
    private static final Map<String, String> LABELS = Map.of("team", "dodo", "empty", "", "expr", "a=b");

    @Test
    void keyAloneRequiresPresenceOnly() {
        Requirement presence = Requirement.parse("team");

        assertEquals(new Requirement("team", "team", null), presence);
        assertNull(presence.unmetBy(LABELS));
        assertNull(Requirement.parse("empty").unmetBy(LABELS), "an empty value is present");
        assertEquals("\"version\" is missing", Requirement.parse("version").unmetBy(LABELS));
    }

    @Test
    void theTextIsSplitAtTheFirstEqualsSoTheValueMayHoldMore() {
        assertEquals(new Requirement("expr=a=b", "expr", "a=b"), Requirement.parse("expr=a=b"));
        assertNull(Requirement.parse("expr=a=b").unmetBy(LABELS));
        assertEquals(new Requirement("=x", "", "x"), Requirement.parse("=x"));
    }

    @Test
    void aValueMustMatchExactlyAndTheMessageQuotesBoth() {
        assertNull(Requirement.parse("team=dodo").unmetBy(LABELS));
        assertEquals("\"team\" is \"dodo\", not \"Dodo\"", Requirement.parse("team=Dodo").unmetBy(LABELS));
        assertEquals("\"empty\" is \"\", not \"x\"", Requirement.parse("empty=x").unmetBy(LABELS));
        assertNull(Requirement.parse("empty=").unmetBy(LABELS), "KEY= requires an empty value");
        assertEquals("\"team\" is \"dodo\", not \"\"", Requirement.parse("team=").unmetBy(LABELS));
        assertEquals("\"version\" is missing", Requirement.parse("version=1").unmetBy(LABELS));
    }

    @Test
    void unmetKeepsTheRequirementsNotMetInTheirOrder() {
        List<Requirement> given = List.of(Requirement.parse("z"), Requirement.parse("team"),
                Requirement.parse("team=x"), Requirement.parse("a"));

        assertEquals(List.of(given.get(0), given.get(2), given.get(3)), Requirement.unmet(given, LABELS));
        assertEquals(List.of(), Requirement.unmet(given.subList(1, 2), LABELS));
    }
}

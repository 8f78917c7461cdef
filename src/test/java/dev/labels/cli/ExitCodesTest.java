package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.app.ExitStatus;
import dev.labels.app.LabelCheckException;
import dev.labels.error.LabelsException.Kind;
import dev.labels.output.FormatException;
import dev.labels.reference.ImageReference;
import dev.labels.reference.InvalidReferenceException;
import dev.labels.registry.transport.RegistryException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The one mapping from a failure to its exit code, its batch record's code and its message. */
class ExitCodesTest {

    /** Every kind, its exit code and its record code: what README's exit code table and scripts rely on. */
    private static final Map<Kind, ExitStatus.Meaning> TABLE = new EnumMap<>(Map.ofEntries(
            Map.entry(Kind.USAGE, new ExitStatus.Meaning(2, "USAGE")),
            Map.entry(Kind.INVALID_REFERENCE, new ExitStatus.Meaning(2, "INVALID_REFERENCE")),
            Map.entry(Kind.FORMAT, new ExitStatus.Meaning(2, "FORMAT")),
            Map.entry(Kind.NOT_FOUND, new ExitStatus.Meaning(3, "NOT_FOUND")),
            Map.entry(Kind.UNAUTHORIZED, new ExitStatus.Meaning(4, "UNAUTHORIZED")),
            Map.entry(Kind.RATE_LIMITED, new ExitStatus.Meaning(5, "RATE_LIMITED")),
            Map.entry(Kind.LABEL_MISSING, new ExitStatus.Meaning(6, "LABEL_MISSING")),
            Map.entry(Kind.NOT_AN_IMAGE, new ExitStatus.Meaning(8, "NOT_AN_IMAGE")),
            Map.entry(Kind.REGISTRY_ERROR, new ExitStatus.Meaning(1, "REGISTRY_ERROR")),
            Map.entry(Kind.NETWORK, new ExitStatus.Meaning(1, "NETWORK")),
            Map.entry(Kind.INVALID_FILE, new ExitStatus.Meaning(1, "REGISTRY_ERROR")),
            Map.entry(Kind.INTERNAL, new ExitStatus.Meaning(1, "REGISTRY_ERROR"))));

    @Test
    void everyKindHasTheExitCodeAndRecordCodeOfTheTable() {
        assertEquals(Kind.values().length, TABLE.size(), "the table names every kind");
        for (Kind kind : Kind.values()) {
            assertEquals(TABLE.get(kind), ExitCodes.meaning(kind), kind::name);
        }
    }

    @Test
    void eachFailureIsOfItsKindAndAnythingElseIsABug() {
        InvalidReferenceException invalid = assertThrows(InvalidReferenceException.class,
                () -> ImageReference.parse("Foo/bar"));
        Map<Throwable, Kind> kinds = Map.of(
                invalid, Kind.INVALID_REFERENCE,
                new UsageException("--default needs --get"), Kind.USAGE,
                new CommandLine.ParameterException(new CommandLine(CommandSpec.create()), "unknown option"), Kind.USAGE,
                new FormatException("-o env: label \"a\" ..."), Kind.FORMAT,
                new LabelCheckException("x has no label \"a\""), Kind.LABEL_MISSING,
                new RegistryException(Kind.RATE_LIMITED, "reading manifest", "x", "429"), Kind.RATE_LIMITED,
                new IllegalStateException("boom"), Kind.INTERNAL,
                new StackOverflowError(), Kind.INTERNAL,
                new java.io.IOException("disk"), Kind.INTERNAL);
        kinds.forEach((error, kind) -> {
            assertEquals(kind, ExitCodes.kindOf(error), error::toString);
            assertEquals(TABLE.get(kind).exitCode(), ExitCodes.of(error), error::toString);
            assertEquals(TABLE.get(kind).recordCode(), ExitCodes.meaning(ExitCodes.kindOf(error)).recordCode(),
                    error::toString);
        });
    }

    @Test
    void aBugSaysInternalErrorWithItsTypeAndEveryOtherFailureItsOwnMessage() {
        assertEquals("internal error: IllegalStateException: boom",
                ExitCodes.message(new IllegalStateException("boom")));
        assertEquals("internal error: NullPointerException", ExitCodes.message(new NullPointerException()));
        assertEquals("reading manifest of x: 429",
                ExitCodes.message(new RegistryException(Kind.RATE_LIMITED, "reading manifest", "x", "429")));
    }

    /** The "this is a bug" line goes by what failed, not by what its message happens to start with. */
    @Test
    void theBugLineIsPrintedForABugOnlyWhateverTheMessagesSay() {
        String bug = report(new IllegalStateException("boom"));
        String notABug = report(new LabelCheckException("internal error: a label check that failed"));

        assertEquals("labels: internal error: IllegalStateException: boom\n"
                + "labels: this is a bug; run again with --debug for details\n", bug);
        assertEquals("labels: internal error: a label check that failed\n", notABug);
        assertFalse(notABug.contains("this is a bug"));
        assertTrue(bug.contains("this is a bug"));
    }

    private static String report(Exception error) {
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(CommandSpec.create().name("labels"));
        command.setErr(new PrintWriter(err));
        int code = new ErrorReporter().handleExecutionException(error, command, command.parseArgs());
        assertEquals(ExitCodes.of(error), code);
        return err.toString().replace(System.lineSeparator(), "\n");
    }
}

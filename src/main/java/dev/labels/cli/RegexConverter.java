package dev.labels.cli;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine;

/** {@code --regex RE}: an invalid expression is a usage error naming the option, the expression and the fault. */
final class RegexConverter implements CommandLine.ITypeConverter<Pattern> {
    @Override
    public Pattern convert(String value) {
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            // getMessage() spans three lines (with a caret); errors here are one line.
            throw new CommandLine.TypeConversionException("--regex \"" + value + "\" is not a valid regular expression: "
                    + e.getDescription() + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
        }
    }
}

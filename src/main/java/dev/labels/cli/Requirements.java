package dev.labels.cli;

import dev.labels.selection.Requirement;
import java.util.ArrayList;
import java.util.List;

/** {@code --require KEY[=VALUE]}: labels every image must have, for inspect and list; checked before any request. */
final class Requirements {

    List<String> values = new ArrayList<>();

    void declare(CommandModel model) {
        model.option("--require").label("KEY[=VALUE]")
                .description("Exit 6 unless every image has label KEY (with exactly VALUE, when given), naming every "
                        + "label missing or different (in records: under \"missing\"); repeatable. KEY is the full "
                        + "key, whatever --strip-prefix does.")
                .list(String.class, () -> values, value -> values = value);
    }

    List<Requirement> parse() throws UsageException {
        List<Requirement> requirements = new ArrayList<>();
        for (String value : values) {
            Requirement requirement = Requirement.parse(value);
            if (requirement.key().isEmpty()) {
                throw new UsageException("--require \"" + value + "\": expected KEY or KEY=VALUE with a non-empty KEY");
            }
            requirements.add(requirement);
        }
        return requirements;
    }
}

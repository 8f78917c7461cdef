package dev.labels.cli;

import dev.labels.labels.Requirement;
import java.util.ArrayList;
import java.util.List;

/** The --require values of a command line, checked before any request. */
final class Requirements {
    private Requirements() {
    }

    static List<Requirement> parse(List<String> values) throws UsageException {
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

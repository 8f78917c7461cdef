package dev.labels.cli;

import dev.labels.output.EnvWriter;
import dev.labels.output.OutputFormat;

/**
 * How labels are printed: -o, --compact, --nested, --env-prefix; shared by inspect and list, and -o and --compact
 * by commands that print one report (ratelimit).
 */
final class OutputOptions {

    OutputFormat output;
    boolean compact;
    boolean nested;
    String envPrefix;

    /** The options of inspect, which prints one image in any format, or several as records. */
    void declare(CommandModel model) {
        declareFormat(model, "json, ndjson, env, properties or table. Default: the labels object for one image, "
                + "ndjson records for several. env and properties take one image only.");
        model.option("--env-prefix").label("PFX")
                .description("With -o env: prepend PFX to every variable name (e.g. LABEL_). Without it, labels "
                        + "that would set a variable the shell or other programs act on (PATH, PS4, LD_*, ...) are "
                        + "left out, named on stderr, and the exit code is 2.")
                .value(String.class, () -> envPrefix, value -> envPrefix = value);
    }

    /** The options of list, which prints records only: no env or properties, so no --env-prefix. */
    void declareForRecords(CommandModel model) {
        declareFormat(model, "json, ndjson or table (default: ndjson).");
    }

    /** The options of a command that prints one report, as a JSON object or a table: -o and --compact. */
    void declareForReport(CommandModel model) {
        outputOption(model, "json (default) or table.")
                .candidates(OutputFormat.json.name(), OutputFormat.table.name())
                .value(OutputFormat.class, () -> output, value -> output = value);
        compactOption(model).flag(() -> compact, value -> compact = value);
    }

    /** Checks the format of a report (see {@link #declareForReport}): json or table, json when not given. */
    OutputFormat reportFormat() throws UsageException {
        if (output == null || output == OutputFormat.json || output == OutputFormat.table) {
            return output == null ? OutputFormat.json : output;
        }
        throw new UsageException("-o " + output + " is not a format of this command: use json or table");
    }

    private void declareFormat(CommandModel model, String formats) {
        outputOption(model, formats).value(OutputFormat.class, () -> output, value -> output = value);
        compactOption(model).flag(() -> compact, value -> compact = value);
        model.option("--nested").description("JSON: dotted keys become nested objects; a key that is also a "
                        + "prefix of others keeps its value under the key \"\".")
                .flag(() -> nested, value -> nested = value);
    }

    /**
     * {@code -o}: one name and label for the output format of every command, which names its own formats and
     * binds the option to its own field.
     */
    static CommandModel.Arg outputOption(CommandModel model, String formats) {
        return model.option("-o", "--output").label("FORMAT").description(formats);
    }

    /** {@code --compact}, for every command that prints JSON, bound by the command to its own field. */
    static CommandModel.Arg compactOption(CommandModel model) {
        return model.option("--compact").description("Print JSON on one line.");
    }

    /** Checks what holds whatever the images: options that only make sense with certain formats. */
    void check() throws UsageException {
        if (envPrefix != null && output != OutputFormat.env) {
            throw new UsageException("--env-prefix needs -o env");
        }
        if (envPrefix != null && !EnvWriter.validPrefix(envPrefix)) {
            throw new UsageException("--env-prefix \"" + envPrefix + "\" cannot start a shell variable name: use "
                    + "letters, digits and _, not starting with a digit");
        }
        if (nested && output != null && !output.isJson()) {
            throw new UsageException("--nested works with JSON output only, not -o " + output);
        }
    }

    /** Checks for output of several records (several images, --all-platforms, list). */
    void checkSeveral(String why) throws UsageException {
        if (output != null && output.singleImageOnly()) {
            throw new UsageException("-o " + output + " holds the labels of one image, but " + why
                    + "; use -o ndjson, json or table");
        }
    }

    String envPrefix() {
        return envPrefix == null ? "" : envPrefix;
    }
}

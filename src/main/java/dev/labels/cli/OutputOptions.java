package dev.labels.cli;

import dev.labels.labels.EnvWriter;

/** How labels are printed: -o, --compact, --nested, --env-prefix; shared by inspect and list. */
final class OutputOptions {

    OutputFormat output;
    boolean compact;
    boolean nested;
    String envPrefix;

    void declare(CommandModel model) {
        model.option("-o", "--output").label("FORMAT")
                .description("json, ndjson, env, properties or table. Default: inspect prints the labels object for "
                        + "one image and ndjson records for several; list prints ndjson. env and properties take one "
                        + "image only.")
                .value(OutputFormat.class, () -> output, value -> output = value);
        model.option("--compact").description("Print JSON on one line.")
                .flag(() -> compact, value -> compact = value);
        model.option("--nested").description("JSON: dotted keys become nested objects; a key that is also a "
                        + "prefix of others keeps its value under the key \"\".")
                .flag(() -> nested, value -> nested = value);
        model.option("--env-prefix").label("PFX")
                .description("With -o env: prepend PFX to every variable name (e.g. LABEL_).")
                .value(String.class, () -> envPrefix, value -> envPrefix = value);
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

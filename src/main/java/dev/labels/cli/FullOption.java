package dev.labels.cli;

/** {@code --full}: an image's details beside its labels, for inspect and list (JSON output only). */
final class FullOption {

    boolean full;

    void declare(CommandModel model) {
        model.option("--full").description("Also print digests, platform, created, env, entrypoint, cmd, user, "
                        + "workingDir, exposedPorts and the annotations of the index, its entry and the manifest, in "
                        + "one object with labels inside.")
                .flag(() -> full, value -> full = value);
    }
}

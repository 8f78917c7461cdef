package dev.labels.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** {@code labels completion bash|zsh|fish}: a shell completion script on stdout. */
final class CompletionCommand extends StandardOptions implements Callable<Integer> {
    enum Shell { bash, zsh, fish }

    private final LabelsCommand parent;
    Shell shell;

    CompletionCommand(LabelsCommand parent) {
        this.parent = parent;
    }

    CommandSpec model() {
        CommandModel model = CommandModel.of("completion", this)
                .description("Print a completion script for bash, zsh or fish: subcommands, options and their values.")
                .footer("%nExamples:%n",
                        "  source <(labels completion bash)               # bash, now; or in ~/.bashrc",
                        "  labels completion zsh > \"$${fpath[1]}/_labels\"  # zsh (loads bashcompinit)",
                        "  labels completion fish > ~/.config/fish/completions/labels.fish");
        model.parameter("0").label("SHELL").description("bash, zsh or fish.")
                .value(Shell.class, () -> shell, value -> shell = value);
        declareStandardOptions(model);
        return model.spec();
    }

    @Override
    public Integer call() {
        CommandLine root = parent.commandLine();
        String script = switch (shell) {
            // picocli's bash script runs in zsh too: it loads zsh's bashcompinit when $ZSH_VERSION is set.
            case bash -> AutoComplete.bash("labels", root);
            case zsh -> "#compdef labels\n" + AutoComplete.bash("labels", root);
            case fish -> FishCompletion.script(root.getCommandSpec());
        };
        parent.out().print(script);
        parent.out().flush();
        return ExitCodes.OK;
    }
}

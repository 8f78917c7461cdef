package dev.labels.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code labels completion bash|zsh|fish}: a shell completion script on stdout. */
@Command(name = "completion",
        description = "Print a completion script for bash, zsh or fish: subcommands, options and their values.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  source <(labels completion bash)                  # bash, now; or add it to ~/.bashrc",
            "  labels completion zsh > \"${fpath[1]}/_labels\"     # zsh (loads bashcompinit itself)",
            "  labels completion fish > ~/.config/fish/completions/labels.fish"
        })
final class CompletionCommand extends StandardOptions implements Callable<Integer> {

    enum Shell { bash, zsh, fish }

    @ParentCommand
    LabelsCommand parent;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash, zsh or fish.")
    Shell shell;

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
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

package dev.labels.cli;

import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Writes the man pages (run by the build, see pom.xml): the whole command tree, as {@link Subcommands}
 * registers it for help, handed to picocli-codegen's ManPageGenerator. The generator is a build-time plugin
 * dependency, not on the test compile class path, so it is called by name.
 */
public final class ManPages {
    private ManPages() {
    }

    public static void main(String[] args) throws Exception {
        LabelsCommand labels = new LabelsCommand(InputStream.nullInputStream(), OutputStream.nullOutputStream(),
                Map.of(), System.getProperty("user.home"), false);
        CommandLine root = new CommandLine(labels.model());
        Subcommands.register(root, labels, new String[0]);
        Class.forName("picocli.codegen.docgen.manpage.ManPageGenerator")
                .getMethod("generateManPage", File.class, File.class, boolean[].class, boolean.class, CommandSpec[].class)
                .invoke(null, new File(args[0]), null, new boolean[0], true, new CommandSpec[] {root.getCommandSpec()});
    }
}

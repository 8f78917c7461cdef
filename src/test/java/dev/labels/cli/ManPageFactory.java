package dev.labels.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import picocli.CommandLine;

/**
 * Lets picocli-codegen's ManPageGenerator (run by the build, see pom.xml) make the command tree: the root
 * command takes the process context in its constructor, which picocli's default factory cannot supply. Only
 * the command model is read; nothing runs.
 */
public final class ManPageFactory implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (type == LabelsCommand.class) {
            return type.cast(new LabelsCommand(InputStream.nullInputStream(), OutputStream.nullOutputStream(), Map.of(),
                    System.getProperty("user.home"), false));
        }
        return CommandLine.defaultFactory().create(type);
    }
}

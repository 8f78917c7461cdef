package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * picocli ships Java 5 bytecode, which the JVM verifies again at every start even from the class-data-sharing
 * archive; the build compiles it from its sources with the tool's code instead, so that the archive holds its
 * classes verified (docs/performance.md, Start-up). These tests see the classes a run gets.
 */
class PicocliBuildTest {

    @Test
    void picocliHasTheClassFileVersionOfTheToolsOwnClasses() throws IOException {
        assertEquals(majorVersion(Main.class), majorVersion(CommandLine.class));
        assertEquals(majorVersion(Main.class), majorVersion(CommandLine.Model.OptionSpec.class));
    }

    @Test
    void picocliIsLoadedFromTheToolsOwnClassesNotFromItsJar() throws URISyntaxException {
        assertEquals(location(Main.class), location(CommandLine.class));
    }

    @Test
    void picocliIsTheVersionTheBuildDeclares() {
        // The compiled classes outlive a change of picocli.version in a build without clean; the jar must not
        // then ship the picocli of the previous version.
        assertEquals(System.getProperty("picocli.version"), CommandLine.VERSION);
    }

    private static int majorVersion(Class<?> type) throws IOException {
        String file = type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class";
        try (InputStream in = type.getResourceAsStream(file)) {
            byte[] head = in.readNBytes(8); // magic (4 bytes), minor version (2), major version (2)
            return ((head[6] & 0xff) << 8) | (head[7] & 0xff);
        }
    }

    private static Path location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}

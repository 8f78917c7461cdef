package dev.labels.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher maps a class-data-sharing archive into every run: code the JVM loads. It maps one only when the
 * archive and its folder belong to the user running labels (or to root, for an install folder) and neither is
 * writable by group or others; otherwise the run goes on without it and writes nothing there. Folders it makes
 * are the user's alone.
 *
 * <p>The JVM is a stand-in here (a script on JAVA_HOME): a training run leaves a class list, a dump leaves an
 * archive, and the real run writes down its arguments, where {@code -XX:SharedArchiveFile} shows what was mapped.
 * The tests run as root, so "another user" is uid 65534.
 */
class LauncherArchiveTest {
    private static final Path LAUNCHER = Path.of("src/main/launcher/labels.sh");
    private static final int OTHER_USER = 65534;
    private static final String FAKE_JAVA = """
            #!/bin/sh
            dump=
            for arg in "$@"; do
              case $arg in
                -XX:DumpLoadedClassList=*) cat "${FAKE_JAVA_LOADED:-/dev/null}" > "${arg#*=}"; exit 0 ;;
                -XX:SharedClassListFile=*) classes=${arg#*=} ;;
                -Xshare:dump) dump=yes ;;
                -XX:SharedArchiveFile=*) archive=${arg#*=} ;;
              esac
            done
            if [ -n "$dump" ]; then
              echo archive >> "$FAKE_JAVA_DUMPS"; cp "$classes" "$FAKE_JAVA_DUMPS.classes"; echo archive > "$archive"
              exit 0
            fi
            printf '%s\\n' "$@" > "$FAKE_JAVA_LOG"
            """;

    @TempDir
    Path temp;

    private Path install;
    private Path launcher;
    private Path javaHome;
    private Path cacheHome;
    private Path logs;
    /** What the stand-in's training lists as loaded. */
    private Path loaded;

    private record Run(int exitCode, String stdout, String stderr, List<String> javaArguments) {
        /** The archive the run mapped, or null. */
        String mapped() {
            return javaArguments.stream().filter(a -> a.startsWith("-XX:SharedArchiveFile="))
                    .map(a -> a.substring("-XX:SharedArchiveFile=".length())).findFirst().orElse(null);
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        install = Files.createDirectories(temp.resolve("install"));
        launcher = Files.copy(LAUNCHER, install.resolve("labels"));
        javaHome = temp.resolve("jdk");
        Path java = Files.writeString(Files.createDirectories(javaHome.resolve("bin")).resolve("java"), FAKE_JAVA);
        cacheHome = temp.resolve("cache-home");
        logs = Files.createDirectories(temp.resolve("logs"));
        for (Path path : List.of(temp, install, launcher, javaHome, javaHome.resolve("bin"), java, logs)) {
            chmod(path, Files.isDirectory(path) ? "rwxr-xr-x" : "rwxr-xr-x");
        }
        chmod(logs, "rwxrwxrwx");
        loaded = Files.writeString(temp.resolve("loaded.classlist"), "java/lang/Object\n");
        chmod(loaded, "rw-r--r--");
    }

    private static void chmod(Path path, String permissions) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    }

    private static void chown(Path path, int uid) throws Exception {
        assertEquals(0, new ProcessBuilder("chown", uid + ":" + uid, path.toString()).start().waitFor());
    }

    private Run run(String... asUser) throws Exception {
        Path log = logs.resolve("java-arguments");
        Files.deleteIfExists(log);
        List<String> command = new ArrayList<>(List.of(asUser));
        command.addAll(List.of(launcher.toString(), "--version"));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.remove("LABELS_NO_CDS");
        env.remove("LABELS_JAVA_OPTS");
        env.put("JAVA_HOME", javaHome.toString());
        env.put("XDG_CACHE_HOME", cacheHome.toString());
        env.put("FAKE_JAVA_LOG", log.toString());
        env.put("FAKE_JAVA_DUMPS", logs.resolve("dumps").toString());
        env.put("FAKE_JAVA_LOADED", loaded.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the launcher finishes");
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        List<String> arguments = Files.exists(log) ? Files.readAllLines(log) : List.of();
        Run run = new Run(process.exitValue(), out, err, arguments);
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.stdout(), "the launcher prints nothing: stdout carries only the tool's output");
        assertEquals("", run.stderr(), "a skipped archive is not worth a line on every run");
        assertTrue(arguments.contains("-jar") && arguments.contains("--version"), run::toString);
        return run;
    }

    /** The archive a first run makes beside the launcher. */
    private Path trained() throws Exception {
        Run first = run();
        assertTrue(first.mapped() != null && Path.of(first.mapped()).getParent().equals(install), first::toString);
        return Path.of(first.mapped());
    }

    private static List<String> listing(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theUsersOwnArchiveIsMadeOnceAndMappedByEveryRun() throws Exception {
        Path archive = trained();

        Run second = run();

        assertEquals(archive.toString(), second.mapped());
        assertEquals(1, Files.readAllLines(logs.resolve("dumps")).size(), "made once");
    }

    @Test
    void theArchiveLeavesOutTheTrainingsOwnClassesAndItsHttpServer() throws Exception {
        // Every class compiled into cli/boot, as -XX:DumpLoadedClassList names them.
        List<String> boot;
        try (Stream<Path> files = Files.list(Path.of("target/classes/dev/labels/cli/boot"))) {
            boot = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".class"))
                    .map(name -> "dev/labels/cli/boot/" + name.substring(0, name.length() - ".class".length()))
                    .sorted().toList();
        }
        List<String> headStart = boot.stream().filter(name -> name.startsWith("dev/labels/cli/boot/HeadStart")).toList();
        String runLambda = "@lambda-proxy dev/labels/cli/StandardOptions get (Ldev/labels/cli/StandardOptions;)"
                + "Ljava/util/function/Supplier; ()Ljava/lang/Object; REF_invokeVirtual dev/labels/cli/StandardOptions "
                + "lambda$declareStandardOptions$0 ()Ljava/lang/Boolean; ()Ljava/lang/Boolean;";
        String trainingLambda = "@lambda-proxy dev/labels/cli/boot/TrainingRegistry handle "
                + "(Ldev/labels/cli/boot/TrainingRegistry;)Lcom/sun/net/httpserver/HttpHandler; "
                + "(Lcom/sun/net/httpserver/HttpExchange;)V REF_invokeVirtual dev/labels/cli/boot/TrainingRegistry handle "
                + "(Lcom/sun/net/httpserver/HttpExchange;)V (Lcom/sun/net/httpserver/HttpExchange;)V";
        List<String> listed = new ArrayList<>(List.of("java/lang/Object", "sun/security/ssl/ServerHello", runLambda,
                trainingLambda, "com/sun/net/httpserver/HttpsServer", "sun/net/httpserver/ServerImpl"));
        listed.addAll(boot);
        Files.write(loaded, listed);

        run();

        List<String> kept = new ArrayList<>(List.of("java/lang/Object", "sun/security/ssl/ServerHello", runLambda));
        kept.addAll(headStart);
        assertEquals(kept, Files.readAllLines(logs.resolve("dumps.classes")),
                "everything in cli/boot but HeadStart serves the training alone, and must be named Train*");
    }

    @Test
    void anArchiveOfAnotherUserIsNotMapped() throws Exception {
        Path archive = trained();
        chown(archive, OTHER_USER);

        Run run = run();

        assertNotEquals(archive.toString(), run.mapped(), run::toString);
        assertEquals("archive\n", Files.readString(archive), "left as it is");
    }

    @Test
    void anArchiveOthersCanWriteIsNotMapped() throws Exception {
        Path archive = trained();
        chmod(archive, "rw-rw-rw-");

        Run run = run();

        assertNotEquals(archive.toString(), run.mapped(), run::toString);
    }

    @Test
    void aFolderOthersCanWriteIsNeitherReadNorWritten() throws Exception {
        Path archive = trained();
        chmod(install, "rwxrwxr-x");
        List<String> before = listing(install);

        Run run = run();

        assertNotEquals(archive.toString(), run.mapped(), run::toString);
        assertEquals(before, listing(install), "nothing made or removed in a folder others can write");
        assertTrue(run.mapped() != null && run.mapped().startsWith(cacheHome.toString()),
                "the run makes its own in the cache folder instead: " + run);
    }

    @Test
    void aCacheFolderOfAnotherUserIsNeitherReadNorWritten() throws Exception {
        Path archive = trained();
        chmod(install, "rwxrwxrwx");
        Path cds = Files.createDirectories(cacheHome.resolve("labels/cds"));
        Path planted = Files.copy(archive, cds.resolve(archive.getFileName()));
        chown(cds, OTHER_USER);

        Run run = run();

        assertNull(run.mapped(), run::toString);
        assertEquals(List.of(planted.getFileName().toString()), listing(cds));
        assertEquals(1, Files.readAllLines(logs.resolve("dumps")).size(), "no training into either folder");
    }

    @Test
    void foldersTheLauncherMakesAreTheUsersAlone() throws Exception {
        chmod(install, "rwxrwxr-x");

        Run run = run();

        assertTrue(run.mapped() != null && run.mapped().startsWith(cacheHome.resolve("labels/cds").toString()),
                run::toString);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cacheHome.resolve("labels"))));
        assertEquals("rwx------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(cacheHome.resolve("labels/cds"))));
        assertFalse(listing(install).stream().anyMatch(name -> name.startsWith(".labels-cds")), listing(install).toString());
    }

    @Test
    void anInstallFolderOfRootServesEveryUser() throws Exception {
        Path archive = trained();
        Files.createDirectories(cacheHome);
        chown(cacheHome, OTHER_USER);

        Run run = run("setpriv", "--reuid=" + OTHER_USER, "--regid=" + OTHER_USER, "--clear-groups");

        assertEquals(archive.toString(), run.mapped(), run::toString);
    }
}

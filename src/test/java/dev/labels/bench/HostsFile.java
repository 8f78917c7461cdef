package dev.labels.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Host names that resolve to 127.0.0.1 for one run, through one line appended to a hosts file
 * ({@code /etc/hosts}), and the file put back as it was when the run ends, also on Ctrl-C or a failure (a
 * shutdown hook). The line carries a marker naming this process, so that whoever finds it after a run that
 * was killed outright knows where it came from.
 *
 * <p>The file is changed in place (it is often a bind mount, which a rename cannot replace): appended to, then
 * truncated back to its old length, so that a reader at any moment sees the old file or the old file plus the
 * line, never an empty one. If someone else changed the file meanwhile, only this run's line is taken out.
 */
final class HostsFile implements AutoCloseable {
    static final Path ETC_HOSTS = Path.of("/etc/hosts");
    private static final String LOOPBACK = "127.0.0.1";

    private final Path file;
    private final byte[] original;
    private final String line;
    private final byte[] appended;
    private final Thread hook;
    private boolean restored;
    private String restoreNote = "";

    private HostsFile(Path file, byte[] original, String line, byte[] appended) {
        this.file = file;
        this.original = original;
        this.line = line;
        this.appended = appended;
        this.hook = new Thread(this::close, "bench-hosts-restore");
    }

    /** Thrown when the file cannot be read or written (not root), or a name is already taken elsewhere. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    /**
     * Appends {@code 127.0.0.1 NAMES... # marker} and registers the restoring shutdown hook.
     *
     * @param names host names that must not resolve yet (checked by the caller with {@link #resolvesToLoopback})
     */
    static HostsFile add(Path file, List<String> names) throws Unavailable {
        byte[] original;
        try {
            original = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new Unavailable("cannot read " + file + ": " + e.getMessage());
        }
        String marker = "labels-bench pid " + ProcessHandle.current().pid() + " " + randomTag();
        String line = LOOPBACK + " " + String.join(" ", names) + " # added by " + marker + " for one run; removed at exit";
        boolean endsWithNewline = original.length == 0 || original[original.length - 1] == '\n';
        byte[] appended = ((endsWithNewline ? "" : "\n") + line + "\n").getBytes(StandardCharsets.UTF_8);
        HostsFile hosts = new HostsFile(file, original, line, appended);
        Runtime.getRuntime().addShutdownHook(hosts.hook); // before writing: a Ctrl-C right after must restore
        try {
            Files.write(file, appended, StandardOpenOption.APPEND);
        } catch (IOException e) {
            hosts.removeHook();
            throw new Unavailable("cannot write " + file + " (" + e.getMessage() + "); it takes root");
        }
        return hosts;
    }

    /**
     * Whether every name resolves, and only to loopback addresses. Asked before adding (names that resolve
     * already need no line, names that resolve elsewhere must not be used) and after (to be sure).
     *
     * @throws Unavailable when a name resolves to an address that is not loopback
     */
    static boolean resolvesToLoopback(List<String> names) throws Unavailable {
        boolean all = true;
        for (String name : names) {
            try {
                for (InetAddress address : InetAddress.getAllByName(name)) {
                    if (!address.isLoopbackAddress()) {
                        throw new Unavailable(name + " resolves to " + address.getHostAddress()
                                + ", not to this machine: the benchmark will not send anything there");
                    }
                }
            } catch (UnknownHostException e) {
                all = false;
            }
        }
        return all;
    }

    /** What restoring did, when it was not simply putting the file back: for the report. */
    synchronized String restoreNote() {
        return restoreNote;
    }

    /** Idempotent; runs in the shutdown hook too. */
    @Override
    public synchronized void close() {
        if (restored) {
            return;
        }
        restored = true;
        try {
            byte[] current = Files.readAllBytes(file);
            byte[] expected = concat(original, appended);
            if (Arrays.equals(current, expected)) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(original.length);
                }
            } else {
                String text = new String(current, StandardCharsets.UTF_8);
                String without = text.lines().filter(existing -> !existing.equals(line))
                        .collect(Collectors.joining("\n", "", text.endsWith("\n") ? "\n" : ""));
                if (!without.equals(text)) {
                    Files.writeString(file, without, StandardOpenOption.TRUNCATE_EXISTING);
                }
                restoreNote = file + " was changed by someone else during the run: only this run's line was removed";
            }
        } catch (IOException e) {
            restoreNote = "could not restore " + file + " (" + e.getMessage() + "): remove the line '" + line + "' by hand";
            System.err.println("benchmark: " + restoreNote);
        }
        removeHook();
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: this is the hook running
        }
    }

    private static String randomTag() {
        byte[] bytes = new byte[4];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}

package dev.labels.cli.boot;

import dev.labels.cli.ReferenceInput;
import dev.labels.image.Digests;
import dev.labels.json.Json;
import dev.labels.output.JsonWriter;
import dev.labels.reference.ImageReference;
import dev.labels.reference.InvalidReferenceException;
import dev.labels.registry.transport.Loopback;
import dev.labels.registry.RegistryClient;
import dev.labels.source.Sources;
import java.util.Map;
import java.util.Set;

/**
 * Start-up is most of a short run, and most of start-up is on one core: picocli sets itself up and parses the
 * command line before anything else happens. Meanwhile a second thread loads and
 * initialises what a registry run needs next: the HTTP client and, when a registry will be reached over HTTPS,
 * the TLS stack; the SHA-256 provider that verifies what is read; the JSON parser and writer. Class
 * initialisation is thread-safe, so the main thread later finds the work done, or waits for the rest of it.
 * Nothing here touches the network or writes anything (it reads at most the head of a --file list, which the
 * run reads anyway), and its results are not used: a failure here loses
 * only the head start, as the same work is done again, and any error reported, where it belongs. The subcommand's
 * picocli model is not built here: the two threads would contend for the same classes.
 */
public final class HeadStart {
    private static final Set<String> REGISTRY_COMMANDS = Set.of("inspect", "list", "tags", "diff", "config",
            "ratelimit");

    private HeadStart() {
    }

    /** @return the thread that was started, or null when the command needs no head start */
    public static Thread begin(String[] args) {
        if (args.length == 0 || !REGISTRY_COMMANDS.contains(args[0]) || onlyFiles(args)) {
            return null;
        }
        Thread warmer = new Warmer(args);
        warmer.start();
        return warmer;
    }

    /** A class, not a lambda: a lambda's first use costs the main thread more than it saves. */
    private static final class Warmer extends Thread {
        private final String[] args;

        Warmer(String[] args) {
            super("labels-head-start");
            this.args = args;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                // Here, not on the main thread: the guess may read the head of a --file list.
                // ratelimit asks Docker Hub unless told otherwise.
                boolean tls = args[0].equals("ratelimit") || likelyOverTls(args);
                Digests.sha256(new byte[0]);
                new JsonWriter(false).write(Json.parse("{\"labels\": {\"a\": \"b\"}}"));
                new JsonWriter(true).write(Map.of("a", "b"));
                RegistryClient.warmUp(tls);
            } catch (Exception | LinkageError e) {
                // Only a head start: see the class comment.
            }
        }
    }

    /** Whether every argument after the command names an image in a file: such a run needs no network. */
    static boolean onlyFiles(String[] args) {
        for (int i = 1; i < args.length; i++) {
            if (!Sources.isArchive(args[i])) {
                return false;
            }
        }
        return args.length > 1;
    }

    /**
     * Whether an argument names an image on a registry off loopback: those are reached over HTTPS. Loopback
     * registries are asked over plain HTTP first, and nearly all of them speak it, so their runs set up no TLS
     * (one that speaks TLS sets it up without the head start). A guess: an option's value may read as a reference;
     * a --file list is judged by its first reference, and taken to name HTTPS registries when that cannot be read
     * here (stdin, a pipe). A wrong guess costs only time on the other core, or the head start.
     */
    static boolean likelyOverTls(String[] args) {
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--file") || arg.startsWith("--file=")) {
                String file = arg.equals("--file") ? (i + 1 < args.length ? args[++i] : "-") : arg.substring(7);
                // A batch's first request, which the others wait for, is the one that sets TLS up.
                if (ReferenceInput.firstOf(file).map(HeadStart::offLoopback).orElse(true)) {
                    return true;
                }
                continue;
            }
            if (!arg.startsWith("-") && offLoopback(arg)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a reference names an image on a registry off loopback; not for image files or non-references. */
    private static boolean offLoopback(String reference) {
        if (Sources.isArchive(reference)) {
            return false;
        }
        try {
            return !Loopback.isLoopbackRegistry(ImageReference.parse(reference).registry());
        } catch (InvalidReferenceException e) {
            return false; // Not a reference: an option's value, most likely.
        }
    }
}

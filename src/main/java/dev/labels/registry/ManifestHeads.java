package dev.labels.registry;

import dev.labels.cache.Notes;
import dev.labels.registry.transport.Deadline;
import dev.labels.registry.transport.HttpLog;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Whether a registry's answer to {@code HEAD} on a manifest tells the tag's digest. Most registries send it
 * ({@code Docker-Content-Digest}), and a cached tag then costs one HEAD, which Docker Hub does not count as a
 * pull. Some do not: older Nexus and some proxies and gateways refuse HEAD (405, or 404 while GET works),
 * Artifactory and registry.access.redhat.com may leave the header out (the OCI spec makes it optional), and a
 * HEAD answered as {@code application/octet-stream} is not a manifest answer. Against those a HEAD is a wasted
 * request before the GET that decides.
 *
 * <p>Learning that costs at most one wasted request per registry. The first HEAD to a registry not known either
 * way goes alone: the other images of a batch wait for its answer (within their own time limit). A registry
 * found of no use is remembered for the run and noted for a day, so later runs go straight to GET. Like the
 * other {@link Notes}, the note is a hint: a wrong one makes a tag cost one GET where one HEAD would have done,
 * the same number of requests and never a wrong answer, and it lapses after a day.
 */
final class ManifestHeads {
    /** As the other registry notes: a registry seldom changes, and a stale note costs at most a day of GETs. */
    static final Duration NOTE_LIFETIME = Duration.ofHours(24);
    static final String NOTE = "manifest-head-no-digest";

    private final Notes notes;
    private final Clock clock;
    private final boolean verbose;
    /** By registry: whether a HEAD told a digest (true) or not (false), as this run found or a note said. */
    private final Map<String, Boolean> known = new ConcurrentHashMap<>();
    /** By registry: the HEAD that is finding out, which the others wait for. */
    private final Map<String, CountDownLatch> finding = new ConcurrentHashMap<>();

    ManifestHeads(Notes notes, Clock clock, boolean verbose) {
        this.notes = notes;
        this.clock = clock;
        this.verbose = verbose;
    }

    /**
     * The turn of one cached tag of {@code registry}: whether to ask with HEAD, and where to report what the
     * answer showed. While another image's HEAD is finding out, waits for it (at most until {@code deadline}).
     * The caller must close the turn, whatever happened.
     */
    Turn turn(String registry, Deadline deadline) {
        while (true) {
            Boolean useful = known(registry);
            if (useful != null) {
                return new Turn(registry, useful, null);
            }
            CountDownLatch mine = new CountDownLatch(1);
            CountDownLatch first = finding.putIfAbsent(registry, mine);
            if (first == null) {
                return new Turn(registry, true, mine);
            }
            if (!waitFor(first, deadline)) {
                return new Turn(registry, true, null);
            }
        }
    }

    /** Whether HEAD is of use on a registry, or null when neither this run nor a fresh note says. */
    private Boolean known(String registry) {
        Boolean useful = known.get(registry);
        if (useful == null && noted(registry)) {
            known.putIfAbsent(registry, false);
            useful = false;
        }
        return useful;
    }

    private boolean noted(String registry) {
        long at = notes.get(NOTE, registry).map(text -> {
            try {
                return Long.parseLong(text.strip());
            } catch (NumberFormatException e) {
                return 0L;
            }
        }).orElse(0L);
        long now = clock.instant().getEpochSecond();
        return at > 0 && at <= now && now - at < NOTE_LIFETIME.toSeconds();
    }

    /** True once the finding HEAD is done; false when the deadline came first or the thread was interrupted. */
    private static boolean waitFor(CountDownLatch first, Deadline deadline) {
        try {
            return first.await(Math.max(1, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One cached tag's use of HEAD. */
    final class Turn implements AutoCloseable {
        private final String registry;
        private final boolean ask;
        /** Set for the HEAD that finds out for the others. */
        private final CountDownLatch finding;

        private Turn(String registry, boolean ask, CountDownLatch finding) {
            this.registry = registry;
            this.ask = ask;
            this.finding = finding;
        }

        /** Whether to ask with HEAD; when not, the GET alone decides. */
        boolean worthAsking() {
            return ask;
        }

        /** The HEAD told the digest; the images waiting for this answer go on at once. */
        void told() {
            known.put(registry, true);
            close();
        }

        /**
         * The HEAD told nothing, and the GET that followed succeeded: the registry refuses HEAD or sends no
         * digest with it. Not to be called when the GET failed too: a 404 to both means the tag is gone.
         */
        void toldNothing() {
            if (!Boolean.FALSE.equals(known.put(registry, false))) {
                notes.put(NOTE, registry, Long.toString(clock.instant().getEpochSecond()), false);
                if (verbose) {
                    HttpLog.debug("{} gives no digest for HEAD on a manifest; its tags are read with GET (noted for "
                            + "{} h)", registry, NOTE_LIFETIME.toHours());
                }
            }
            close();
        }

        /** Lets the images waiting for this turn's answer go on; idempotent. */
        @Override
        public void close() {
            if (finding != null) {
                ManifestHeads.this.finding.remove(registry, finding);
                finding.countDown();
            }
        }
    }
}

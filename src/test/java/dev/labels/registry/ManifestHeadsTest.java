package dev.labels.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.cache.Notes;
import dev.labels.registry.transport.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a run learns about manifest HEADs, what it notes for later runs, and how long a note holds. */
class ManifestHeadsTest {
    private static final String REGISTRY = "registry.example.com";
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    /** Notes in memory, as the disk cache keeps them. */
    private static final class MemoryNotes implements Notes {
        final Map<String, String> entries = new ConcurrentHashMap<>();

        @Override
        public Optional<String> get(String kind, String key) {
            return Optional.ofNullable(entries.get(kind + " " + key));
        }

        @Override
        public void put(String kind, String key, String value, boolean secret) {
            entries.put(kind + " " + key, value);
        }

        @Override
        public void remove(String kind, String key) {
            entries.remove(kind + " " + key);
        }

        @Override
        public String keyedHash(String secret) {
            return Notes.NONE.keyedHash(secret);
        }
    }

    private final MemoryNotes notes = new MemoryNotes();

    private ManifestHeads heads(Instant now) {
        return new ManifestHeads(notes, Clock.fixed(now, ZoneOffset.UTC), false);
    }

    private static Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(5));
    }

    private boolean asks(ManifestHeads heads) {
        try (ManifestHeads.Turn turn = heads.turn(REGISTRY, deadline())) {
            return turn.worthAsking();
        }
    }

    @Test
    void aRegistryFoundToTellNothingIsNotAskedAgainInTheRunNorForADayAfter() {
        ManifestHeads run = heads(NOW);
        try (ManifestHeads.Turn turn = run.turn(REGISTRY, deadline())) {
            assertTrue(turn.worthAsking(), "unknown: HEAD is tried");
            turn.toldNothing();
        }

        assertFalse(asks(run), "the rest of the run goes straight to GET");
        assertFalse(asks(heads(NOW.plus(Duration.ofHours(23)))), "so does a later run, through the note");
        assertTrue(asks(heads(NOW.plus(Duration.ofHours(24)))), "a day later the note has lapsed: HEAD again");
        assertTrue(asks(heads(NOW.minus(Duration.ofMinutes(1)))), "a note from the future is no note");
    }

    @Test
    void aRegistryWhoseHeadToldTheDigestIsNotNoted() {
        ManifestHeads run = heads(NOW);
        try (ManifestHeads.Turn turn = run.turn(REGISTRY, deadline())) {
            turn.told();
        }

        assertTrue(asks(run));
        assertTrue(notes.entries.isEmpty(), notes.entries.toString());
    }

    @Test
    void aNoteThatIsNotATimeIsIgnored() {
        notes.put(ManifestHeads.NOTE, REGISTRY, "yesterday", false);

        assertTrue(asks(heads(NOW)));
    }

    @Test
    void whileOneHeadFindsOutTheOthersWaitAndThenTakeItsAnswer() throws Exception {
        ManifestHeads run = heads(NOW);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            ManifestHeads.Turn first = run.turn(REGISTRY, deadline());
            CountDownLatch started = new CountDownLatch(1);
            Future<Boolean> second = pool.submit(() -> {
                started.countDown();
                return asks(run);
            });
            started.await();
            Thread.sleep(100);
            assertFalse(second.isDone(), "the second turn waits for the first HEAD's answer");

            first.toldNothing();
            first.close();

            assertFalse(second.get(5, TimeUnit.SECONDS), "and then goes straight to GET");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFirstHeadThatLearntNothingLetsTheNextOneFindOut() throws Exception {
        ManifestHeads run = heads(NOW);
        ManifestHeads.Turn gone = run.turn(REGISTRY, deadline());
        gone.close(); // the tag was gone: HEAD and GET both 404, nothing learnt

        try (ManifestHeads.Turn next = run.turn(REGISTRY, Deadline.after(Duration.ofMillis(200)))) {
            assertTrue(next.worthAsking());
        }
        assertEquals(Map.of(), notes.entries);
    }
}

package dev.labels.registry.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labels.error.LabelsException.Kind;
import dev.labels.registry.transport.Operation;
import dev.labels.registry.transport.RegistryException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestSlotsTest {
    private static final Operation READ = new Operation("reading manifest", "example.com/app:1");

    @Test
    void aWaitForASlotEndsWithTheImagesTimeAndSaysWhy() throws Exception {
        RequestSlots slots = RequestSlots.of(1);
        try (RequestSlots.Slot held = slots.take(READ, Deadline.after(Duration.ofSeconds(5)))) {
            long start = System.nanoTime();
            RegistryException error = assertThrows(RegistryException.class,
                    () -> slots.take(READ, Deadline.after(Duration.ofMillis(200))));
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertEquals(Kind.NETWORK, error.kind());
            assertTrue(error.getMessage().contains("--jobs") && error.getMessage().contains("--timeout"),
                    error.getMessage());
            assertTrue(waited >= 150 && waited < 2000, "waited " + waited + " ms for a 200 ms limit");
        }
    }

    @Test
    void aClosedSlotIsFreeForTheNextRequest() throws Exception {
        RequestSlots slots = RequestSlots.of(1);
        slots.take(READ, Deadline.after(Duration.ofSeconds(1))).close();
        try (RequestSlots.Slot again = slots.take(READ, Deadline.after(Duration.ofMillis(100)))) {
            assertTrue(again != null);
        }
    }

    @Test
    void unlimitedSlotsNeverWait() throws Exception {
        RequestSlots slots = RequestSlots.unlimited();
        for (int i = 0; i < 100; i++) {
            slots.take(READ, Deadline.after(Duration.ofMillis(1)));
        }
    }

    @Test
    void noSlotsAtAllIsABug() {
        assertThrows(IllegalArgumentException.class, () -> RequestSlots.of(0));
    }
}

package rwsweep.driver.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A pack's record writes: in order, off the training thread, all landed at finish, and a failure fails the task. */
class RecordWriterTest {
    @Test
    void writesRunInOrderOffTheCallingThreadAndFinishWaitsForAll() throws Exception {
        List<Integer> landed = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        try (RecordWriter records = new RecordWriter("test")) {
            records.submit("first", () -> {
                try {
                    assertTrue(release.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                landed.add(1);
            });
            for (int i = 2; i <= 5; i++) {
                int n = i;
                records.submit("record " + n, () -> landed.add(n));
            }
            // the first write is still waiting: submit did not wait for it, and nothing after it ran
            assertEquals(List.of(), landed);
            release.countDown();
            records.finish();
            assertEquals(List.of(1, 2, 3, 4, 5), landed);
        }
    }

    @Test
    void aFailedWriteFailsFinishAndTheNextSubmitAndNothingAfterItLands() throws Exception {
        List<Integer> landed = new CopyOnWriteArrayList<>();
        CountDownLatch queued = new CountDownLatch(1);
        try (RecordWriter records = new RecordWriter("test")) {
            records.submit("record 1", () -> landed.add(1));
            records.submit("recording 2 in pending", () -> {
                try {
                    assertTrue(queued.await(10, TimeUnit.SECONDS));   // fails only once record 3 is queued behind it
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                throw new IOException("disk full");
            });
            records.submit("record 3", () -> landed.add(3));
            queued.countDown();
            UncheckedIOException failure = assertThrows(UncheckedIOException.class, records::finish);
            assertEquals("recording 2 in pending", failure.getMessage());
            assertEquals("disk full", failure.getCause().getMessage());
            assertEquals(List.of(1), landed, "a write after the failed one is skipped: the retry trains it again");
            assertThrows(UncheckedIOException.class, () -> records.submit("record 4", () -> landed.add(4)));
            assertEquals(List.of(1), landed);
        }
    }
}

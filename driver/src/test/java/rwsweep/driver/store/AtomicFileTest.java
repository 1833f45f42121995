package rwsweep.driver.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Temp-then-rename writes through Hadoop's local file system, as executors make them. */
class AtomicFileTest {
    @TempDir
    Path tmp;

    private FileSystem fs() throws IOException {
        return FileSystem.getLocal(new Configuration());
    }

    private org.apache.hadoop.fs.Path target() {
        return new org.apache.hadoop.fs.Path(tmp.resolve("k.json").toUri());
    }

    private long visibleFiles() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(p -> !p.getFileName().toString().startsWith(".")).count();
        }
    }

    private long tempFiles() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
        }
    }

    /** A second attempt of a task (Spark retry, speculation) keeps the first record and says so. */
    @Test
    void aSecondAttemptDoesNotReplaceTheFirstRecord() throws IOException {
        assertTrue(AtomicFile.write(fs(), target(), "a1", out -> out.write("first\n".getBytes(StandardCharsets.UTF_8)), false));
        assertFalse(AtomicFile.write(fs(), target(), "a2", out -> out.write("second\n".getBytes(StandardCharsets.UTF_8)), false));
        assertEquals("first\n", Files.readString(tmp.resolve("k.json")));
        assertEquals(1, visibleFiles());
        assertEquals(0, tempFiles());
    }

    @Test
    void replacingWritesTheNewContents() throws IOException {
        AtomicFile.write(fs(), target(), "old");
        AtomicFile.write(fs(), target(), "new");
        assertEquals("new", Files.readString(tmp.resolve("k.json")));
        assertEquals(0, tempFiles());
    }

    /** A writer that dies half-way leaves no file under the target name and no temp file. */
    @Test
    void aFailedWriteLeavesNothingBehind() throws IOException {
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(fs(), target(), "a3", out -> {
            out.write("{\"key\":".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }, false));
        assertEquals("disk full", e.getMessage());
        assertFalse(Files.exists(tmp.resolve("k.json")));
        assertEquals(0, tempFiles());
    }
}

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
        assertTrue(AtomicFile.writeOnce(fs(), target(), "a1", out -> out.write("first\n".getBytes(StandardCharsets.UTF_8))));
        assertFalse(AtomicFile.writeOnce(fs(), target(), "a2", out -> out.write("second\n".getBytes(StandardCharsets.UTF_8))));
        assertEquals("first\n", Files.readString(tmp.resolve("k.json")));
        assertEquals(1, visibleFiles());
        assertEquals(0, tempFiles());
        assertFalse(Files.exists(tmp.resolve(".k.json.crc")), "a record gets no checksum file to be renamed apart from it");
    }

    /**
     * Replacing is one overwriting rename: the new contents, no temp file, and no checksum file
     * (an older rwsweep's stale one is removed, since it would not match the new data).
     */
    @Test
    void replacingWritesTheNewContentsInOneRename() throws IOException {
        StoreFileSystem files = StoreFileSystem.of(target(), new Configuration());
        try (var out = fs().create(target())) {
            out.write("old".getBytes(StandardCharsets.UTF_8)); // as an older rwsweep wrote it
        }
        assertTrue(Files.exists(tmp.resolve(".k.json.crc")), "Hadoop's local file system wrote a checksum file");
        AtomicFile.replace(files, target(), "new");
        assertEquals("new", Files.readString(tmp.resolve("k.json")));
        assertEquals("new", new String(fs().open(target()).readAllBytes(), StandardCharsets.UTF_8),
                "read back through Hadoop's checksumming file system without a checksum error");
        assertFalse(Files.exists(tmp.resolve(".k.json.crc")));
        assertEquals(0, tempFiles());
    }

    /** A replace whose writer fails keeps the old file whole. */
    @Test
    void aFailedReplaceKeepsTheOldFile() throws IOException {
        StoreFileSystem files = StoreFileSystem.of(target(), new Configuration());
        AtomicFile.replace(files, target(), "old");
        assertThrows(IOException.class, () -> AtomicFile.replace(files, target(), "w1", out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(tmp.resolve("k.json")));
        assertEquals(0, tempFiles());
    }

    /** A writer that dies half-way leaves no file under the target name and no temp file. */
    @Test
    void aFailedWriteLeavesNothingBehind() throws IOException {
        IOException e = assertThrows(IOException.class, () -> AtomicFile.writeOnce(fs(), target(), "a3", out -> {
            out.write("{\"key\":".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertFalse(Files.exists(tmp.resolve("k.json")));
        assertEquals(0, tempFiles());
    }
}

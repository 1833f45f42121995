package rwsweep.worker.data;

import java.io.IOException;

/**
 * A data file that cannot be read as the dataset it should be: missing, unreadable, empty, truncated
 * or malformed. The one exception type of every reader in this package; its message always starts
 * with the file, then says what is wrong and, where it helps, what was expected.
 */
public final class DataFileException extends IOException {
    private final String file;
    private final String problem;
    private final boolean tooLarge;

    public DataFileException(String file, String problem) {
        this(file, problem, false);
    }

    private DataFileException(String file, String problem, boolean tooLarge) {
        super(file + ": " + problem);
        this.file = file;
        this.problem = problem;
        this.tooLarge = tooLarge;
    }

    /** A file that is, or unpacks to, more bytes than the reader was allowed to take in (see {@link #tooLarge()}). */
    public static DataFileException tooLarge(String file, String problem) {
        return new DataFileException(file, problem, true);
    }

    public DataFileException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
        this.tooLarge = false;
    }

    /** The file (or classpath resource) as the caller named it. */
    public String file() { return file; }

    /** What is wrong with it, without the file name. */
    public String problem() { return problem; }

    /** True when the file holds more than the caller's limit: not damaged, too large for this reader's memory. */
    public boolean tooLarge() { return tooLarge; }
}

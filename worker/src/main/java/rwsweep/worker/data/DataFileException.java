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

    public DataFileException(String file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    public DataFileException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /** The file (or classpath resource) as the caller named it. */
    public String file() { return file; }

    /** What is wrong with it, without the file name. */
    public String problem() { return problem; }
}

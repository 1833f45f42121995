package rwsweep.driver.sweep;

/**
 * A mistake of the user's (a bad sweep file, an unwritable output directory, a results directory
 * of another sweep): the command line prints {@link #getMessage()} as one line — naming the file,
 * the field and what is allowed — and exits with {@link #EXIT_CODE}, without a stack trace.
 */
public final class UserError extends RuntimeException {
    /** Exit code for a user's mistake (picocli uses 2 for usage errors too). */
    public static final int EXIT_CODE = 2;

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}

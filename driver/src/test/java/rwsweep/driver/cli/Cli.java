package rwsweep.driver.cli;

import rwsweep.driver.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of {@link Main#execute}: exit code and what went to stdout and stderr. */
final class Cli {
    final int exitCode;
    final String out;
    final String err;

    private Cli(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Cli(code, out.toString(), err.toString());
    }
}

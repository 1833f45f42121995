package rwsweep.driver.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * DIR/runs.csv: one row per run of a sweep into the directory — when it started and finished (UTC,
 * ISO-8601), its wall time, the command line, the code version, how many trials the directory then held — so a
 * summary made later, on another machine, from the directory alone ({@code rwsweep summarize DIR})
 * still says when and how its results were made. Appended at the end of each run; a directory from
 * before this file has no rows, and the report says so.
 */
public final class RunLog {
    private RunLog() { }

    /** The file's name in the results directory. */
    static final String FILE = "runs.csv";

    static final List<String> COLUMNS = List.of("started", "finished", "seconds", "command", "code_version", "trials_done", "host");

    /**
     * One run: start and end (ISO-8601 UTC), wall seconds, command line, code version, the trials
     * (or walk points) the directory holds when it ended, the driver's host.
     */
    public record Run(String started, String finished, double seconds, String command, String codeVersion, int trialsDone,
                      String host) {
        List<String> cells() {
            return List.of(started, finished, Double.toString(seconds), command, codeVersion, Integer.toString(trialsDone), host);
        }

        /** A row of runs.csv; a row that does not read is reported by the caller, naming the file. */
        static Run of(List<String> cells) {
            if (cells.size() != COLUMNS.size()) throw new IllegalArgumentException(cells.size() + " cells, not " + COLUMNS.size());
            return new Run(cells.get(0), cells.get(1), Double.parseDouble(cells.get(2)), cells.get(3), cells.get(4),
                    Integer.parseInt(cells.get(5)), cells.get(6));
        }
    }

    /** The rows of runs.csv's text, oldest first. */
    static List<Run> parse(String text) throws IOException {
        List<List<String>> rows = CsvFile.rows(text);
        List<Run> runs = new ArrayList<>();
        for (List<String> row : rows.subList(Math.min(1, rows.size()), rows.size())) runs.add(Run.of(row));
        return runs;
    }

    /** runs.csv's text with {@code run} after {@code earlier}. */
    static String text(List<Run> earlier, Run run) {
        List<List<String>> rows = new ArrayList<>();
        for (Run r : earlier) rows.add(r.cells());
        rows.add(run.cells());
        return CsvFile.text(COLUMNS, rows);
    }
}

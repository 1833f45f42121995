package rwsweep.driver.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one CSV format: cells quoted exactly when they must be, and every cell read back as written. */
class CsvFileTest {
    private static final List<String> HEADER = List.of("key", "message", "value");

    /** Cells a FAILED trial's message or a panel label can hold, each in a row of its own. */
    private static final List<List<String>> ROWS = List.of(
            List.of("a", "plain", "1.5"),
            List.of("b", "IllegalArgumentException: p_lim = 10, depth 3", "NaN"),
            List.of("c", "a \"quoted\" word", "-Infinity"),
            List.of("d", "two\nlines", ""),
            List.of("e", "carriage\r\nreturn", "1.0E-5"),
            List.of("f", "  edge spaces  ", "0.0"),
            List.of("g", "", "λin/λout 0.01/0.1 — ≥ 32"));

    @Test
    void quotesExactlyTheCellsThatNeedIt() {
        assertEquals("key,message,value\n"
                + "a,plain,1.5\n"
                + "b,\"IllegalArgumentException: p_lim = 10, depth 3\",NaN\n"
                + "c,\"a \"\"quoted\"\" word\",-Infinity\n"
                + "d,\"two\nlines\",\n"
                + "e,\"carriage\r\nreturn\",1.0E-5\n"
                + "f,  edge spaces  ,0.0\n"
                + "g,,λin/λout 0.01/0.1 — ≥ 32\n", CsvFile.text(HEADER, ROWS));
    }

    @Test
    void everyCellReadsBackAsWritten() throws IOException {
        List<List<String>> back = CsvFile.rows(CsvFile.text(HEADER, ROWS));
        assertEquals(HEADER, back.get(0));
        assertEquals(ROWS, back.subList(1, back.size()));
    }

    @Test
    void aRowOfTheWrongWidthIsRefusedAndBrokenTextNamesItsLine() {
        assertThrows(IllegalArgumentException.class, () -> CsvFile.text(HEADER, List.of(List.of("a", "b"))));
        IOException e = assertThrows(IOException.class, () -> CsvFile.rows("key,message\na,b\nc,\"never closed\n"));
        assertTrue(e.getMessage().startsWith("line 3: not CSV"), e.getMessage());
    }
}

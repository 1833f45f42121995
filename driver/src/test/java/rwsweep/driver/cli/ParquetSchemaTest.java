package rwsweep.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rwsweep.driver.store.ResultColumns;
import rwsweep.driver.store.ResultStore;
import rwsweep.driver.store.StoreColumns;
import rwsweep.driver.store.StoreKind;
import rwsweep.worker.spec.TrialResult;

/**
 * results.parquet as a reader without Spark sees it — pandas and pyarrow map a Parquet file by its
 * schema, so that is what is checked, column by column, on the table a compaction writes (of the
 * format-1 fixture: four compacted trials and one pending record). Debian 12 packages no Python
 * Parquet engine (no python3-pyarrow or python3-fastparquet), so the reader here is Parquet's own
 * Java reader, without Spark: text is BINARY annotated STRING (a str column), numbers INT32, INT64
 * or DOUBLE without annotation (int32/int64/float64), arrays the three-level LIST of INT32 or DOUBLE
 * (a column of lists of numbers) — never text — and the row count is the store's trial count.
 */
class ParquetSchemaTest {
    @Test
    void compactionWritesStringsNumbersAndListsOfNumbers(@TempDir Path tmp) throws IOException {
        Path dir = OldStoreTest.fixture(tmp);
        try (ResultStore store = ResultStore.claim(dir.toString(), "fixture-v1", Files.readString(dir.resolve("sweep.yaml")),
                StoreKind.TRIALS, false, ResultStore.hadoopConf(Map.of()))) {
            store.compact();
        }
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(dir.resolve("results.parquet/part-00000.parquet").toUri());
        MessageType schema;
        long rows;
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(file, new Configuration()))) {
            schema = r.getFooter().getFileMetaData().getSchema();
            rows = r.getRecordCount();
        }
        List<StoreColumns.Column<ResultColumns.Stored>> columns = ResultColumns.TABLE.columns();
        assertEquals(columns.size(), schema.getFieldCount(), schema.toString());
        for (StoreColumns.Column<?> c : columns) {
            Type t = schema.getType(c.name());
            switch (c.kind()) {
                case STRING -> {
                    assertPrimitive(t, PrimitiveTypeName.BINARY);
                    assertEquals(LogicalTypeAnnotation.stringType(), t.getLogicalTypeAnnotation(), c.name());
                }
                case INT -> assertNumber(t, PrimitiveTypeName.INT32);
                case LONG -> assertNumber(t, PrimitiveTypeName.INT64);
                case DOUBLE -> assertNumber(t, PrimitiveTypeName.DOUBLE);
                case INTS -> assertList(t, PrimitiveTypeName.INT32);
                case DOUBLES -> assertList(t, PrimitiveTypeName.DOUBLE);
            }
        }

        ResultStore store = ResultStore.open(dir.toString());
        Map<String, TrialResult> stored = new HashMap<>();
        for (TrialResult r : store.results()) stored.put(r.key(), r);
        assertEquals(5, stored.size(), "four compacted trials and the pending one");
        assertEquals(stored.size(), rows, "one row per trial of the store");
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), file).build()) {
            int read = 0;
            for (Group g = reader.read(); g != null; g = reader.read(), read++) {
                TrialResult r = stored.get(g.getString("key", 0));
                assertEquals(r.spec().depth(), g.getInteger("depth", 0));
                assertEquals(r.minTrainError(), g.getDouble("minTrainError", 0));
                Group curve = g.getGroup("trainError", 0);
                double[] trainError = new double[curve.getFieldRepetitionCount("list")];
                for (int e = 0; e < trainError.length; e++) trainError[e] = curve.getGroup("list", e).getDouble("element", 0);
                assertTrue(Arrays.equals(r.trainError(), trainError), "trainError of " + r.key() + " as a list of doubles");
            }
            assertEquals(stored.size(), read);
        }
    }

    private static void assertPrimitive(Type t, PrimitiveTypeName type) {
        assertTrue(t.isPrimitive(), t + " is a primitive column");
        assertEquals(type, t.asPrimitiveType().getPrimitiveTypeName(), t.toString());
        assertEquals(Type.Repetition.OPTIONAL, t.getRepetition(), t + ": nullable, as Spark writes it");
    }

    private static void assertNumber(Type t, PrimitiveTypeName type) {
        assertPrimitive(t, type);
        assertNull(t.getLogicalTypeAnnotation(), t + ": a plain number, no annotation to read it as anything else");
    }

    /** optional group NAME (LIST) { repeated group list { optional TYPE element; } }: the standard three-level list. */
    private static void assertList(Type t, PrimitiveTypeName element) {
        assertTrue(!t.isPrimitive(), t + " is a list, not text");
        assertEquals(LogicalTypeAnnotation.listType(), t.getLogicalTypeAnnotation(), t.toString());
        GroupType list = t.asGroupType();
        assertEquals(1, list.getFieldCount(), t.toString());
        Type repeated = list.getType(0);
        assertEquals("list", repeated.getName(), t.toString());
        assertEquals(Type.Repetition.REPEATED, repeated.getRepetition(), t.toString());
        PrimitiveType item = repeated.asGroupType().getType("element").asPrimitiveType();
        assertEquals(element, item.getPrimitiveTypeName(), t.toString());
        assertNull(item.getLogicalTypeAnnotation(), t.toString());
    }
}

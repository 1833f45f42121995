package rwsweep.driver.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopStreams;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * A stored table (the trial table, {@link ResultColumns}, or the walk table, {@link WalkColumns})
 * as one Parquet file, written and read in the driver's memory with the Parquet
 * library Spark itself uses (parquet-hadoop) — no Spark job, no SparkSession.
 *
 * <p>The file has the schema Spark gives the same columns, so Spark, pandas/pyarrow and this class
 * read every file alike, whichever wrote it: every column optional; text as UTF-8 binary (STRING),
 * integers as int32/int64, doubles as double; arrays as three-level LISTs
 * ({@code optional group trainError (LIST) { repeated group list { optional double element; } }}),
 * which pyarrow reads as lists of numbers; Snappy pages, as Spark's default.
 */
final class ParquetTable {
    /** Spark's name for the root of the schema; kept so files written here and by Spark are alike. */
    private static final String ROOT = "spark_schema";
    /** The trial table's schema. */
    static final MessageType SCHEMA = schema(ResultColumns.TABLE);

    private ParquetTable() { }

    /** The Parquet schema of a table of these columns. */
    static MessageType schema(StoreColumns<?> table) {
        List<Type> fields = new ArrayList<>();
        for (StoreColumns.Column<?> c : table.columns()) {
            fields.add(switch (c.kind()) {
                case STRING -> Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c.name());
                case INT -> Types.optional(PrimitiveTypeName.INT32).named(c.name());
                case LONG -> Types.optional(PrimitiveTypeName.INT64).named(c.name());
                case DOUBLE -> Types.optional(PrimitiveTypeName.DOUBLE).named(c.name());
                case INTS -> Types.optionalList().optionalElement(PrimitiveTypeName.INT32).named(c.name());
                case DOUBLES -> Types.optionalList().optionalElement(PrimitiveTypeName.DOUBLE).named(c.name());
            });
        }
        return new MessageType(ROOT, fields);
    }

    /** Writes the trial-table {@code rows} in their order to a new file {@code path} (which must not exist). */
    static void write(FileSystem fs, Path path, List<TableRow> rows) throws IOException {
        write(fs, path, ResultColumns.TABLE, rows);
    }

    /** Writes {@code rows} of {@code table} in their order to a new file {@code path} (which must not exist). */
    static void write(FileSystem fs, Path path, StoreColumns<?> table, List<TableRow> rows) throws IOException {
        for (TableRow row : rows) {
            if (row.columns() != table) throw new IllegalArgumentException("a row of another table: " + row);
        }
        try (ParquetWriter<TableRow> writer = new Builder(new FsOutputFile(fs, path), table)
                .withConf(fs.getConf())
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withPageWriteChecksumEnabled(true)
                .build()) {
            for (TableRow row : rows) writer.write(row);
        }
    }

    /**
     * Every row of the file {@code path}. {@code columns}: the columns to read (the others stay
     * null), or null for all. A column of the table the file lacks (written by an older rwsweep)
     * stays null; a column of another type is an error, not a guess.
     *
     * @throws IOException when the file is not a whole, readable Parquet file of this table
     */
    static List<TableRow> read(Configuration conf, Path path, Set<String> columns) throws IOException {
        return read(conf, path, ResultColumns.TABLE, columns);
    }

    /** As {@link #read(Configuration, Path, Set)} for a file of {@code table}. */
    static List<TableRow> read(Configuration conf, Path path, StoreColumns<?> table, Set<String> columns) throws IOException {
        return read(path.getFileSystem(conf), conf, path, table, columns);
    }

    /** As {@link #read(Configuration, Path, StoreColumns, Set)}, the file read through {@code fs} (the store's own). */
    static List<TableRow> read(FileSystem fs, Configuration conf, Path path, StoreColumns<?> table, Set<String> columns) throws IOException {
        List<TableRow> out = new ArrayList<>();
        try (ParquetReader<TableRow> reader = new ReaderBuilder(new FsInputFile(fs, path), table, columns)
                .withConf(conf).usePageChecksumVerification(true).build()) {
            for (TableRow row = reader.read(); row != null; row = reader.read()) out.add(row);
        } catch (RuntimeException e) {
            // Parquet reports a damaged file in unchecked exceptions too (a bad page, a bad footer).
            throw new IOException(e.getMessage(), e);
        }
        return out;
    }

    private static final class Builder extends ParquetWriter.Builder<TableRow, Builder> {
        private final StoreColumns<?> table;

        Builder(OutputFile file, StoreColumns<?> table) {
            super(file);
            this.table = table;
        }

        @Override
        protected Builder self() { return this; }

        @Override
        protected WriteSupport<TableRow> getWriteSupport(Configuration conf) { return new RowWriteSupport(table); }
    }

    /** A Parquet input file on a Hadoop file system (HadoopInputFile would look the file system up again). */
    private record FsInputFile(FileSystem fs, Path path) implements org.apache.parquet.io.InputFile {
        @Override
        public long getLength() throws IOException { return fs.getFileStatus(path).getLen(); }

        @Override
        public org.apache.parquet.io.SeekableInputStream newStream() throws IOException { return HadoopStreams.wrap(fs.open(path)); }

        @Override
        public String toString() { return path.toString(); }
    }

    /** A Parquet output file on a Hadoop file system, created without overwriting. */
    private record FsOutputFile(FileSystem fs, Path path) implements OutputFile {
        @Override
        public PositionOutputStream create(long blockSizeHint) throws IOException {
            return HadoopStreams.wrap(fs.create(path, false));
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
            return HadoopStreams.wrap(fs.create(path, true));
        }

        @Override
        public boolean supportsBlockSize() { return false; }

        @Override
        public long defaultBlockSize() { return 0; }

        @Override
        public String getPath() { return path.toString(); }
    }

    private static final class RowWriteSupport extends WriteSupport<TableRow> {
        private final StoreColumns<?> table;
        private RecordConsumer out;

        RowWriteSupport(StoreColumns<?> table) { this.table = table; }

        @Override
        public WriteContext init(Configuration conf) { return new WriteContext(schema(table), Map.of()); }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) { this.out = recordConsumer; }

        @Override
        public void write(TableRow row) {
            out.startMessage();
            List<? extends StoreColumns.Column<?>> all = table.columns();
            for (int i = 0; i < all.size(); i++) {
                Object v = row.get(i);
                if (v == null) continue; // optional: a column the row's writer did not have
                String name = all.get(i).name();
                out.startField(name, i);
                switch (all.get(i).kind()) {
                    case STRING -> out.addBinary(Binary.fromString((String) v));
                    case INT -> out.addInteger((Integer) v);
                    case LONG -> out.addLong((Long) v);
                    case DOUBLE -> out.addDouble((Double) v);
                    case INTS -> {
                        int[] a = (int[]) v;
                        list(a.length, k -> out.addInteger(a[k]));
                    }
                    case DOUBLES -> {
                        double[] a = (double[]) v;
                        list(a.length, k -> out.addDouble(a[k]));
                    }
                }
                out.endField(name, i);
            }
            out.endMessage();
        }

        /** A three-level LIST: group { repeated group list { element } }; an empty list has no "list" field. */
        private void list(int n, java.util.function.IntConsumer element) {
            out.startGroup();
            if (n > 0) {
                out.startField("list", 0);
                for (int k = 0; k < n; k++) {
                    out.startGroup();
                    out.startField("element", 0);
                    element.accept(k);
                    out.endField("element", 0);
                    out.endGroup();
                }
                out.endField("list", 0);
            }
            out.endGroup();
        }
    }

    private static final class ReaderBuilder extends ParquetReader.Builder<TableRow> {
        private final StoreColumns<?> table;
        private final Set<String> columns;

        ReaderBuilder(org.apache.parquet.io.InputFile file, StoreColumns<?> table, Set<String> columns) {
            super(file);
            this.table = table;
            this.columns = columns;
        }

        @Override
        protected ReadSupport<TableRow> getReadSupport() { return new RowReadSupport(table, columns); }
    }

    private static final class RowReadSupport extends ReadSupport<TableRow> {
        private final StoreColumns<?> table;
        private final Set<String> columns;

        RowReadSupport(StoreColumns<?> table, Set<String> columns) {
            this.table = table;
            this.columns = columns;
        }

        /** Reads the file's fields that are columns of the table (and wanted); others are skipped. */
        @Override
        public ReadContext init(InitContext context) {
            List<Type> wanted = new ArrayList<>();
            for (Type field : context.getFileSchema().getFields()) {
                int i = table.index(field.getName());
                if (i < 0 || (columns != null && !columns.contains(field.getName()))) continue;
                StoreColumns.Kind kind = table.kind(i);
                if (!matches(field, kind)) {
                    throw new IllegalStateException("column " + field.getName() + " is " + field + ", not a "
                            + kind.name().toLowerCase(java.util.Locale.ROOT) + " column of the table");
                }
                wanted.add(field);
            }
            return new ReadContext(new MessageType(context.getFileSchema().getName(), wanted));
        }

        @Override
        public RecordMaterializer<TableRow> prepareForRead(Configuration conf, Map<String, String> metadata,
                                                           MessageType fileSchema, ReadContext context) {
            return new RowMaterializer(table, context.getRequestedSchema());
        }
    }

    /** Whether a file's field holds a column of this kind (three- or two-level lists both accepted). */
    private static boolean matches(Type field, StoreColumns.Kind kind) {
        return switch (kind) {
            case STRING -> field.isPrimitive() && field.asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.BINARY;
            case INT -> primitive(field, PrimitiveTypeName.INT32);
            case LONG -> primitive(field, PrimitiveTypeName.INT64);
            case DOUBLE -> primitive(field, PrimitiveTypeName.DOUBLE);
            case INTS -> element(field) != null && element(field).getPrimitiveTypeName() == PrimitiveTypeName.INT32;
            case DOUBLES -> element(field) != null && element(field).getPrimitiveTypeName() == PrimitiveTypeName.DOUBLE;
        };
    }

    private static boolean primitive(Type field, PrimitiveTypeName name) {
        return field.isPrimitive() && field.asPrimitiveType().getPrimitiveTypeName() == name
                && field.getRepetition() != Type.Repetition.REPEATED;
    }

    /** The element type of a LIST field: group { repeated group list { element } } or group { repeated element }. */
    private static org.apache.parquet.schema.PrimitiveType element(Type field) {
        if (field.isPrimitive() || field.asGroupType().getFieldCount() != 1) return null;
        Type repeated = field.asGroupType().getType(0);
        if (repeated.getRepetition() != Type.Repetition.REPEATED) return null;
        if (repeated.isPrimitive()) return repeated.asPrimitiveType();
        GroupType inner = repeated.asGroupType();
        return inner.getFieldCount() == 1 && inner.getType(0).isPrimitive() ? inner.getType(0).asPrimitiveType() : null;
    }

    /** Builds one {@link TableRow} per record; strings repeated across rows (host, blas, sweep) are shared. */
    private static final class RowMaterializer extends RecordMaterializer<TableRow> {
        private final StoreColumns<?> table;
        private final Root root;

        RowMaterializer(StoreColumns<?> table, MessageType requested) {
            this.table = table;
            root = new Root(table, requested);
        }

        @Override
        public TableRow getCurrentRecord() { return new TableRow(table, root.values); }

        @Override
        public GroupConverter getRootConverter() { return root; }
    }

    private static final class Root extends GroupConverter {
        private final StoreColumns<?> table;
        private final Converter[] fields;
        private final Map<String, String> strings = new HashMap<>();
        Object[] values;

        Root(StoreColumns<?> table, MessageType requested) {
            this.table = table;
            fields = new Converter[requested.getFieldCount()];
            for (int f = 0; f < fields.length; f++) {
                Type field = requested.getType(f);
                int column = table.index(field.getName());
                fields[f] = switch (table.kind(column)) {
                    case STRING -> new Text(column);
                    case INT, LONG, DOUBLE -> new Scalar(column);
                    case INTS -> new ListOf(field, column, false);
                    case DOUBLES -> new ListOf(field, column, true);
                };
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) { return fields[fieldIndex]; }

        @Override
        public void start() { values = new Object[table.size()]; }

        @Override
        public void end() { }

        private final class Text extends PrimitiveConverter {
            private final int column;
            private String[] dictionary;

            Text(int column) { this.column = column; }

            @Override
            public void addBinary(Binary value) { values[column] = strings.computeIfAbsent(value.toStringUsingUTF8(), s -> s); }

            @Override
            public boolean hasDictionarySupport() { return true; }

            @Override
            public void setDictionary(Dictionary d) {
                dictionary = new String[d.getMaxId() + 1];
                for (int id = 0; id <= d.getMaxId(); id++) {
                    dictionary[id] = strings.computeIfAbsent(d.decodeToBinary(id).toStringUsingUTF8(), s -> s);
                }
            }

            @Override
            public void addValueFromDictionary(int id) { values[column] = dictionary[id]; }
        }

        private final class Scalar extends PrimitiveConverter {
            private final int column;

            Scalar(int column) { this.column = column; }

            @Override
            public void addInt(int value) { values[column] = value; }

            @Override
            public void addLong(long value) { values[column] = value; }

            @Override
            public void addDouble(double value) { values[column] = value; }
        }

        /** A LIST column into an int[] or double[]; an empty group is an empty array. */
        private final class ListOf extends GroupConverter {
            private final int column;
            private final boolean doubles;
            private final Converter repeated;
            private int[] ints = new int[16];
            private double[] reals = new double[16];
            private int n;

            ListOf(Type field, int column, boolean doubles) {
                this.column = column;
                this.doubles = doubles;
                PrimitiveConverter element = new PrimitiveConverter() {
                    @Override
                    public void addInt(int value) {
                        if (n == ints.length) ints = java.util.Arrays.copyOf(ints, 2 * n);
                        ints[n++] = value;
                    }

                    @Override
                    public void addDouble(double value) {
                        if (n == reals.length) reals = java.util.Arrays.copyOf(reals, 2 * n);
                        reals[n++] = value;
                    }
                };
                Type inner = field.asGroupType().getType(0);
                repeated = inner.isPrimitive() ? element : new GroupConverter() {
                    @Override
                    public Converter getConverter(int fieldIndex) { return element; }

                    @Override
                    public void start() { }

                    @Override
                    public void end() { }
                };
            }

            @Override
            public Converter getConverter(int fieldIndex) { return repeated; }

            @Override
            public void start() { n = 0; }

            @Override
            public void end() {
                values[column] = doubles ? java.util.Arrays.copyOf(reals, n) : java.util.Arrays.copyOf(ints, n);
            }
        }
    }
}

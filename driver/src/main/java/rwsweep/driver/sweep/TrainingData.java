package rwsweep.driver.sweep;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import rwsweep.worker.data.DataFileException;
import rwsweep.worker.data.Dataset;
import rwsweep.worker.data.DenseFileReader;
import rwsweep.worker.data.FashionMnist;
import rwsweep.worker.data.IdxReader;
import rwsweep.worker.data.MnistSample;
import rwsweep.worker.data.Standardizer;

/**
 * Loads the training data a sweep names and standardises it: the first n examples (data.n), each
 * input dimension shifted and scaled to mean 0 and variance 1 with statistics fitted on exactly
 * those examples (paper.md, "Model"; the paper reports training error only, so there is no
 * other set to standardise). Every trial of the sweep reads this one Dataset, and its id is the
 * data part of every trial key — a hash of the values, so the same file gives the same keys
 * whether it is read from the local disk or from HDFS.
 *
 * <p>Files on another Hadoop file system ({@link DataPath.Remote}: hdfs://, s3a://) are read here,
 * in the driver, through Hadoop's FileSystem with the run's Hadoop settings; the executors get the
 * data by broadcast and never open a data file.
 */
public final class TrainingData {
    private TrainingData() { }

    /** As {@link #load(SweepFile, Configuration)} with Hadoop's defaults and site files. */
    public static Dataset load(SweepFile sweep) {
        return load(sweep, new Configuration());
    }

    /**
     * The standardised training set; a file that cannot be read is a UserError naming the sweep
     * file and its data key. {@code conf}: the Hadoop settings for data files given as URIs.
     */
    public static Dataset load(SweepFile sweep, Configuration conf) {
        DataSource source = sweep.data();
        Dataset raw;
        try {
            raw = switch (source.source()) {
                case MNIST_SAMPLE -> MnistSample.load();
                case FASHION_MNIST -> FashionMnist.train(FashionMnist.DEFAULT_DIR);
                case IDX -> source.images() instanceof DataPath.Local im && source.labels() instanceof DataPath.Local lb
                        ? IdxReader.read(im.path(), lb.path(), Limits.maxDataBytes())
                        : idx(sweep, source, conf);
                case CSV -> csv(sweep, source, conf);
                case LIBSVM -> source.file() instanceof DataPath.Local f
                        ? DenseFileReader.readLibsvm(f.path(), 0, Limits.maxDataBytes())
                        : DenseFileReader.readLibsvm(source.file().toString(), open(sweep, SweepKey.DATA_FILE, source.file(), conf));
            };
        } catch (DataFileException e) {
            throw new UserError(sweep.file() + ": " + SweepKey.DATA.key() + ": " + e.getMessage()
                    + (e.tooLarge() ? "; allowed: " + Limits.dataAllowed() : ""));
        }
        Dataset train = raw;
        if (source.n().isPresent()) {
            int n = source.n().getAsInt();
            if (n > raw.size()) {
                throw new UserError(sweep.file() + ": " + SweepKey.DATA_N.key() + ": got " + n + ", more than the "
                        + raw.size() + " examples in " + source.what() + "; allowed: " + SweepKey.DATA_N.allowed());
            }
            train = raw.head(n);
        }
        return Standardizer.fit(train).apply(train);
    }

    /** A CSV file, local or on another file system, its label given by header name or by index. */
    private static Dataset csv(SweepFile sweep, DataSource source, Configuration conf) throws DataFileException {
        if (source.file() instanceof DataPath.Local f) {
            return source.labelName().isPresent() ? DenseFileReader.readCsv(f.path(), source.labelName().get(), Limits.maxDataBytes())
                    : DenseFileReader.readCsv(f.path(), source.labelIndex(), Limits.maxDataBytes());
        }
        String where = source.file().toString();
        InputStream in = open(sweep, SweepKey.DATA_FILE, source.file(), conf);
        return source.labelName().isPresent() ? DenseFileReader.readCsv(where, in, source.labelName().get())
                : DenseFileReader.readCsv(where, in, source.labelIndex());
    }

    /** IDX files of which one or both are on another file system. */
    private static Dataset idx(SweepFile sweep, DataSource source, Configuration conf) throws DataFileException {
        InputStream images = open(sweep, SweepKey.DATA_IMAGES, source.images(), conf);
        InputStream labels;
        try {
            labels = open(sweep, SweepKey.DATA_LABELS, source.labels(), conf);
        } catch (UserError e) {
            try {
                images.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return IdxReader.read(source.images().toString(), images, source.labels().toString(), labels);
    }

    /**
     * A data file's bytes: a local one from the disk, any other through its Hadoop file system. A
     * file that is missing, a directory, or on a file system that cannot be reached or is not
     * configured is one line naming the sweep file, the key and the URI.
     */
    private static InputStream open(SweepFile sweep, SweepKey key, DataPath path, Configuration conf) {
        try {
            if (path instanceof DataPath.Local local) return Files.newInputStream(local.path());
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(((DataPath.Remote) path).uri());
            FileSystem fs = p.getFileSystem(conf);
            FileStatus st = fs.getFileStatus(p);
            if (st.isDirectory()) throw error(sweep, key, "cannot read " + path + ": it is a directory, not a file");
            return fs.open(p);
        } catch (FileNotFoundException | NoSuchFileException e) {
            throw error(sweep, key, "no file " + path);
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s*\\R\\s*", " ");
            throw error(sweep, key, "cannot read " + path + " (" + why + ")");
        }
    }

    private static UserError error(SweepFile sweep, SweepKey key, String problem) {
        return new UserError(sweep.file() + ": " + key.key() + ": " + problem + "; allowed: " + key.allowed());
    }
}

package rwsweep.driver.sweep;

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
 * data part of every trial key.
 */
public final class TrainingData {
    private TrainingData() { }

    /** The standardised training set; a file that cannot be read is a UserError naming the sweep file and its data key. */
    public static Dataset load(SweepFile sweep) {
        DataSource source = sweep.data();
        Dataset raw;
        try {
            raw = switch (source.source()) {
                case MNIST_SAMPLE -> MnistSample.load();
                case FASHION_MNIST -> FashionMnist.train(FashionMnist.DEFAULT_DIR);
                case IDX -> IdxReader.read(source.images(), source.labels(), Limits.maxDataBytes());
                case CSV -> DenseFileReader.readCsv(source.file(), source.labelColumn(), Limits.maxDataBytes());
                case LIBSVM -> DenseFileReader.readLibsvm(source.file(), 0, Limits.maxDataBytes());
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
}

package rwsweep.worker.spec;

import rwsweep.worker.Activation;
import rwsweep.worker.Blas;
import rwsweep.worker.Trainer;
import java.net.InetAddress;

/**
 * Where a result came from. Results differ across BLAS backends and CPU kernels, so every result
 * records them (shared/platform.md): the BLAS class in use, OPENBLAS_CORETYPE, host, JVM, OS and
 * the code version.
 */
public final class Provenance {
    private final String blasBackend;
    private final String coreType;
    private final String tanhPath;
    private final String host;
    private final String jvm;
    private final String os;
    private final String codeVersion;

    public Provenance(String blasBackend, String coreType, String tanhPath, String host, String jvm, String os, String codeVersion) {
        this.blasBackend = blasBackend;
        this.coreType = coreType;
        this.tanhPath = tanhPath;
        this.host = host;
        this.jvm = jvm;
        this.os = os;
        this.codeVersion = codeVersion;
    }

    /** The provenance of this JVM with the BLAS backend {@link Blas#resolve()} picks. */
    public static Provenance here() {
        return here(Blas.resolve().getClass().getSimpleName());
    }

    /**
     * The provenance of a computation in plain double-precision Java that calls neither BLAS nor
     * the vector tanh (the random-walk simulations): backend and core type "none", tanh "exact"
     * ({@code Math.tanh}).
     */
    public static Provenance plainJava() {
        return new Provenance("none", "none", "exact", HOST,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                codeVersionOf(Provenance.class));
    }

    public static Provenance here(String blasBackend) {
        return new Provenance(blasBackend, Blas.coreType(), Activation.tanhPath(), HOST,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                codeVersionOf(Provenance.class));
    }

    /** Implementation-Version from the jar manifest, else "dev" (classes run from target/classes). */
    public static String codeVersionOf(Class<?> type) {
        String v = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
        return (v == null ? "dev" : v) + "+numerics" + Trainer.NUMERICS_VERSION;
    }

    private static final String HOST = hostName();

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }

    public String blasBackend() { return blasBackend; }
    /** OPENBLAS_CORETYPE as set in the environment, or "auto" when OpenBLAS chose by itself. */
    public String coreType() { return coreType; }
    /** "vector" (the Vector API rational approximation) or "exact" ({@code Math.tanh}): they differ in the last bits. */
    public String tanhPath() { return tanhPath; }
    public String host() { return host; }
    public String jvm() { return jvm; }
    public String os() { return os; }
    public String codeVersion() { return codeVersion; }

    @Override
    public String toString() {
        return "blas=" + blasBackend + " coretype=" + coreType + " tanh=" + tanhPath + " host=" + host + " jvm=" + jvm + " os=" + os + " code=" + codeVersion;
    }
}

package rwsweep.worker;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place that picks the BLAS backend, and the dimension-checked {@code sgemm} every matrix
 * product goes through.
 *
 * <p>netlib tries native first (the JNI stub dlopens {@code libblas.so.3}: OpenBLAS after
 * {@code apt-get install libopenblas0-pthread}), then VectorBLAS (needs
 * {@code --add-modules=jdk.incubator.vector}), then plain Java. A wrong leading dimension in BLAS is
 * a silent wrong answer, never an exception, so {@link #sgemm} checks every operand's extent first.
 */
public final class Blas {
    private static volatile boolean logged;

    private Blas() { }

    /** The backend netlib picks for this JVM; its class name is logged once (it is provenance). */
    public static BLAS resolve() {
        BLAS blas = BLAS.getInstance();
        if (!logged) {
            logged = true;
            System.getLogger("rwsweep.worker.Blas").log(System.Logger.Level.INFO,
                    "BLAS backend " + blas.getClass().getSimpleName() + ", OPENBLAS_CORETYPE=" + coreType());
        }
        return blas;
    }

    /** Native BLAS (OpenBLAS) when libblas.so.3 loads, else empty. */
    public static Optional<BLAS> nativeBackend() {
        try {
            return Optional.of(NativeBLAS.getInstance());
        } catch (Throwable notAvailable) {
            return Optional.empty();
        }
    }

    /** The pure-Java backend: VectorBLAS with the vector module, else Java11BLAS. */
    public static BLAS javaBackend() {
        return JavaBLAS.getInstance();
    }

    /** Every backend available here, native first: for tests that must hold on each. */
    public static List<BLAS> available() {
        List<BLAS> all = new ArrayList<>();
        nativeBackend().ifPresent(all::add);
        all.add(javaBackend());
        return all;
    }

    /**
     * OPENBLAS_CORETYPE from the environment (it pins OpenBLAS's kernels), or "auto" when OpenBLAS
     * chose by itself — then "auto:NAME" if a launcher probed the choice (OPENBLAS_VERBOSE=2 prints
     * it at load) and passed it as {@code -Drwsweep.openblas.core=NAME}.
     */
    public static String coreType() {
        String v = System.getenv("OPENBLAS_CORETYPE");
        if (v != null && !v.isBlank()) return v;
        String probed = System.getProperty("rwsweep.openblas.core", "");
        return probed.isBlank() ? "auto" : "auto:" + probed;
    }

    /**
     * C := alpha·op(A)·op(B) + beta·C, all column-major; op(A) is (m × k), op(B) is (k × n), C is (m × n).
     * Checks that every operand fits its array before calling BLAS.
     */
    public static void sgemm(BLAS blas, boolean transA, boolean transB, int m, int n, int k,
                             float alpha, float[] a, int offA, int lda,
                             float[] b, int offB, int ldb,
                             float beta, float[] c, int offC, int ldc) {
        int aRows = transA ? k : m, aCols = transA ? m : k;
        int bRows = transB ? n : k, bCols = transB ? k : n;
        checkOperand("A", a, offA, lda, aRows, aCols);
        checkOperand("B", b, offB, ldb, bRows, bCols);
        checkOperand("C", c, offC, ldc, m, n);
        blas.sgemm(transA ? "T" : "N", transB ? "T" : "N", m, n, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc);
    }

    private static void checkOperand(String name, float[] array, int offset, int ld, int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException(name + " has negative shape " + rows + "×" + cols);
        }
        if (ld < Math.max(1, rows)) {
            throw new IllegalArgumentException("leading dimension of " + name + " is " + ld + " < rows " + rows);
        }
        if (rows == 0 || cols == 0) return;
        long last = (long) offset + (long) ld * (cols - 1) + rows;
        if (offset < 0 || last > array.length) {
            throw new IllegalArgumentException(name + " (" + rows + "×" + cols + ", ld " + ld + ", offset " + offset
                    + ") reaches element " + last + " of an array of " + array.length);
        }
    }
}

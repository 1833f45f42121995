package rwsweep.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ludovic.netlib.blas.BLAS;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The backend choice and the checked sgemm wrapper. */
class BlasTest {
    @Test
    void nativeOpenBlasLoadsWhereItIsInstalled() {
        // CI installs libopenblas0-pthread, so libblas.so.3 is OpenBLAS and the native path must be
        // what the other tests exercise; without this a missing library would silently test Java only.
        boolean installed = Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libblas.so.3"))
                || Files.exists(Path.of("/usr/lib/aarch64-linux-gnu/libblas.so.3"));
        assertEquals(installed, Blas.nativeBackend().isPresent(), "libblas.so.3 installed: " + installed);
        assertEquals(installed ? 2 : 1, Blas.available().size());
    }

    @Test
    void sgemmComputesTheProductOnEveryBackend() {
        // (2×3)·(3×2), column-major; hand-computed: [[1,2,3],[4,5,6]]·[[1,0],[0,1],[1,1]] = [[4,5],[10,11]]
        float[] a = {1, 4, 2, 5, 3, 6};
        float[] b = {1, 0, 1, 0, 1, 1};
        for (BLAS blas : Blas.available()) {
            float[] c = new float[4];
            Blas.sgemm(blas, false, false, 2, 2, 3, 1f, a, 0, 2, b, 0, 3, 0f, c, 0, 2);
            assertArrayEquals(new float[] {4, 10, 5, 11}, c, blas.getClass().getSimpleName());
        }
    }

    @Test
    void operandsThatDoNotFitTheirArrayAreRefusedBeforeBlasRuns() {
        BLAS blas = Blas.javaBackend();
        float[] a = new float[6], b = new float[6], c = new float[4];
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> Blas.sgemm(blas, false, false, 2, 2, 3, 1f, a, 1, 2, b, 0, 3, 0f, c, 0, 2));
        assertTrue(tooShort.getMessage().startsWith("A (2×3, ld 2, offset 1) reaches element 7"), tooShort.getMessage());
        IllegalArgumentException badLd = assertThrows(IllegalArgumentException.class,
                () -> Blas.sgemm(blas, false, false, 2, 2, 3, 1f, a, 0, 1, b, 0, 3, 0f, c, 0, 2));
        assertTrue(badLd.getMessage().contains("leading dimension of A is 1 < rows 2"), badLd.getMessage());
        // Transposed A: op(A) is (2×3), so A itself is (3×2) with ld ≥ 3.
        assertThrows(IllegalArgumentException.class,
                () -> Blas.sgemm(blas, true, false, 2, 2, 3, 1f, a, 0, 2, b, 0, 3, 0f, c, 0, 2));
    }
}

package rwsweep.worker;

/**
 * Whether the {@code jdk.incubator.vector} module is loaded (the project's JVM flags add it): the
 * one test behind every choice between a Vector API kernel and its scalar twin. Each pair gives
 * the same bits, so this decides speed, never results.
 */
final class VectorModule {
    static final boolean LOADED = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private VectorModule() { }
}

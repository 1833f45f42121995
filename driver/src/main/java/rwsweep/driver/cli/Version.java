package rwsweep.driver.cli;

import picocli.CommandLine;
import rwsweep.worker.spec.Provenance;

/** The code version from the jar manifest (or "dev") and the numerics version every trial key includes. */
public final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"rwsweep " + Provenance.codeVersionOf(Version.class)};
    }
}

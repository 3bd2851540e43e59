package org.snn4j.cli;

import java.util.ServiceLoader;
import org.snn4j.reservoir.Comparison;

/**
 * Runs studies beyond this process: provided by the snn4j-spark module (found with {@link
 * ServiceLoader}), so that the command line does not depend on Spark.
 */
public interface DistributedRunner {
    /** A runner of the reservoir comparison's runs on the cluster {@code master} (local[*], spark://...). */
    Comparison.Runner comparison(String master);

    /** The runner on the class path, or a clear error when the snn4j-spark module is not there. */
    static DistributedRunner find() {
        return ServiceLoader.load(DistributedRunner.class).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "--spark: the snn4j-spark module is not on the class path; run through ./snn4j, which adds it when"
                        + " --spark is given, or java -cp with snn4j-spark's jar and Spark"));
    }
}

package org.snn4j.spark;

import java.io.Serializable;
import java.util.Map;
import java.util.Set;

/**
 * A kind of sweep task: a pure function from its options (numbers, text, flags) and a seed to a
 * result row, so that any process computes the same row for the same configuration.
 */
public interface Job extends Serializable {
    /** The job's name in a spec. */
    String name();

    /** Its options with their defaults; a default's type (Long, Double, Boolean, String) is the option's. */
    Map<String, Object> options();

    /**
     * Whether the job also takes this option, which has no default (the run job's {@code set.PATH}
     * values for the network file); its values may be numbers, text or flags.
     */
    default boolean takesExtra(String name) {
        return false;
    }

    /**
     * Refuses a configuration before any task runs (an option that does not apply, a value out of
     * range); {@code given} are the options the spec names (the others hold their defaults).
     */
    default void check(Map<String, Object> options, Set<String> given) {
    }

    /** Computes the row of one task: named values, numbers first (the summary averages those). */
    Map<String, Object> run(Map<String, Object> options, long seed) throws Exception;
}

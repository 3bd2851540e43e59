package org.snn4j.engine;

import org.snn4j.model.Check;

/** What an engine records during a run: spikes, state traces, or population spike counts per step. */
public sealed interface Monitor permits Monitor.Spikes, Monitor.States, Monitor.Rates {

    /** Spikes of every neuron of every population and source. */
    static Spikes allSpikes() {
        return new Spikes(null, null);
    }

    /** Spikes of every neuron of one population or source. */
    static Spikes spikes(String population) {
        return new Spikes(Check.name("population", population), null);
    }

    /** Spikes of the given neurons of one population or source. */
    static Spikes spikes(String population, int... neurons) {
        return new Spikes(Check.name("population", population), Check.notNull("neurons", neurons).clone());
    }

    /** A state variable of the given neurons of a population, after every step. */
    static States states(String population, StateVariable variable, int... neurons) {
        return new States(Check.name("population", population), Check.notNull("variable", variable),
                Check.notNull("neurons", neurons).clone());
    }

    /** The number of spikes of a population in every step (its rate is count / (size dt)). */
    static Rates rate(String population) {
        return new Rates(Check.name("population", population));
    }

    /** @param population null for all; @param neurons null for all */
    record Spikes(String population, int[] neurons) implements Monitor {
    }

    record States(String population, StateVariable variable, int[] neurons) implements Monitor {
    }

    record Rates(String population) implements Monitor {
    }
}

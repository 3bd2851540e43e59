package org.snn4j.engine;

import java.util.Map;

/** What an engine recorded since it was made, and what it cost. A snapshot: later runs do not change it. */
public final class RunResult {
    private final double dtSeconds;
    private final Map<String, SpikeTrain> spikes;
    private final Map<String, StateTrace[]> states;
    private final Map<String, PopulationRate> rates;
    private final Cost cost;

    RunResult(double dtSeconds, Map<String, SpikeTrain> spikes, Map<String, StateTrace[]> states,
            Map<String, PopulationRate> rates, Cost cost) {
        this.dtSeconds = dtSeconds;
        this.spikes = spikes;
        this.states = states;
        this.rates = rates;
        this.cost = cost;
    }

    public double dtSeconds() {
        return dtSeconds;
    }

    public Cost cost() {
        return cost;
    }

    /** Recorded spikes of a population or source; fails if none were recorded. */
    public SpikeTrain spikes(String population) {
        SpikeTrain t = spikes.get(population);
        if (t == null) {
            throw new IllegalArgumentException("spikes of '" + population + "': not recorded (recorded: "
                    + spikes.keySet() + ")");
        }
        return t;
    }

    /** Every recorded spike train, by population or source name. */
    public Map<String, SpikeTrain> spikeTrains() {
        return java.util.Collections.unmodifiableMap(spikes);
    }

    /** The recorded trace of a state variable of a population; fails if it was not recorded. */
    public StateTrace state(String population, StateVariable variable) {
        StateTrace[] traces = states.get(population);
        if (traces != null) {
            for (StateTrace t : traces) {
                if (t.variable().equals(variable)) {
                    return t;
                }
            }
        }
        throw new IllegalArgumentException("state " + variable.name() + " of '" + population + "': not recorded");
    }

    public PopulationRate rate(String population) {
        PopulationRate r = rates.get(population);
        if (r == null) {
            throw new IllegalArgumentException("rate of '" + population + "': not recorded (recorded: "
                    + rates.keySet() + ")");
        }
        return r;
    }
}

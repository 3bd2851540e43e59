package org.snn4j.engine;

import java.util.ArrayList;
import java.util.List;
import org.snn4j.model.Check;
import org.snn4j.model.Network;

/**
 * What both engines share: their configuration (delay capacity, seed, monitors, early decision),
 * checked once and frozen by the first run, the step and cycle counters, the output tally and the
 * stop rule. {@code E} is the engine's own type, so that configuration calls chain on it.
 */
public abstract class EngineBase<E extends EngineBase<E>> implements Engine {
    final Network network;
    final double dtSeconds;
    final List<Monitor> monitors = new ArrayList<>();
    int delayCapacity = -1;
    long seed;
    boolean started;
    /** Steps run so far; the last one completed. */
    long step;
    // early decision
    String outputName;
    int extraCycles;
    long maxCycles;
    /** The output population's index (-1 without one) and its tally, set up by {@link #startDecision}. */
    int output = -1;
    OutputTally tally;
    /** Processing cycles under synchronous execution: populations that spiked in a step. */
    long layerCycles;
    boolean stopped;
    double buildSeconds;
    double loopSeconds;

    EngineBase(Network network, double dtSeconds) {
        this.network = Check.notNull("network", network);
        this.dtSeconds = Check.positive("dtSeconds", dtSeconds);
        this.seed = network.seed();
    }

    @SuppressWarnings("unchecked")
    private E self() {
        return (E) this;
    }

    @Override
    public E delayCapacity(int steps) {
        requireNotStarted("delayCapacity");
        delayCapacity = Check.nonNegative("delayCapacity", steps);
        return self();
    }

    @Override
    public E seed(long seed) {
        requireNotStarted("seed");
        this.seed = seed;
        return self();
    }

    @Override
    public E record(Monitor monitor) {
        requireNotStarted("record");
        monitors.add(Check.notNull("monitor", monitor));
        return self();
    }

    @Override
    public E earlyDecision(String outputPopulation, int extraCycles) {
        requireNotStarted("earlyDecision");
        if (network.populationIndex(Check.name("output population", outputPopulation)) < 0) {
            throw new IllegalArgumentException("output population '" + outputPopulation + "': no such population");
        }
        outputName = outputPopulation;
        this.extraCycles = Check.nonNegative("extraCycles", extraCycles);
        return self();
    }

    @Override
    public E stopAfterCycles(long cycles) {
        requireNotStarted("stopAfterCycles");
        if (cycles < 1) {
            throw new IllegalArgumentException("cycles " + cycles + ": must be >= 1");
        }
        maxCycles = cycles;
        return self();
    }

    @Override
    public double dtSeconds() {
        return dtSeconds;
    }

    @Override
    public long steps() {
        return step;
    }

    @Override
    public long cycles() {
        return layerCycles;
    }

    @Override
    public Decision decision() {
        if (outputName == null) {
            throw new IllegalStateException("decision: no output population; call earlyDecision(population, cycles)"
                    + " before the run");
        }
        return new Decision(tally == null ? -1 : tally.decision(), cycles(), step, stopped);
    }

    final void requireNotStarted(String what) {
        if (started) {
            throw new IllegalStateException(what + ": the engine has already run; configure it before the first run");
        }
    }

    final void requireSteps(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps " + steps + ": must be >= 0");
        }
        if (steps > MAX_STEPS - step) {
            throw new IllegalArgumentException("steps " + steps + ": an engine runs at most " + MAX_STEPS + " steps in all");
        }
        // traces and rates grow by a fixed amount per step: refuse a run whose records cannot fit
        double samplesPerStep = 0;
        for (Monitor m : monitors) {
            if (m instanceof Monitor.States st) {
                samplesPerStep += st.neurons().length;
            } else if (m instanceof Monitor.Rates) {
                samplesPerStep += 1;
            }
        }
        org.snn4j.model.MemoryCheck.require("recording " + (long) samplesPerStep + " values a step for "
                + (step + steps) + " steps", 4 * samplesPerStep * (step + steps) * 1.5);
    }

    /** Sets up the output tally (at the first run, once populations are known). */
    final void startDecision() {
        if (outputName != null) {
            output = network.populationIndex(outputName);
            tally = new OutputTally(network.populations().get(output).size());
        }
    }

    /**
     * Synchronous execution: population {@code p} emitted {@code count} spikes (ascending, in
     * {@code spikes}) this step, one processing cycle if any; returns whether the run stops now.
     */
    final boolean layerSpiked(int p, int[] spikes, int count) {
        if (count == 0) {
            return false;
        }
        layerCycles++;
        if (p == output) {
            for (int s = 0; s < count; s++) {
                tally.spike(spikes[s], layerCycles);
            }
        }
        return shouldStop();
    }

    /** Whether the early decision (or the cycle limit) ends the run now. */
    final boolean shouldStop() {
        long c = cycles();
        return (tally != null && tally.firstCycle() >= 0 && c >= tally.firstCycle() + extraCycles)
                || (maxCycles > 0 && c >= maxCycles);
    }
}

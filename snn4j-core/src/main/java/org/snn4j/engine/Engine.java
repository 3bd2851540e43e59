package org.snn4j.engine;

import org.snn4j.model.Check;

/**
 * A simulation engine made from a network specification ({@link Engines}): configured before its
 * first run, then run for a while and continued from where it stopped. Both engines implement it,
 * so a caller runs either without knowing which: the clock-driven one ({@link ClockEngine}) and the
 * event-driven one ({@link EventEngine}), which with its default synchronous schedule gives bitwise
 * the clock engine's spikes, decisions and counts of spikes and SynOps.
 */
public interface Engine {
    /** Largest delay in steps the ring buffers hold (default: the network's largest delay). */
    Engine delayCapacity(int steps);

    /** Seed of the engine's random streams (Poisson sources, the schedule's draws); default: the network's. */
    Engine seed(long seed);

    /** Records spikes, population rates or state variables; several monitors add up. */
    Engine record(Monitor monitor);

    /**
     * Decides by the output population: {@link #decision()} names the output neuron with the most
     * spikes (ties to the first to spike), and the run stops {@code extraCycles} processing cycles
     * after the first output spike (one cycle per population that spiked in a step under synchronous
     * execution, a group of spikes under an asynchronous schedule).
     */
    Engine earlyDecision(String outputPopulation, int extraCycles);

    /** Stops the run after this many processing cycles, whatever the output did. */
    Engine stopAfterCycles(long cycles);

    double dtSeconds();

    /** Advances {@code steps} steps (or until an early decision stops it); returns everything recorded so far. */
    RunResult runSteps(long steps, ProgressListener progress);

    default RunResult runSteps(long steps) {
        return runSteps(steps, ProgressListener.NONE);
    }

    /** Advances round(durationSeconds / dt) steps. */
    default RunResult run(double durationSeconds, ProgressListener progress) {
        Check.nonNegative("durationSeconds", durationSeconds);
        return runSteps(Math.round(durationSeconds / dtSeconds()), progress);
    }

    default RunResult run(double durationSeconds) {
        return run(durationSeconds, ProgressListener.NONE);
    }

    /** Steps run so far. */
    long steps();

    /** Processing cycles so far (see {@link #earlyDecision}). */
    long cycles();

    /** The decision so far; needs an output population ({@link #earlyDecision}). */
    Decision decision();
}

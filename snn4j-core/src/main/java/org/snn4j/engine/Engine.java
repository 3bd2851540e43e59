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
    /** The most steps an engine runs in all (steps are counted and recorded as 32-bit integers). */
    long MAX_STEPS = Integer.MAX_VALUE;

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

    /**
     * Advances round(durationSeconds / dt) steps. A duration shorter than half a step (no step at all),
     * or one that would take the engine past {@link #MAX_STEPS} steps, is refused.
     */
    default RunResult run(double durationSeconds, ProgressListener progress) {
        Check.nonNegative("durationSeconds", durationSeconds);
        double steps = Math.floor(durationSeconds / dtSeconds() + 0.5); // Math.round, without its long overflow
        if (durationSeconds > 0 && steps == 0) {
            throw new IllegalArgumentException("duration " + durationSeconds + " s: shorter than half a step (dt "
                    + dtSeconds() + " s), the run would have no step");
        }
        if (steps > MAX_STEPS - steps()) {
            throw new IllegalArgumentException("duration " + durationSeconds + " s at dt " + dtSeconds() + " s: "
                    + String.format(java.util.Locale.ROOT, "%.3g", steps) + " steps; an engine runs at most " + MAX_STEPS
                    + " steps (raise dt or shorten the run)");
        }
        return runSteps((long) steps, progress);
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

package org.snn4j.train;

import org.snn4j.data.SpikeRaster;

/**
 * A two-class temporal task that needs delays: two input neurons each spike once, {@code gap} steps
 * apart; the class is which one spikes first (0: neuron 0 first). The onset is random. With a gap
 * longer than the membrane remembers, a network without delays sees the same two isolated inputs in
 * both classes; a delay of about {@code gap} on the first input makes them coincide for one order only.
 */
public final class DelayTask implements Samples {
    private final int count;
    private final int steps;
    private final int gap;
    private final long seed;

    public DelayTask(int count, int steps, int gap, long seed) {
        if (gap < 1 || gap >= steps) {
            throw new IllegalArgumentException("gap " + gap + ": must be in 1.." + (steps - 1));
        }
        if (count < 1) {
            throw new IllegalArgumentException("count " + count + ": must be >= 1");
        }
        this.count = count;
        this.steps = steps;
        this.gap = gap;
        this.seed = seed;
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public int inputs() {
        return 2;
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public int classes() {
        return 2;
    }

    @Override
    public int label(int i) {
        return (int) (hash(i) >>> 63);
    }

    /** The step (0-based) of the first input spike of sample i. */
    public int onset(int i) {
        return (int) ((hash(i) & 0x7fffffffL) % (steps - gap));
    }

    private long hash(int i) {
        long z = seed * 0x9E3779B97F4A7C15L + (i + 1) * 0xD1B54A32D192ED03L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public void encode(int i, long epoch, SpikeRaster out) {
        int first = label(i) == 0 ? 0 : 1;
        int t0 = onset(i);
        out.clear(steps);
        for (int t = 0; t < steps; t++) {
            if (t == t0) {
                out.add(first);
            } else if (t == t0 + gap) {
                out.add(1 - first);
            }
            out.endStep(t);
        }
    }
}

package org.snn4j.engine;

import java.util.SplittableRandom;

/**
 * Which pending spike an asynchronous engine emits next within a step: an index into the pending
 * list, whose entries are in the order they became pending. Implementations: {@link #FIFO},
 * {@link #RANDOM}, {@link #MOMENTUM}; the engine's random stream is seeded.
 */
@FunctionalInterface
public interface Scheduler {
    /** The pending entries as a scheduler sees them. */
    interface Pending {
        int size();

        /** Membrane potential of entry j (+infinity for an input spike). */
        float potential(int j);
    }

    int next(Pending pending, SplittableRandom rng);

    /** In the order neurons became pending. */
    Scheduler FIFO = (pending, rng) -> 0;

    /** Uniformly at random among the pending. */
    Scheduler RANDOM = (pending, rng) -> rng.nextInt(pending.size());

    /**
     * Highest membrane potential first (arXiv 2408.05098, asynctorch); exact ties go to a seeded
     * random choice among the tied entries.
     */
    Scheduler MOMENTUM = (pending, rng) -> {
        int best = 0;
        int ties = 1;
        for (int j = 1; j < pending.size(); j++) {
            float v = pending.potential(j);
            float b = pending.potential(best);
            if (v > b) {
                best = j;
                ties = 1;
            } else if (v == b && rng.nextInt(++ties) == 0) {
                best = j;
            }
        }
        return best;
    };
}

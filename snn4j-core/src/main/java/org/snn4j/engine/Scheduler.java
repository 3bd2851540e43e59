package org.snn4j.engine;

import java.util.SplittableRandom;
import org.snn4j.registry.Registry;

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

        /**
         * How many entries at the front are input spikes (0 if unknown): a step's input spikes become
         * pending before any neuron does, and removals keep the order, so they stay a prefix.
         */
        default int leadingInputs() {
            return 0;
        }
    }

    int next(Pending pending, SplittableRandom rng);

    /** In the order neurons became pending. */
    Scheduler FIFO = (pending, rng) -> 0;

    /** Uniformly at random among the pending. */
    Scheduler RANDOM = (pending, rng) -> rng.nextInt(pending.size());

    /**
     * Highest membrane potential first (arXiv 2408.05098, asynctorch); exact ties go to a seeded
     * random choice among the tied entries (one draw, so a step's many tied input spikes cost a scan,
     * not a draw each).
     */
    Scheduler MOMENTUM = (pending, rng) -> {
        int inputs = pending.leadingInputs();
        if (inputs > 0) {
            // the tied maxima are exactly the leading inputs: the same draw as the scans below, without them
            return inputs == 1 ? 0 : rng.nextInt(inputs);
        }
        int size = pending.size();
        int best = 0;
        float top = pending.potential(0);
        int ties = 1;
        for (int j = 1; j < size; j++) {
            float v = pending.potential(j);
            if (v > top) {
                top = v;
                best = j;
                ties = 1;
            } else if (v == top) {
                ties++;
            }
        }
        if (ties == 1) {
            return best;
        }
        int pick = rng.nextInt(ties);
        for (int j = best; ; j++) {
            if (pending.potential(j) == top && pick-- == 0) {
                return j;
            }
        }
    };

    /**
     * The schedules by name: {@code synchronous} (no scheduler: populations in zero-delay order, a
     * step's spikes delivered together; null here), {@code fifo}, {@code random}, {@code momentum}.
     */
    Registry<Scheduler> BY_NAME = Registry.<Scheduler>of("schedule").add("synchronous", null).add("fifo", FIFO)
            .add("random", RANDOM).add("momentum", MOMENTUM).build();
}

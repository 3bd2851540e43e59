package org.snn4j.model;

import java.util.SplittableRandom;

/** Integer synaptic delays in steps: a spike emitted at step k over delay d arrives at step k + d. */
public interface Delays {
    /** Largest delay a specification may hold; engines may have a smaller capacity. */
    int MAX_STEPS = Short.MAX_VALUE;

    /** One delay per synapse in generation order. */
    int[] values(int count, SplittableRandom rng, String projection);

    static Delays constantSteps(int d) {
        checkRange("delay", d);
        return (count, rng, projection) -> {
            int[] v = new int[count];
            java.util.Arrays.fill(v, d);
            return v;
        };
    }

    /** Uniform over the integers low..high inclusive, seeded. */
    static Delays uniformSteps(int low, int high) {
        checkRange("delay low", low);
        checkRange("delay high", high);
        if (high < low) {
            throw new IllegalArgumentException("delay high " + high + ": must be >= low " + low);
        }
        return (count, rng, projection) -> {
            int[] v = new int[count];
            for (int s = 0; s < count; s++) {
                v[s] = low + rng.nextInt(high - low + 1);
            }
            return v;
        };
    }

    /** Given delays, one per synapse in generation order; the length must equal the synapse count. */
    static Delays arraySteps(int... d) {
        int[] copy = Check.notNull("delays array", d).clone();
        return (count, rng, projection) -> {
            if (copy.length != count) {
                throw new IllegalArgumentException("delays array of projection " + projection + " has length "
                        + copy.length + ": must equal the synapse count " + count);
            }
            return copy.clone();
        };
    }

    private static void checkRange(String what, int steps) {
        if (steps < 0 || steps > MAX_STEPS) {
            throw new IllegalArgumentException(what + " " + steps + ": delays must be >= 0 and <= " + MAX_STEPS + " steps");
        }
    }
}

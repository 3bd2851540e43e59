package org.snn4j.model;

import java.util.SplittableRandom;

/** Synaptic weights of a projection, in the unit of the target port's current. */
public interface Weights {
    /** One weight per synapse in generation order. */
    double[] values(int count, SplittableRandom rng, String projection);

    static Weights constant(double w) {
        return (count, rng, projection) -> {
            double[] v = new double[count];
            java.util.Arrays.fill(v, w);
            return v;
        };
    }

    /** Uniform in [low, high), seeded. */
    static Weights uniform(double low, double high) {
        if (!(high >= low)) {
            throw new IllegalArgumentException("weight high " + high + ": must be >= low " + low);
        }
        return (count, rng, projection) -> {
            double[] v = new double[count];
            for (int s = 0; s < count; s++) {
                v[s] = low + rng.nextDouble() * (high - low);
            }
            return v;
        };
    }

    /** Normal(mean, sd), seeded (Box-Muller on the projection's own stream). */
    static Weights normal(double mean, double sd) {
        Check.nonNegative("weight sd", sd);
        return (count, rng, projection) -> {
            double[] v = new double[count];
            for (int s = 0; s < count; s += 2) {
                double u1 = 1 - rng.nextDouble();
                double u2 = rng.nextDouble();
                double r = Math.sqrt(-2 * Math.log(u1));
                v[s] = mean + sd * r * Math.cos(2 * Math.PI * u2);
                if (s + 1 < count) {
                    v[s + 1] = mean + sd * r * Math.sin(2 * Math.PI * u2);
                }
            }
            return v;
        };
    }

    /** Given weights, one per synapse in generation order; the length must equal the synapse count. */
    static Weights array(double... w) {
        double[] copy = Check.notNull("weights array", w).clone();
        return (count, rng, projection) -> {
            if (copy.length != count) {
                throw new IllegalArgumentException("weights array of projection " + projection + " has length "
                        + copy.length + ": must equal the synapse count " + count);
            }
            return copy.clone();
        };
    }
}

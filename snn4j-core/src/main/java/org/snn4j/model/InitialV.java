package org.snn4j.model;

import java.util.SplittableRandom;

/** Initial membrane potential of each neuron of a population: constant, seeded uniform, or given. */
public abstract class InitialV {
    private InitialV() {
    }

    /** Every neuron starts at {@code volts}. */
    public static InitialV constant(double volts) {
        Check.finite("initial V", volts);
        return new InitialV() {
            @Override
            double[] values(String population, int size, SplittableRandom rng) {
                double[] v = new double[size];
                java.util.Arrays.fill(v, volts);
                return v;
            }
        };
    }

    /** Each neuron starts at a value drawn uniformly from [lowVolts, highVolts) with the network's seed. */
    public static InitialV uniform(double lowVolts, double highVolts) {
        Check.finite("initial V low", lowVolts);
        Check.finite("initial V high", highVolts);
        if (!(highVolts >= lowVolts)) {
            throw new IllegalArgumentException("initial V high " + highVolts + ": must be >= low " + lowVolts);
        }
        return new InitialV() {
            @Override
            double[] values(String population, int size, SplittableRandom rng) {
                double[] v = new double[size];
                for (int i = 0; i < size; i++) {
                    v[i] = lowVolts + rng.nextDouble() * (highVolts - lowVolts);
                }
                return v;
            }
        };
    }

    /** Neuron i starts at {@code volts[i]}; the length must equal the population size. */
    public static InitialV array(double... volts) {
        double[] copy = Check.notNull("initial V array", volts).clone();
        for (int i = 0; i < copy.length; i++) {
            Check.finite("initial V[" + i + "]", copy[i]);
        }
        return new InitialV() {
            @Override
            double[] values(String population, int size, SplittableRandom rng) {
                if (copy.length != size) {
                    throw new IllegalArgumentException("initial V array of population '" + population + "' has length "
                            + copy.length + ": must equal the population size " + size);
                }
                return copy.clone();
            }
        };
    }

    abstract double[] values(String population, int size, SplittableRandom rng);
}

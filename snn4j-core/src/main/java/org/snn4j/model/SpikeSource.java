package org.snn4j.model;

import java.util.Arrays;

/**
 * External neurons that emit spikes but have no dynamics: given spike trains, or Poisson processes.
 * A source projects onto populations like a population does; its spikes of a step are emitted before
 * any population is updated.
 */
public abstract sealed class SpikeSource permits SpikeSource.Trains, SpikeSource.Poisson {
    private final String name;
    private final int size;

    private SpikeSource(String name, int size) {
        this.name = Check.name("source name", name);
        if (size <= 0) {
            throw new IllegalArgumentException("size " + size + " of source '" + name + "': must be > 0");
        }
        this.size = size;
    }

    public String name() {
        return name;
    }

    public int size() {
        return size;
    }

    /**
     * Neuron i of the source spikes at the steps {@code spikeSteps[i]} (steps are numbered from 1; step
     * k ends at time k dt). Each train must be strictly increasing.
     */
    public static Trains trains(String name, int[][] spikeSteps) {
        return new Trains(name, spikeSteps);
    }

    /** Every neuron spikes independently with probability rateHz * dt per step (seeded by the engine). */
    public static Poisson poisson(String name, int size, double rateHz) {
        return new Poisson(name, size, rateHz);
    }

    /** Given spike trains, one per neuron, in steps. */
    public static final class Trains extends SpikeSource {
        private final int[][] spikeSteps;

        private Trains(String name, int[][] spikeSteps) {
            super(name, Check.notNull("spikeSteps of source '" + name + "'", spikeSteps).length);
            this.spikeSteps = new int[spikeSteps.length][];
            for (int i = 0; i < spikeSteps.length; i++) {
                int[] train = spikeSteps[i] == null ? new int[0] : spikeSteps[i].clone();
                for (int s = 0; s < train.length; s++) {
                    if (train[s] < 1) {
                        throw new IllegalArgumentException("spike step " + train[s] + " at spikeSteps[" + i + "][" + s
                                + "] of source '" + name + "': steps are numbered from 1");
                    }
                    if (s > 0 && train[s] <= train[s - 1]) {
                        throw new IllegalArgumentException("spike step " + train[s] + " at spikeSteps[" + i + "][" + s
                                + "] of source '" + name + "': each train must be strictly increasing (previous "
                                + train[s - 1] + ")");
                    }
                }
                this.spikeSteps[i] = train;
            }
        }

        /** Spike steps of neuron {@code i} (a copy). */
        public int[] spikeSteps(int i) {
            return spikeSteps[i].clone();
        }

        @Override
        public String toString() {
            return "SpikeSource.Trains[" + name() + ", " + size() + " neurons, "
                    + Arrays.stream(spikeSteps).mapToInt(t -> t.length).sum() + " spikes]";
        }
    }

    /** Independent Poisson (Bernoulli per step) spike trains at a fixed rate. */
    public static final class Poisson extends SpikeSource {
        private final double rateHz;

        private Poisson(String name, int size, double rateHz) {
            super(name, size);
            this.rateHz = Check.nonNegative("rateHz of source '" + name + "'", rateHz);
        }

        public double rateHz() {
            return rateHz;
        }

        @Override
        public String toString() {
            return "SpikeSource.Poisson[" + name() + ", " + size() + " neurons, " + rateHz + " Hz]";
        }
    }
}

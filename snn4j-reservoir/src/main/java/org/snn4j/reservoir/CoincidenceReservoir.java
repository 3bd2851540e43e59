package org.snn4j.reservoir;

import java.util.SplittableRandom;
import org.snn4j.arrays.IntList;
import org.snn4j.engine.Cost;
import org.snn4j.engine.Engines;
import org.snn4j.engine.Monitor;
import org.snn4j.engine.RunResult;
import org.snn4j.model.Connect;
import org.snn4j.model.CubaLif;
import org.snn4j.model.Delays;
import org.snn4j.model.InitialV;
import org.snn4j.model.Network;
import org.snn4j.model.SpikeSource;
import org.snn4j.model.Weights;

/**
 * A spiking reservoir whose memory is its synaptic delays, run on the event-driven engine.
 *
 * <p>The input is threshold-coded by M encoder spike sources: at the first simulation step of input
 * step t, level j spikes when u[t] >= level_j (levels at the centres of M equal bins of the input
 * range, a thermometer code). The N reservoir neurons (CUBA-LIF with delta synapses, V_th 1, reset
 * to 0, tau_mem one step) take two roles, drawn with a seeded generator:
 * <ul>
 * <li><b>relay</b> neurons (a fraction of N): one synapse from a random level over a delay of d input
 * steps, d uniform in 0..relayMaxDelay, with a weight above threshold: the neuron spikes at t exactly
 * when u[t - d] >= level, a delayed copy of one bit of the input;
 * <li><b>coincidence</b> neurons (the rest): two synapses from random levels over delays of a and
 * a + lag input steps (a uniform in 0..pairMaxOffset), each below threshold and together above it:
 * the neuron spikes at t exactly when u[t - a] and u[t - a - lag] both exceed their levels, a product
 * of two delayed bits. Sums of such products are how a linear readout forms u[t] u[t - 9] (NARMA-10).
 * </ul>
 * Without delays (the ablation) every delay is 0: relays copy the present input and coincidences
 * reduce to a single level. The readout features are the neurons' spike trains filtered by
 * exponentials (time constants in simulation steps), sampled at the last step of every input step.
 * The cost (SynOps and neuron updates) is the event-driven engine's count, with closed-form
 * catch-up: a neuron is updated only when a spike reaches it.
 */
public final class CoincidenceReservoir implements Reservoir {
    private static final String POPULATION = "reservoir";
    private static final String ENCODER = "encoder";
    /** Weight of a relay synapse (one spike crosses V_th = 1) and of each synapse of a pair (two are needed). */
    static final double RELAY_WEIGHT = 1.5;
    static final double PAIR_WEIGHT = 0.6;
    /** The time step; dimensionless neurons, so its value only names the step (tau_mem is one step). */
    /** The time step the reservoir runs at. */
    public static final double DT_SECONDS = 1e-3;
    private final Spec p;

    /** The validated options. */
    private record Spec(int neurons, int levels, double relayFraction, int relayMaxDelay, int pairLag,
            int pairMaxOffset, boolean delays, int stepsPerInput, int[] traceTauSteps, double inputLow,
            double inputHigh, long seed) {
    }

    private CoincidenceReservoir(Spec p) {
        this.p = p;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int size() {
        return p.neurons() * p.traceTauSteps().length;
    }

    /** Simulation steps each input value is held for. */
    public int stepsPerInput() {
        return p.stepsPerInput();
    }

    /** The network this reservoir runs for an input sequence (its spec, seeded). */
    public Network network(double[] u) {
        for (int t = 0; t < u.length; t++) {
            if (!Double.isFinite(u[t])) {
                throw new IllegalArgumentException("input u[" + t + "] = " + u[t] + ": must be finite");
            }
        }
        int m = p.levels();
        int k = p.stepsPerInput();
        int[][] spikeSteps = new int[m][];
        for (int j = 0; j < m; j++) {
            IntList train = new IntList(u.length);
            for (int t = 0; t < u.length; t++) {
                if (u[t] >= level(j)) {
                    train.add(t * k + 1); // steps are numbered from 1
                }
            }
            spikeSteps[j] = train.toArray();
        }
        int n = p.neurons();
        int relays = (int) Math.round(p.relayFraction() * n);
        int synapses = relays + 2 * (n - relays);
        int[] pre = new int[synapses];
        int[] post = new int[synapses];
        double[] weight = new double[synapses];
        int[] delay = new int[synapses];
        SplittableRandom rng = new SplittableRandom(p.seed());
        int s = 0;
        for (int i = 0; i < n; i++) {
            if (i < relays) {
                pre[s] = rng.nextInt(m);
                post[s] = i;
                weight[s] = RELAY_WEIGHT;
                delay[s++] = p.delays() ? rng.nextInt(p.relayMaxDelay() + 1) * k : 0;
            } else {
                int a = rng.nextInt(p.pairMaxOffset() + 1);
                for (int b = 0; b < 2; b++) {
                    pre[s] = rng.nextInt(m);
                    post[s] = i;
                    weight[s] = PAIR_WEIGHT;
                    delay[s++] = p.delays() ? (a + b * p.pairLag()) * k : 0;
                }
            }
        }
        CubaLif lif = CubaLif.builder().tauMemSeconds(DT_SECONDS).tauSynSeconds(0).vLeak(0).vThreshold(1).vReset(0)
                .refractorySeconds(0).build();
        return Network.builder()
                .source(SpikeSource.trains(ENCODER, spikeSteps))
                .population(POPULATION, n, lif, InitialV.constant(0))
                .connect(ENCODER, POPULATION, Connect.explicit(pre, post), Weights.array(weight), Delays.arraySteps(delay))
                .build(p.seed());
    }

    /** The threshold of encoder level j: the centre of bin j of M equal bins over the input range. */
    double level(int j) {
        return p.inputLow() + (p.inputHigh() - p.inputLow()) * (j + 0.5) / p.levels();
    }

    @Override
    public Run run(double[] u) {
        int steps = u.length;
        int k = p.stepsPerInput();
        RunResult result = Engines.event(network(u), DT_SECONDS).closedFormCatchUp(true).record(Monitor.spikes(POPULATION))
                .runSteps((long) steps * k);
        double[][] states = SpikeTraces.sample(result.spikes(POPULATION), p.neurons(), p.traceTauSteps(), k, steps);
        Cost c = result.cost();
        return new Run(states, 0, (double) c.synOps() / steps, (double) c.neuronUpdates() / steps,
                (double) c.spikes() / ((double) c.neurons() * steps));
    }

    /** All options, validated by {@link #build()}. */
    public static final class Builder {
        private int neurons = 200;
        private int levels = 4;
        private double relayFraction = 0.5;
        private int relayMaxDelay = 20;
        private int pairLag = 9;
        private int pairMaxOffset = 3;
        private boolean delays = true;
        private int stepsPerInput = 1;
        private int[] traceTauSteps = {1};
        private double inputLow;
        private double inputHigh = 0.5;
        private long seed = 1;

        private Builder() {
        }

        public Builder neurons(int v) {
            neurons = v;
            return this;
        }

        /** M: encoder levels (thermometer code). */
        public Builder levels(int v) {
            levels = v;
            return this;
        }

        /** Fraction of the neurons that relay one delayed input bit; the rest detect coincidences. */
        public Builder relayFraction(double v) {
            relayFraction = v;
            return this;
        }

        /** Relay delays are uniform in 0..v input steps. */
        public Builder relayMaxDelay(int v) {
            relayMaxDelay = v;
            return this;
        }

        /** The two delays of a coincidence neuron are a and a + lag input steps, a uniform in 0..maxOffset. */
        public Builder pair(int lag, int maxOffset) {
            pairLag = lag;
            pairMaxOffset = maxOffset;
            return this;
        }

        /** false: every delay 0 (the ablation without delays). */
        public Builder delays(boolean v) {
            delays = v;
            return this;
        }

        /** K: simulation steps per input step. */
        public Builder stepsPerInput(int v) {
            stepsPerInput = v;
            return this;
        }

        public Builder traceTauSteps(int... v) {
            traceTauSteps = v.clone();
            return this;
        }

        /** The range the encoder levels are spread over (NARMA-10: [0, 0.5)). */
        public Builder inputRange(double low, double high) {
            inputLow = low;
            inputHigh = high;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public CoincidenceReservoir build() {
            if (neurons <= 0) {
                throw new IllegalArgumentException("neurons " + neurons + ": must be > 0");
            }
            if (levels < 1) {
                throw new IllegalArgumentException("levels " + levels + ": must be >= 1");
            }
            if (!(relayFraction >= 0 && relayFraction <= 1)) {
                throw new IllegalArgumentException("relayFraction " + relayFraction + ": must be in [0, 1]");
            }
            if (relayMaxDelay < 0) {
                throw new IllegalArgumentException("relayMaxDelay " + relayMaxDelay + ": must be >= 0 input steps");
            }
            if (pairLag < 1 || pairMaxOffset < 0) {
                throw new IllegalArgumentException("pair (lag " + pairLag + ", max offset " + pairMaxOffset
                        + "): needs lag >= 1 and max offset >= 0 input steps");
            }
            SpikeTraces.check(stepsPerInput, traceTauSteps);
            if (!(Double.isFinite(inputLow) && Double.isFinite(inputHigh) && inputLow < inputHigh)) {
                throw new IllegalArgumentException("inputRange [" + inputLow + ", " + inputHigh
                        + "): needs finite low < high");
            }
            return new CoincidenceReservoir(new Spec(neurons, levels, relayFraction, relayMaxDelay, pairLag,
                    pairMaxOffset, delays, stepsPerInput, traceTauSteps.clone(), inputLow, inputHigh, seed));
        }
    }
}

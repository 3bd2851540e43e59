package org.snn4j.reservoir;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.snn4j.engine.Cost;
import org.snn4j.engine.Engines;
import org.snn4j.engine.Monitor;
import org.snn4j.engine.ProgressListener;
import org.snn4j.engine.SpikeTrain;
import org.snn4j.model.Connect;
import org.snn4j.model.CubaLif;
import org.snn4j.model.Delays;
import org.snn4j.model.InitialV;
import org.snn4j.model.Network;
import org.snn4j.model.Port;
import org.snn4j.model.Weights;

/**
 * A spiking reservoir on the clock engine: N CUBA-LIF neurons (dimensionless: V_leak 0, V_th 1,
 * V_reset 0, R 1), a fraction excitatory; each neuron projects to a fixed number of others with
 * weight w_e (excitatory, port 0) or -g w_e (inhibitory, port 1) and an integer delay drawn uniformly
 * from [minDelay, maxDelay] steps. Each input value is held for K simulation steps as the current
 * s_in w_in[i] u[t] + bias[i] (w_in and bias seeded uniform in their ranges). The readout features
 * are each neuron's spike train filtered by exponentials of the given time constants (in steps),
 * sampled at the last step of every input step.
 *
 * <p>With an encoder ({@link Builder#encoder}), the input also reaches the reservoir as spikes: M
 * encoder neurons threshold-code u (neuron j is driven above threshold when u exceeds its own level,
 * spread over the input range), and each projects to a fixed number of reservoir neurons over delays
 * drawn up to a maximum, so that a reservoir neuron can fire on the coincidence of u[t - i] and
 * u[t - j] arriving over paths of different delay.
 */
public final class SpikingReservoir implements Reservoir {
    private static final String POPULATION = "reservoir";
    private static final String ENCODER = "encoder";
    private final Builder p;

    private SpikingReservoir(Builder p) {
        this.p = p;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int size() {
        return p.neurons * p.traceTauSteps.length;
    }

    /** The network this reservoir runs for an input sequence (its spec, seeded). */
    public Network network(double[] u) {
        int n = p.neurons;
        int excitatory = (int) Math.round(p.excitatoryFraction * n);
        SplittableRandom rng = new SplittableRandom(p.seed);
        double[] inputWeights = new double[n];
        double[] bias = new double[n];
        for (int i = 0; i < n; i++) {
            inputWeights[i] = p.inputScale * (p.inputWeightLow + (p.inputWeightHigh - p.inputWeightLow) * rng.nextDouble());
            bias[i] = p.biasLow + (p.biasHigh - p.biasLow) * rng.nextDouble();
        }
        double[] ones = new double[u.length];
        Arrays.fill(ones, 1.0);
        CubaLif lif = CubaLif.builder().tauMemSeconds(p.tauMemSteps * p.dtSeconds)
                .tauSynSeconds(p.tauSynSteps * p.dtSeconds, p.tauSynSteps * p.dtSeconds)
                .vLeak(0).vThreshold(1).vReset(0).refractorySeconds(p.refractorySteps * p.dtSeconds).build();
        Network.Builder b = Network.builder()
                .population(POPULATION, n, lif, InitialV.uniform(0, 1))
                .analogInput(POPULATION, inputWeights, u, p.stepsPerInput)
                .analogInput(POPULATION, bias, ones, p.stepsPerInput);
        if (p.encoderNeurons > 0) {
            // encoder j: current gain * u + 1 - gain * level_j crosses V_th = 1 when u > level_j
            int m = p.encoderNeurons;
            double[] gain = new double[m];
            double[] offset = new double[m];
            for (int j = 0; j < m; j++) {
                double level = p.inputHigh * (j + 0.5) / m;
                gain[j] = p.encoderGain;
                offset[j] = 1 - p.encoderGain * level;
            }
            b.population(ENCODER, m, lif, InitialV.uniform(0, 1))
                    .analogInput(ENCODER, gain, u, p.stepsPerInput)
                    .analogInput(ENCODER, offset, ones, p.stepsPerInput)
                    .connect(ENCODER, POPULATION, Connect.fixedFanOut(Math.min(p.encoderFanOut, n)),
                            Weights.constant(p.encoderWeight), Delays.uniformSteps(0, p.encoderMaxDelaySteps),
                            Port.of(0));
        }
        Delays delays = Delays.uniformSteps(p.minDelaySteps, p.maxDelaySteps);
        if (excitatory > 0 && p.fanOut > 0) {
            b.connect(POPULATION, POPULATION, Connect.fixedFanOut(p.fanOut).sourceRange(0, excitatory),
                    Weights.constant(p.weightExc), delays, Port.of(0));
        }
        if (excitatory < n && p.fanOut > 0) {
            b.connect(POPULATION, POPULATION, Connect.fixedFanOut(p.fanOut).sourceRange(excitatory, n),
                    Weights.constant(-p.inhibitoryRatio * p.weightExc), delays, Port.of(1));
        }
        return b.build(rng.nextLong());
    }

    @Override
    public Run run(double[] u) {
        int steps = u.length;
        int k = p.stepsPerInput;
        var result = Engines.clock(network(u), p.dtSeconds).record(Monitor.spikes(POPULATION))
                .runSteps((long) steps * k, ProgressListener.NONE);
        SpikeTrain spikes = result.spikes(POPULATION);
        double[][] states = SpikeTraces.sample(spikes, p.neurons, p.traceTauSteps, k, steps);
        Cost c = result.cost();
        return new Run(states, 0, (double) c.synOps() / steps, (double) c.neuronUpdates() / steps,
                (double) c.spikes() / ((double) c.neurons() * steps));
    }

    /** All options, validated by {@link #build()}; defaults are a starting point, not a tuned model. */
    public static final class Builder {
        private int neurons = 200;
        private double excitatoryFraction = 0.8;
        private int fanOut = 10;
        private double weightExc = 0.5;
        private double inhibitoryRatio = 4;
        private int minDelaySteps = 1;
        private int maxDelaySteps = 1;
        private int stepsPerInput = 5;
        private double inputScale = 1;
        private double inputWeightLow = -1;
        private double inputWeightHigh = 1;
        private double biasLow = 0.6;
        private double biasHigh = 1.1;
        private int[] traceTauSteps = {5, 20};
        private double dtSeconds = 1e-3;
        private double tauMemSteps = 10;
        private double tauSynSteps = 5;
        private int refractorySteps = 2;
        private long seed = 1;
        private int encoderNeurons;
        private int encoderFanOut = 10;
        private double encoderWeight = 1;
        private double encoderGain = 4;
        private int encoderMaxDelaySteps;
        private double inputHigh = 0.5;

        private Builder() {
        }

        /**
         * Adds an encoder of {@code neurons} threshold-coding neurons (levels spread over [0, 0.5), the
         * NARMA input range), each projecting to {@code fanOut} reservoir neurons with weight
         * {@code weight} and delays uniform in 0..maxDelaySteps; 0 neurons (the default) means none.
         */
        public Builder encoder(int neurons, int fanOut, double weight, int maxDelaySteps) {
            encoderNeurons = neurons;
            encoderFanOut = fanOut;
            encoderWeight = weight;
            encoderMaxDelaySteps = maxDelaySteps;
            return this;
        }

        public Builder neurons(int v) {
            neurons = v;
            return this;
        }

        public Builder excitatoryFraction(double v) {
            excitatoryFraction = v;
            return this;
        }

        public Builder fanOut(int v) {
            fanOut = v;
            return this;
        }

        /** Excitatory weight w_e (a jump of the synaptic current, threshold units). */
        public Builder weightExc(double v) {
            weightExc = v;
            return this;
        }

        /** g: inhibitory weights are -g w_e. */
        public Builder inhibitoryRatio(double v) {
            inhibitoryRatio = v;
            return this;
        }

        /** Delays uniform over [min, max] steps; (1, 1) is the reservoir without delays. */
        public Builder delaySteps(int min, int max) {
            minDelaySteps = min;
            maxDelaySteps = max;
            return this;
        }

        /** K: simulation steps per input step (the input is held). */
        public Builder stepsPerInput(int v) {
            stepsPerInput = v;
            return this;
        }

        /** s_in. */
        public Builder inputScale(double v) {
            inputScale = v;
            return this;
        }

        public Builder biasRange(double low, double high) {
            biasLow = low;
            biasHigh = high;
            return this;
        }

        public Builder traceTauSteps(int... v) {
            traceTauSteps = v.clone();
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public SpikingReservoir build() {
            if (neurons <= 0) {
                throw new IllegalArgumentException("neurons " + neurons + ": must be > 0");
            }
            if (fanOut < 0 || fanOut >= neurons) {
                throw new IllegalArgumentException("fanOut " + fanOut + ": must be in [0, neurons = " + neurons + ")");
            }
            if (!(excitatoryFraction >= 0 && excitatoryFraction <= 1)) {
                throw new IllegalArgumentException("excitatoryFraction " + excitatoryFraction + ": must be in [0, 1]");
            }
            if (minDelaySteps < 1 || maxDelaySteps < minDelaySteps) {
                throw new IllegalArgumentException("delaySteps [" + minDelaySteps + ", " + maxDelaySteps
                        + "]: must satisfy 1 <= min <= max (D >= 1)");
            }
            SpikeTraces.check(stepsPerInput, traceTauSteps);
            for (double v : new double[] {weightExc, inhibitoryRatio, inputScale, inputWeightLow, inputWeightHigh,
                    biasLow, biasHigh}) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("reservoir parameter " + v + ": must be finite");
                }
            }
            if (weightExc < 0 || inhibitoryRatio < 0) {
                throw new IllegalArgumentException("weightExc " + weightExc + " / inhibitoryRatio " + inhibitoryRatio
                        + ": must be >= 0");
            }
            if (encoderNeurons < 0 || encoderFanOut < 1 || encoderMaxDelaySteps < 0 || !(encoderWeight >= 0)
                    || Double.isInfinite(encoderWeight)) {
                throw new IllegalArgumentException("encoder (" + encoderNeurons + " neurons, fan-out " + encoderFanOut
                        + ", weight " + encoderWeight + ", max delay " + encoderMaxDelaySteps
                        + "): needs neurons >= 0, fan-out >= 1, a finite weight >= 0 and delays >= 0");
            }
            Builder copy = new Builder();
            copy.encoderNeurons = encoderNeurons;
            copy.encoderFanOut = encoderFanOut;
            copy.encoderWeight = encoderWeight;
            copy.encoderGain = encoderGain;
            copy.encoderMaxDelaySteps = encoderMaxDelaySteps;
            copy.inputHigh = inputHigh;
            copy.neurons = neurons;
            copy.excitatoryFraction = excitatoryFraction;
            copy.fanOut = fanOut;
            copy.weightExc = weightExc;
            copy.inhibitoryRatio = inhibitoryRatio;
            copy.minDelaySteps = minDelaySteps;
            copy.maxDelaySteps = maxDelaySteps;
            copy.stepsPerInput = stepsPerInput;
            copy.inputScale = inputScale;
            copy.inputWeightLow = inputWeightLow;
            copy.inputWeightHigh = inputWeightHigh;
            copy.biasLow = biasLow;
            copy.biasHigh = biasHigh;
            copy.traceTauSteps = traceTauSteps.clone();
            copy.seed = seed;
            return new SpikingReservoir(copy);
        }
    }
}

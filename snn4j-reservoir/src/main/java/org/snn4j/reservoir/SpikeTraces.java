package org.snn4j.reservoir;

import org.snn4j.engine.SpikeTrain;

/** The spiking reservoirs' readout features: exponentially filtered spike trains. */
final class SpikeTraces {
    private SpikeTraces() {
    }

    /** Checks a spiking reservoir's K and readout time constants. */
    static void check(int stepsPerInput, int[] tauSteps) {
        if (stepsPerInput < 1) {
            throw new IllegalArgumentException("stepsPerInput " + stepsPerInput + ": must be >= 1");
        }
        if (tauSteps.length == 0) {
            throw new IllegalArgumentException("traceTauSteps []: give at least one time constant");
        }
        for (int tau : tauSteps) {
            if (tau <= 0) {
                throw new IllegalArgumentException("traceTauSteps " + tau + ": must be > 0 steps");
            }
        }
    }

    /**
     * Each neuron's spike train filtered by exponentials of the given time constants (in simulation
     * steps), sampled at the last step of every input step of {@code stepsPerInput} steps: one block of
     * {@code neurons} features per time constant.
     */
    static double[][] sample(SpikeTrain spikes, int neurons, int[] tauSteps, int stepsPerInput, int inputSteps) {
        int taus = tauSteps.length;
        double[][] out = new double[inputSteps][neurons * taus];
        double[] decay = new double[taus];
        for (int j = 0; j < taus; j++) {
            decay[j] = Math.exp(-1.0 / tauSteps[j]);
        }
        double[][] trace = new double[taus][neurons];
        int[] last = new int[neurons];
        int[] steps = spikes.steps();
        int[] ids = spikes.neurons();
        int s = 0;
        for (int t = 0; t < inputSteps; t++) {
            int sample = (t + 1) * stepsPerInput;
            for (; s < steps.length && steps[s] <= sample; s++) {
                int i = ids[s];
                for (int j = 0; j < taus; j++) {
                    trace[j][i] = trace[j][i] * Math.pow(decay[j], steps[s] - last[i]) + 1;
                }
                last[i] = steps[s];
            }
            for (int j = 0; j < taus; j++) {
                for (int i = 0; i < neurons; i++) {
                    out[t][j * neurons + i] = trace[j][i] * Math.pow(decay[j], sample - last[i]);
                }
            }
        }
        return out;
    }
}

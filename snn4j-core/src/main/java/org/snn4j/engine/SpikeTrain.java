package org.snn4j.engine;

/**
 * Recorded spikes of one population, by step; within a step by neuron index (clock engine and the
 * synchronous schedule) or in emission order (asynchronous schedules):
 * spike s is neuron {@code neurons[s]} at step {@code steps[s]} (time steps[s] * dt).
 */
public record SpikeTrain(String population, int[] steps, int[] neurons, double dtSeconds) {
    public int count() {
        return steps.length;
    }

    /** Spike times in seconds: step k ends at time k dt. */
    public double[] timesSeconds() {
        double[] t = new double[steps.length];
        for (int s = 0; s < t.length; s++) {
            t[s] = steps[s] * dtSeconds;
        }
        return t;
    }

    /** Steps at which one neuron spiked. */
    public int[] stepsOf(int neuron) {
        int n = 0;
        for (int x : neurons) {
            if (x == neuron) {
                n++;
            }
        }
        int[] out = new int[n];
        n = 0;
        for (int s = 0; s < neurons.length; s++) {
            if (neurons[s] == neuron) {
                out[n++] = steps[s];
            }
        }
        return out;
    }
}

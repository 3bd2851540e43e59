package org.snn4j.kernel;

/**
 * The refractory neurons of one slice of a population: their indices, with the remaining steps in
 * the population's {@code refractory} array and the potential they are held at in {@code heldV}.
 * After a step has integrated every neuron, {@link #restore} puts the held potentials back.
 */
public final class RefractoryList {
    private final int[] neurons;
    private int count;

    public RefractoryList(int capacity) {
        neurons = new int[capacity];
    }

    /** Puts back the held V of every listed neuron, counts its step, and drops those that are done. */
    public void restore(float[] v, int[] refractory, float[] heldV) {
        int m = count;
        for (int h = 0; h < m; ) {
            int j = neurons[h];
            v[j] = heldV[j];
            if (--refractory[j] == 0) {
                neurons[h] = neurons[--m];
            } else {
                h++;
            }
        }
        count = m;
    }

    /** Makes this step's spikers refractory for {@code steps} steps, held at their reset potential. */
    public void add(int[] spikes, int spikeCount, int steps, float[] v, int[] refractory, float[] heldV) {
        if (steps == 0) {
            return;
        }
        for (int s = 0; s < spikeCount; s++) {
            int i = spikes[s];
            refractory[i] = steps;
            heldV[i] = v[i];
            neurons[count++] = i;
        }
    }
}
